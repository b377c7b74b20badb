//! Rust code generation: how each field or component is read and written, shared by the
//! schema emitters and the derive macros so both produce the same wire code.

pub mod bind;
pub mod der;
pub mod der_wire;
pub mod names;
pub mod tls;
pub mod tls_wire;

use proc_macro2::TokenStream;
use quote::quote;

/// Formats generated items as a Rust source file, with prettyplease.
pub fn format_file(items: TokenStream) -> Result<String, syn::Error> {
    let file: syn::File = syn::parse2(items)?;
    Ok(prettyplease::unparse(&file))
}

/// Returns an expression adding the `usize` terms, or `0` when there are none.
pub fn sum(terms: &[TokenStream]) -> TokenStream {
    if terms.is_empty() {
        quote! { 0 }
    } else {
        quote! { #(#terms)+* }
    }
}

/// Wraps a decode expression so an error leaving it names `field`.
pub fn in_field(expression: TokenStream, field: &str) -> TokenStream {
    quote! { #expression.map_err(|error| error.in_field(#field)) }
}
