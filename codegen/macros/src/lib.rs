//! Procedural macros of rfcodec: a thin shell over `rfcodec-codegen`, which does the
//! parsing, checking and code generation and reports every mistake as a spanned error.

use std::path::PathBuf;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Generates one `pub mod` per schema file, from files whose paths are relative to the
/// calling package's root (the folder of its `Cargo.toml`). A schema reached through
/// `use` gets its own module too, and cargo rebuilds the caller when any of them changes.
///
/// ```ignore
/// mod ct {
///     rfcodec::include_schema!("schemas/rfc5246.tls", "schemas/rfc6962.tls");
/// }
/// // `open_enums` keeps unknown values of the named TLS enums instead of rejecting them.
/// rfcodec::include_schema!("schemas/rfc8446.tls", open_enums = ["ExtensionType"]);
/// ```
///
/// The modules hold the same code as the build-script `Builder` writes for the same files.
/// A schema mistake is a compile error on the path literal, naming the schema file, line
/// and column.
#[proc_macro]
pub fn include_schema(input: TokenStream) -> TokenStream {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    rfcodec_codegen::schema_macros::include_schema(input.into(), manifest_dir.as_deref())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Generates the types of TLS presentation language text pasted verbatim into a raw
/// string, in place, with no module around them. The text cannot `use` other files.
///
/// ```ignore
/// rfcodec::tls!(r#"
///     struct { opaque key_id[32]; } LogID;
/// "#);
/// ```
///
/// `open_enums = ["Name", ...]` may follow the text, as for [`include_schema!`]. A
/// schema mistake is a compile error on the literal whose message gives the line and
/// column inside the text, where line 1 is the line the literal opens on.
#[proc_macro]
pub fn tls(input: TokenStream) -> TokenStream {
    rfcodec_codegen::schema_macros::tls(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Generates the types of an ASN.1 module pasted verbatim into a raw string, in place.
/// Raw strings keep the `--` comments and apostrophes that Rust tokens would not.
///
/// ```ignore
/// rfcodec::asn1!(r#"
/// Example DEFINITIONS ::= BEGIN
///     Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
/// END
/// "#);
/// ```
///
/// The module is parsed and checked, and every mistake is a compile error on the literal.
/// A module without mistakes is an error too for now, because ASN.1 code generation does
/// not exist yet.
#[proc_macro]
pub fn asn1(input: TokenStream) -> TokenStream {
    rfcodec_codegen::schema_macros::asn1(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives `rfcodec::tls::Decode` and `Encode` (or `Select` for a `select` enum) from a
/// struct or enum and its `#[tls(...)]` attributes.
#[proc_macro_derive(Tls, attributes(tls))]
pub fn derive_tls(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    rfcodec_codegen::derive::derive_tls(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Derives the DER codec of a SEQUENCE or SET (struct), CHOICE (enum) or ENUMERATED
/// (`#[der(enumerated)]` enum) from its `#[der(...)]` attributes.
#[proc_macro_derive(Der, attributes(der))]
pub fn derive_der(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    rfcodec_codegen::derive::derive_der(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
