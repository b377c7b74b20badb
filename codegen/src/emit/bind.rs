//! Typed accessors for binding files. A field whose bytes hold a value of another schema
//! and encoding gets a method on its struct that decodes them on demand. Its errors name
//! both layers, and its offsets count from the outer input.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::bind::{Binding, BindingFile, ConditionValue, Encoding, Layer};
use crate::diagnostic::Diagnostic;
use crate::emit::der::oid_content;
use crate::emit::names::{ident, snake, upper_camel};
use crate::generate::GeneratedModule;

/// The module declaring a generated type, and whether the type borrows from the input.
struct Located {
    module: usize,
    borrows: bool,
}

/// Finds the module that declares the Rust type `name`. The module of `preferred`, the
/// schema the binding file's alias names, wins when it declares it. Otherwise the first
/// module that does is taken, as for a TLS type defined in a schema the aliased one uses.
fn locate(modules: &[GeneratedModule], name: &str, preferred: Option<&str>) -> Option<Located> {
    let preferred_index = preferred.and_then(|module| {
        modules
            .iter()
            .position(|candidate| candidate.module == module)
    });
    if let Some(found) = preferred_index.and_then(|index| declares(modules, index, name)) {
        return Some(found);
    }
    (0..modules.len()).find_map(|index| declares(modules, index, name))
}

/// Returns where module `index` declares the Rust type `name`, if it does.
fn declares(modules: &[GeneratedModule], index: usize, name: &str) -> Option<Located> {
    let text = modules[index].items.to_string();
    ["struct", "enum", "type"].iter().find_map(|keyword| {
        let declaration = format!("pub {keyword} {name} ");
        let position = text.find(&declaration)?;
        let after = &text[position + declaration.len()..];
        Some(Located {
            module: index,
            borrows: after.starts_with("< 'a >"),
        })
    })
}

/// Returns the Rust module of the schema file that an alias of the binding file names.
fn alias_module(bindings: &BindingFile, alias: &str) -> Option<String> {
    bindings
        .uses
        .iter()
        .find(|used| used.alias == alias)
        .map(|used| crate::emit::tls::module_name(&used.path))
}

