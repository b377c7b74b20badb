//! `#[derive(Der)]`: DER codecs for hand-written SEQUENCE and SET types (structs), CHOICE
//! types (enums with one value per variant) and ENUMERATED types (X.680, X.690).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Field, Fields, GenericArgument, Lifetime, PathArguments, Type};

use super::Errors;
use super::attrs::{self, Entry, Kind, Value};
use crate::emit::der_wire::{Class, Component, Presence, TagNumber, Tagging};

const FIELD_KEYS: &[(&str, Kind)] = &[
    ("context", Kind::Number),
    ("application", Kind::Number),
    ("private", Kind::Number),
    ("explicit", Kind::Flag),
    ("implicit", Kind::Flag),
    ("default", Kind::Expression),
];

/// Expands `#[derive(Der)]`.
pub fn derive_der(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let entries = attrs::read(
        &input.attrs,
        "der",
        &[("set", Kind::Flag), ("enumerated", Kind::Flag)],
        &mut errors,
    );
    errors.finish()?;
    match &input.data {
        Data::Struct(data) => {
            derive_structure(input, &data.fields, attrs::find(&entries, "set").is_some())
        }
        Data::Enum(data) if attrs::find(&entries, "enumerated").is_some() => {
            derive_enumerated(input, data)
        }
        Data::Enum(data) => derive_choice(input, data),
        Data::Union(data) => Err(syn::Error::new(
            data.union_token.span,
            "`#[derive(Der)]` supports structs and enums, not unions",
        )),
    }
}

