//! Procedural macros of rfcodec: a thin shell over `rfcodec-codegen`, which does the
//! parsing, checking and code generation and reports every mistake as a spanned error.

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

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