/// Appends one accessor per binding to the module that declares the bound type.
pub fn emit_accessors(
    bindings: &BindingFile,
    modules: &mut [GeneratedModule],
) -> Result<(), Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut accessors: Vec<(usize, TokenStream)> = Vec::new();
    for binding in &bindings.bindings {
        match accessor(bindings, binding, modules) {
            Ok(found) => accessors.push(found),
            Err(message) => diagnostics.push(
                Diagnostic::error(&bindings.file, binding.span, message).with_help(
                    "generate the schemas that define both types together with the binding file",
                ),
            ),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    for (module, items) in accessors {
        modules[module].items.extend(items);
    }
    Ok(())
}

/// Returns the Rust path of a type declared in module `located`, seen from module `from`.
fn type_path(
    modules: &[GeneratedModule],
    located: &Located,
    name: &str,
    from: usize,
) -> TokenStream {
    let name = ident(name);
    let lifetime = if located.borrows {
        quote! { <'a> }
    } else {
        TokenStream::new()
    };
    if located.module == from {
        quote! { #name #lifetime }
    } else {
        let module = ident(&modules[located.module].module);
        quote! { super::#module::#name #lifetime }
    }
}

fn accessor(
    bindings: &BindingFile,
    binding: &Binding,
    modules: &[GeneratedModule],
) -> Result<(usize, TokenStream), String> {
    let owner_name = upper_camel(&binding.target.type_name);
    let owner_module = alias_module(bindings, &binding.target.alias);
    let owner = locate(modules, &owner_name, owner_module.as_deref()).ok_or_else(|| {
        format!(
            "no generated type `{owner_name}` for `{}`",
            binding.target.type_name
        )
    })?;
    if !owner.borrows {
        return Err(format!(
            "`{}` holds no bytes to decode further",
            binding.target.type_name
        ));
    }
    let owner_type = ident(&owner_name);

    // The bytes: a field, or the newtype's own bytes for a binding on a type.
    let (bytes, label, method) = match binding.target.fields.as_slice() {
        [] => (
            quote! { self.0 },
            binding.target.type_name.clone(),
            String::from("as"),
        ),
        fields => {
            let access = fields.iter().map(|field| ident(&snake(field)));
            let last = fields.last().cloned().unwrap_or_default();
            (
                quote! { self #(.#access)* },
                last.clone(),
                format!("{}_as", snake(&last)),
            )
        }
    };

    let (decode, output, target_name) =
        layer_code(bindings, &binding.layer, modules, owner.module)?;
    let method = format_ident!("{}_{}", method, snake(&target_name));
    let method_within = format_ident!("{}_within", method);
    let doc = format!(
        " Decodes `{label}` as the `{target_name}` it holds, as the binding file says; \
         offsets count from the field's first byte."
    );
    let doc_within = format!(
        " Decodes `{label}` as the `{target_name}` it holds; offsets count from the start \
         of `input`, the bytes this value was decoded from."
    );
    let field_label = label.clone();
    let owner_label = binding.target.type_name.clone();
    let body = quote! {
        let bytes: &'a [u8] = #bytes;
        let base = ::rfcodec::offset_within(input, bytes).unwrap_or(0);
        let decoded: ::rfcodec::Result<#output> = (|| { #decode })();
        decoded.map_err(|error| error.in_field(#field_label).in_type(#owner_label))
    };
    let (result, wrap_some, call) = match &binding.condition {
        None => (
            quote! { ::rfcodec::Result<#output> },
            quote! { #body },
            quote! { self.#method_within(&[]) },
        ),
        Some(condition) => {
            let path = condition.path.iter().map(|field| ident(&snake(field)));
            let value = quote! { self #(.#path)* };
            // The test is true when the binding does not apply.
            let unbound = match &condition.value {
                ConditionValue::ObjectIdentifier(arcs) => {
                    let content = oid_content(arcs).ok_or("the condition's OID has no encoding")?;
                    let content = content.into_iter().map(Literal::u8_unsuffixed);
                    quote! { #value.as_bytes() != [#(#content),*] }
                }
                ConditionValue::Name(name) => quote! { #value.schema_name() != #name },
                ConditionValue::Number(number) => {
                    quote! { ::rfcodec::tls::Enumerated::value(&#value) != #number }
                }
            };
            (
                quote! { ::core::option::Option<::rfcodec::Result<#output>> },
                quote! {
                    if #unbound {
                        return None;
                    }
                    Some({ #body })
                },
                quote! { self.#method_within(&[]) },
            )
        }
    };
    let items = quote! {
        impl<'a> #owner_type<'a> {
            #[doc = #doc]
            pub fn #method(&self) -> #result {
                #call
            }

            #[doc = #doc_within]
            #[allow(clippy::redundant_closure_call)]
            pub fn #method_within(&self, input: &'a [u8]) -> #result {
                #wrap_some
            }
        }
    };
    Ok((owner.module, items))
}

/// Returns the decode expression (of `bytes` and `base`), its Rust output type and the
/// innermost type's name.
fn layer_code(
    bindings: &BindingFile,
    layer: &Layer,
    modules: &[GeneratedModule],
    from: usize,
) -> Result<(TokenStream, TokenStream, String), String> {
    match layer {
        Layer::DerNull => Ok((
            quote! {
                <::rfcodec::der::Null as ::rfcodec::der::Decode>::decode_with(
                    bytes,
                    ::rfcodec::DecodeOptions::default().with_base_offset(base),
                )
            },
            quote! { ::rfcodec::der::Null },
            String::from("Null"),
        )),
        Layer::DerOctetString(inner) => {
            let (inner_decode, output, name) = layer_code(bindings, inner, modules, from)?;
            Ok((
                quote! {
                    let content = <&'a [u8] as ::rfcodec::der::Decode>::decode_with(
                        bytes,
                        ::rfcodec::DecodeOptions::default().with_base_offset(base),
                    )?;
                    let base = base + ::rfcodec::offset_within(bytes, content).unwrap_or(0);
                    let bytes: &'a [u8] = content;
                    #inner_decode
                },
                output,
                name,
            ))
        }
        Layer::Type {
            encoding,
            alias,
            type_name,
            ..
        } => {
            let rust_name = upper_camel(type_name);
            let preferred = alias_module(bindings, alias);
            let located = locate(modules, &rust_name, preferred.as_deref())
                .ok_or_else(|| format!("no generated type `{rust_name}` for `{type_name}`"))?;
            let path = type_path(modules, &located, &rust_name, from);
            let decode = match encoding {
                Encoding::Der => quote! {
                    <#path as ::rfcodec::der::Decode>::decode_with(
                        bytes,
                        ::rfcodec::DecodeOptions::default().with_base_offset(base),
                    )
                },
                Encoding::Tls => quote! {
                    <#path as ::rfcodec::tls::Decode>::decode_with(
                        bytes,
                        ::rfcodec::DecodeOptions::default().with_base_offset(base),
                    )
                },
            };
            Ok((decode, path, rust_name))
        }
    }
}