fn decode_lifetime(input: &DeriveInput) -> syn::Result<(Lifetime, TokenStream)> {
    let mut lifetimes = input.generics.lifetimes();
    let first = lifetimes.next().map(|param| param.lifetime.clone());
    if let Some(extra) = lifetimes.next() {
        return Err(syn::Error::new(
            extra.span(),
            "`#[derive(Der)]` supports at most one lifetime, the one decoding borrows for",
        ));
    }
    if let Some(param) = input.generics.type_params().next() {
        return Err(syn::Error::new(
            param.span(),
            "`#[derive(Der)]` does not support type parameters",
        ));
    }
    let name = &input.ident;
    Ok(match first {
        Some(lifetime) => {
            let ty = quote! { #name<#lifetime> };
            (lifetime, ty)
        }
        None => (Lifetime::new("'de", Span::call_site()), quote! { #name }),
    })
}

/// Strips one `Option<..>` or `Box<..>` from a type.
fn unwrap_type<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(angle) = &segment.arguments else {
        return None;
    };
    match angle.args.first()? {
        GenericArgument::Type(inner) if angle.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Reads a field's tag, tagging mode and DEFAULT into its wire form.
fn component(field: &Field, errors: &mut Errors) -> Component {
    let entries = attrs::read(&field.attrs, "der", FIELD_KEYS, errors);
    let tag_entries: Vec<&Entry> = entries
        .iter()
        .filter(|entry| matches!(entry.key.as_str(), "context" | "application" | "private"))
        .collect();
    if tag_entries.len() > 1 {
        errors.push(syn::Error::new(
            tag_entries[1].span,
            "a component takes at most one tag",
        ));
    }
    let tag = tag_entries.first().and_then(|entry| match entry.value {
        Value::Number(number) => match u32::try_from(number) {
            Ok(number) => Some(TagNumber {
                class: match entry.key.as_str() {
                    "application" => Class::Application,
                    "private" => Class::Private,
                    _ => Class::Context,
                },
                number,
            }),
            Err(_) => {
                errors.push(syn::Error::new(entry.span, "tag number is above 2^32-1"));
                None
            }
        },
        _ => None,
    });
    let explicit = attrs::find(&entries, "explicit");
    let implicit = attrs::find(&entries, "implicit");
    let tagging = match (tag, explicit, implicit) {
        (_, Some(_), Some(second)) => {
            errors.push(syn::Error::new(
                second.span,
                "a tag is either `explicit` or `implicit`",
            ));
            Tagging::None
        }
        (None, Some(entry), None) | (None, None, Some(entry)) => {
            errors.push(syn::Error::new(
                entry.span,
                "`explicit` and `implicit` need a tag, such as `context = 0`",
            ));
            Tagging::None
        }
        (Some(tag), None, Some(_)) => Tagging::Implicit(tag),
        (Some(tag), _, None) => Tagging::Explicit(tag),
        (None, None, None) => Tagging::None,
    };

    let default = match attrs::find(&entries, "default") {
        Some(Entry {
            value: Value::Expression(expression),
            ..
        }) => Some(quote! { #expression }),
        _ => None,
    };
    let (ty, presence) = match (unwrap_type(&field.ty, "Option"), default) {
        (Some(_), Some(_)) => {
            errors.push(syn::Error::new_spanned(
                &field.ty,
                "a DEFAULT component holds its value, not an `Option`",
            ));
            (&field.ty, Presence::Required)
        }
        (Some(inner), None) => (inner, Presence::Optional),
        (None, Some(default)) => (&field.ty, Presence::Default(default)),
        (None, None) => (&field.ty, Presence::Required),
    };
    let (ty, boxed) = match unwrap_type(ty, "Box") {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    Component {
        ty: quote! { #ty },
        tagging,
        presence,
        boxed,
    }
}

fn derive_structure(input: &DeriveInput, fields: &Fields, set: bool) -> syn::Result<TokenStream> {
    let (lifetime, ty) = decode_lifetime(input)?;
    let type_name = input.ident.to_string();
    let mut errors = Errors::default();
    let reader = quote! { reader };
    let writer = quote! { writer };
    let mut decode = Vec::new();
    let mut encode = Vec::new();
    let mut len = Vec::new();
    let mut names = Vec::new();
    for field in fields {
        let Some(name) = &field.ident else {
            errors.push(syn::Error::new(
                field.span(),
                "SEQUENCE and SET components need names: use a struct with named fields",
            ));
            continue;
        };
        let label = name.to_string();
        let component = component(field, &mut errors);
        let read = component.decode(&reader);
        decode.push(quote! { let #name = #read.map_err(|error| error.in_field(#label))?; });
        let value = quote! { #name };
        let write = component.encode(&value, &writer);
        encode.push(quote! {
            let mut field = || -> ::rfcodec::Result<()> { #write Ok(()) };
            field().map_err(|error| error.in_field(#label))?;
        });
        len.push(component.encoded_len(&value));
        names.push(name.clone());
    }
    errors.finish()?;
    let len_sum = crate::emit::sum(&len);

    // NOTE: SET components are decoded in declaration order, so a derived SET type must
    // declare its components in the canonical order of their tags (X.690 10.3).
    let tag = if set {
        quote! { ::rfcodec::der::Tag::SET }
    } else {
        quote! { ::rfcodec::der::Tag::SEQUENCE }
    };
    Ok(quote! {
        impl<#lifetime> ::rfcodec::der::FixedTag for #ty {
            const TAG: ::rfcodec::der::Tag = #tag;
        }

        impl<#lifetime> ::rfcodec::der::DecodeValue<#lifetime> for #ty {
            fn decode_value(
                reader: &mut ::rfcodec::der::Reader<#lifetime>,
                _header: ::rfcodec::der::Header,
            ) -> ::rfcodec::Result<Self> {
                let decode = |reader: &mut ::rfcodec::der::Reader<#lifetime>| -> ::rfcodec::Result<Self> {
                    #(#decode)*
                    Ok(Self { #(#names),* })
                };
                decode(reader).map_err(|error| error.in_type(#type_name))
            }
        }

        impl<#lifetime> ::rfcodec::der::EncodeValue for #ty {
            #[allow(unused_variables, unused_parens)]
            fn value_len(&self) -> usize {
                let Self { #(#names),* } = self;
                #len_sum
            }

            #[allow(unused_variables)]
            fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                let Self { #(#names),* } = self;
                let mut encode = || -> ::rfcodec::Result<()> {
                    #(#encode)*
                    Ok(())
                };
                encode().map_err(|error| error.in_type(#type_name))
            }
        }
    })
}

fn derive_choice(input: &DeriveInput, data: &syn::DataEnum) -> syn::Result<TokenStream> {
    let (lifetime, ty) = decode_lifetime(input)?;
    let type_name = input.ident.to_string();
    let mut errors = Errors::default();
    let reader = quote! { reader };
    let writer = quote! { writer };
    let mut decode_arms = Vec::new();
    let mut accepts = Vec::new();
    let mut encode_arms = Vec::new();
    let mut len_arms = Vec::new();
    for variant in &data.variants {
        let field = match &variant.fields {
            Fields::Unnamed(fields) if fields.unnamed.len() == 1 => &fields.unnamed[0],
            _ => {
                errors.push(syn::Error::new_spanned(
                    variant,
                    "each CHOICE alternative holds one value: write it as `Name(Type)`",
                ));
                continue;
            }
        };
        let mut component = component(field, &mut errors);
        if !matches!(component.presence, Presence::Required) {
            errors.push(syn::Error::new(
                field.span(),
                "CHOICE alternatives are neither OPTIONAL nor DEFAULT",
            ));
            component.presence = Presence::Required;
        }
        let ident = &variant.ident;
        let label = ident.to_string();
        let starts = component.starts_here(&reader);
        let read = component.decode(&reader);
        decode_arms.push(quote! {
            if #starts {
                return #read.map(Self::#ident).map_err(|error| error.in_field(#label));
            }
        });
        accepts.push(component.accepts(&quote! { tag }));
        let value = quote! { value };
        let write = component.encode(&value, &writer);
        encode_arms.push(quote! { Self::#ident(value) => { #write } });
        let size = component.encoded_len(&value);
        len_arms.push(quote! { Self::#ident(value) => #size, });
    }
    errors.finish()?;

    Ok(quote! {
        impl<#lifetime> ::rfcodec::der::Tagged for #ty {
            fn accepts(tag: ::rfcodec::der::Tag) -> bool {
                #(#accepts)||*
            }
        }

        impl<#lifetime> ::rfcodec::der::Decode<#lifetime> for #ty {
            fn decode_from(reader: &mut ::rfcodec::der::Reader<#lifetime>) -> ::rfcodec::Result<Self> {
                let mut decode = || -> ::rfcodec::Result<Self> {
                    let offset = reader.offset();
                    let tag = reader.next_tag()?;
                    #(#decode_arms)*
                    Err(::rfcodec::Error::new(::rfcodec::ErrorKind::UnknownTag { actual: tag }, offset))
                };
                decode().map_err(|error| error.in_type(#type_name))
            }
        }

        impl<#lifetime> ::rfcodec::der::Encode for #ty {
            fn encoded_len(&self) -> usize {
                match self {
                    #(#len_arms)*
                }
            }

            fn encode_to(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                match self {
                    #(#encode_arms)*
                }
                Ok(())
            }
        }
    })
}

fn derive_enumerated(input: &DeriveInput, data: &syn::DataEnum) -> syn::Result<TokenStream> {
    let name = &input.ident;
    let type_name = name.to_string();
    let mut errors = Errors::default();
    let mut values = Vec::new();
    for variant in &data.variants {
        let ident = &variant.ident;
        match (&variant.fields, &variant.discriminant) {
            (Fields::Unit, Some((_, discriminant))) => match attrs::discriminant(discriminant) {
                Ok(value) => values.push((ident.clone(), i64::try_from(value).unwrap_or(i64::MAX))),
                Err(error) => errors.push(error),
            },
            _ => errors.push(syn::Error::new(
                ident.span(),
                "ENUMERATED variants are unit variants with their value, as in `Unused = 7`",
            )),
        }
    }
    errors.finish()?;

    let decode_arms = values
        .iter()
        .map(|(ident, value)| quote! { #value => Ok(Self::#ident), });
    let encode_arms = values
        .iter()
        .map(|(ident, value)| quote! { Self::#ident => #value, });
    Ok(quote! {
        impl #name {
            fn enumerated_value(&self) -> ::rfcodec::der::Enumerated {
                ::rfcodec::der::Enumerated(match self { #(#encode_arms)* })
            }
        }

        impl ::rfcodec::der::FixedTag for #name {
            const TAG: ::rfcodec::der::Tag = ::rfcodec::der::Tag::ENUMERATED;
        }

        impl<'de> ::rfcodec::der::DecodeValue<'de> for #name {
            fn decode_value(
                reader: &mut ::rfcodec::der::Reader<'de>,
                header: ::rfcodec::der::Header,
            ) -> ::rfcodec::Result<Self> {
                let value = <::rfcodec::der::Enumerated as ::rfcodec::der::DecodeValue>::decode_value(reader, header)?;
                match value.0 {
                    #(#decode_arms)*
                    other => Err(::rfcodec::Error::new(
                        ::rfcodec::ErrorKind::UnknownEnumValue { value: other as u64 },
                        header.offset,
                    )
                    .in_type(#type_name)),
                }
            }
        }

        impl ::rfcodec::der::EncodeValue for #name {
            fn value_len(&self) -> usize {
                ::rfcodec::der::EncodeValue::value_len(&self.enumerated_value())
            }

            fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                ::rfcodec::der::EncodeValue::encode_value(&self.enumerated_value(), writer)
            }
        }
    })
}
