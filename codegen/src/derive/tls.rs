//! `#[derive(Tls)]`: TLS presentation language codecs for structs, enums and `select`
//! cases written by hand (RFC 8446 section 3).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Field, Fields, GenericArgument, Lifetime, PathArguments, Type};

use super::Errors;
use super::attrs::{self, Entry, Kind, Value};
use crate::emit::tls_wire::{Range, Wire};

const FIELD_KEYS: &[(&str, Kind)] = &[
    ("range", Kind::Text),
    ("varint", Kind::Flag),
    ("max", Kind::Number),
    ("element_size", Kind::Number),
    ("uint24", Kind::Flag),
    ("select", Kind::Path),
];

/// Largest `<V>` length when `#[tls(varint)]` gives no `max`: 2^30-1, as RFC 9420 has it.
const DEFAULT_VARINT_MAX: u64 = (1 << 30) - 1;

/// Expands `#[derive(Tls)]`.
pub fn derive_tls(input: &DeriveInput) -> syn::Result<TokenStream> {
    match &input.data {
        Data::Struct(data) => derive_struct(input, &data.fields),
        Data::Enum(data) => {
            let mut errors = Errors::default();
            let entries = attrs::read(
                &input.attrs,
                "tls",
                &[("width", Kind::Number), ("select", Kind::Path)],
                &mut errors,
            );
            errors.finish()?;
            match attrs::find(&entries, "select") {
                Some(Entry {
                    value: Value::Path(selector),
                    ..
                }) => derive_select(input, data, selector),
                _ => derive_enum(input, data, &entries),
            }
        }
        Data::Union(data) => Err(syn::Error::new(
            data.union_token.span,
            "`#[derive(Tls)]` supports structs and enums, not unions",
        )),
    }
}

/// Returns the lifetime decoding borrows for: the type's own, or a fresh `'de`.
fn decode_lifetime(input: &DeriveInput) -> syn::Result<(Lifetime, bool)> {
    let mut lifetimes = input.generics.lifetimes();
    let first = lifetimes.next().map(|param| param.lifetime.clone());
    if let Some(extra) = lifetimes.next() {
        return Err(syn::Error::new(
            extra.span(),
            "`#[derive(Tls)]` supports at most one lifetime, the one decoding borrows for",
        ));
    }
    if let Some(param) = input.generics.type_params().next() {
        return Err(syn::Error::new(
            param.span(),
            "`#[derive(Tls)]` does not support type parameters",
        ));
    }
    Ok(match first {
        Some(lifetime) => (lifetime, true),
        None => (Lifetime::new("'de", Span::call_site()), false),
    })
}

/// Returns the last path segment's name and its generic arguments, for type-based
/// defaults.
fn last_segment(ty: &Type) -> Option<(String, Vec<&GenericArgument>)> {
    let Type::Path(path) = ty else {
        return None;
    };
    let segment = path.path.segments.last()?;
    let arguments = match &segment.arguments {
        PathArguments::AngleBracketed(angle) => angle.args.iter().collect(),
        _ => Vec::new(),
    };
    Some((segment.ident.to_string(), arguments))
}

/// The shape of a field's Rust type that decides its default wire form.
enum Shape {
    Uint(u8),
    ByteArray(u64),
    ByteSlice,
    List,
    Other,
}

fn shape_of(ty: &Type) -> Shape {
    if let Type::Reference(reference) = ty {
        match &*reference.elem {
            Type::Slice(slice) if is_u8(&slice.elem) => return Shape::ByteSlice,
            Type::Array(array) if is_u8(&array.elem) => {
                if let syn::Expr::Lit(literal) = &array.len {
                    if let syn::Lit::Int(int) = &literal.lit {
                        if let Ok(size) = int.base10_parse() {
                            return Shape::ByteArray(size);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    match last_segment(ty) {
        Some((name, _)) => match name.as_str() {
            "u8" => Shape::Uint(1),
            "u16" => Shape::Uint(2),
            "u32" => Shape::Uint(4),
            "u64" => Shape::Uint(8),
            "List" => Shape::List,
            _ => Shape::Other,
        },
        None => Shape::Other,
    }
}

fn is_u8(ty: &Type) -> bool {
    matches!(last_segment(ty), Some((name, arguments)) if name == "u8" && arguments.is_empty())
}

/// The wire form of a field for decoding and for encoding, which name the selector
/// differently: a local variable, then a reference bound from `self`.
struct FieldWire {
    decode: Wire,
    encode: Wire,
}

fn field_wire(field: &Field, errors: &mut Errors) -> FieldWire {
    let entries = attrs::read(&field.attrs, "tls", FIELD_KEYS, errors);
    let number = |key| match attrs::find(&entries, key) {
        Some(Entry {
            value: Value::Number(number),
            ..
        }) => Some(*number),
        _ => None,
    };
    let element_size = number("element_size").unwrap_or(1);
    let varint = attrs::find(&entries, "varint").is_some();
    let varint_max = number("max").unwrap_or(DEFAULT_VARINT_MAX);
    let range = match attrs::find(&entries, "range") {
        Some(Entry {
            value: Value::Text(text),
            ..
        }) => match attrs::read_range(text) {
            Ok((floor, ceiling)) => Some(Range {
                floor,
                ceiling,
                element_size,
            }),
            Err(error) => {
                errors.push(error);
                return FieldWire::same(Wire::Value);
            }
        },
        _ => None,
    };

    if let Some(Entry {
        value: Value::Path(selector),
        ..
    }) = attrs::find(&entries, "select")
    {
        let Some(name) = selector.get_ident() else {
            errors.push(syn::Error::new(
                selector.span(),
                "`select` names a field of this struct decoded before this one",
            ));
            return FieldWire::same(Wire::Value);
        };
        return FieldWire {
            decode: Wire::Select(quote! { #name }),
            encode: Wire::Select(quote! { *#name }),
        };
    }

    let missing_length = |what: &str| {
        syn::Error::new_spanned(
            &field.ty,
            format!(
                "{what} needs its length: add #[tls(range = \"floor..ceiling\")], such as \
                 \"1..2^16-1\", or #[tls(varint)] for a `<V>` vector"
            ),
        )
    };
    let wire = match (shape_of(&field.ty), range, varint) {
        (Shape::Uint(4), None, false) if attrs::find(&entries, "uint24").is_some() => Wire::Uint(3),
        (Shape::Uint(width), None, false) => Wire::Uint(width),
        (Shape::ByteArray(size), None, false) => Wire::Array(size),
        (Shape::ByteSlice, Some(range), false) => Wire::Opaque(range),
        (Shape::ByteSlice, None, true) => Wire::VarintOpaque(varint_max),
        (Shape::List, Some(range), false) => Wire::Vector(range),
        (Shape::List, None, true) => Wire::VarintVector(varint_max),
        (Shape::ByteSlice, None, false) => {
            errors.push(missing_length("an opaque `&[u8]` field"));
            Wire::Value
        }
        (Shape::List, None, false) => {
            errors.push(missing_length("a `List` field"));
            Wire::Value
        }
        (Shape::Other, None, false) => Wire::Value,
        (_, _, _) => {
            let entry = attrs::find(&entries, "range").or_else(|| attrs::find(&entries, "varint"));
            let span = entry.map_or_else(|| field.ty.span(), |entry| entry.span);
            errors.push(syn::Error::new(
                span,
                "`range` and `varint` apply to `&[u8]` and `List` fields, one at a time",
            ));
            Wire::Value
        }
    };
    if attrs::find(&entries, "uint24").is_some() && !matches!(wire, Wire::Uint(3)) {
        errors.push(syn::Error::new_spanned(
            &field.ty,
            "`uint24` applies to `u32` fields",
        ));
    }
    FieldWire::same(wire)
}

impl FieldWire {
    fn same(wire: Wire) -> Self {
        Self {
            decode: wire.clone(),
            encode: wire,
        }
    }
}

/// Local names for the fields: their own, or `field_0`, `field_1` for tuple structs.
fn field_bindings(fields: &Fields) -> Vec<(syn::Ident, String)> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| match &field.ident {
            Some(ident) => (ident.clone(), ident.to_string()),
            None => (format_ident!("field_{index}"), index.to_string()),
        })
        .collect()
}

/// `Self { a, b }` or `Self(field_0, field_1)`.
fn construct(
    fields: &Fields,
    bindings: &[(syn::Ident, String)],
    prefix: TokenStream,
) -> TokenStream {
    let names = bindings.iter().map(|(name, _)| name);
    match fields {
        Fields::Named(_) => quote! { #prefix { #(#names),* } },
        Fields::Unnamed(_) => quote! { #prefix ( #(#names),* ) },
        Fields::Unit => prefix,
    }
}

/// Decode statements, encode statements and length terms of a field list.
struct FieldCode {
    decode: Vec<TokenStream>,
    encode: Vec<TokenStream>,
    len: Vec<TokenStream>,
}

fn field_code(
    fields: &Fields,
    bindings: &[(syn::Ident, String)],
    errors: &mut Errors,
) -> FieldCode {
    let reader = quote! { reader };
    let writer = quote! { writer };
    let mut code = FieldCode {
        decode: Vec::new(),
        encode: Vec::new(),
        len: Vec::new(),
    };
    for (field, (name, label)) in fields.iter().zip(bindings) {
        let wire = field_wire(field, errors);
        let decode = wire.decode.decode(&reader);
        code.decode.push(quote! {
            let #name = #decode.map_err(|error| error.in_field(#label))?;
        });
        let value = quote! { #name };
        let encode = wire.encode.encode(&value, &writer);
        code.encode.push(quote! {
            let mut field = || -> ::rfcodec::Result<()> { #encode Ok(()) };
            field().map_err(|error| error.in_field(#label))?;
        });
        code.len.push(wire.encode.encoded_len(&value));
    }
    code
}

fn derive_struct(input: &DeriveInput, fields: &Fields) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let (lifetime, own) = decode_lifetime(input)?;
    let name = &input.ident;
    let type_name = name.to_string();
    let bindings = field_bindings(fields);
    let code = field_code(fields, &bindings, &mut errors);
    errors.finish()?;

    let ty = if own {
        quote! { #name<#lifetime> }
    } else {
        quote! { #name }
    };
    let build = construct(fields, &bindings, quote! { Self });
    let pattern = construct(fields, &bindings, quote! { Self });
    let FieldCode {
        decode,
        encode,
        len,
    } = code;
    let len_sum = crate::emit::sum(&len);
    Ok(quote! {
        impl<#lifetime> ::rfcodec::tls::Decode<#lifetime> for #ty {
            fn decode_from(
                reader: &mut ::rfcodec::tls::Reader<#lifetime>,
            ) -> ::rfcodec::Result<Self> {
                let decode = |reader: &mut ::rfcodec::tls::Reader<#lifetime>| -> ::rfcodec::Result<Self> {
                    #(#decode)*
                    Ok(#build)
                };
                decode(reader).map_err(|error| error.in_type(#type_name))
            }
        }

        impl<#lifetime> ::rfcodec::tls::Encode for #ty {
            #[allow(unused_variables)]
            fn encoded_len(&self) -> usize {
                let #pattern = self;
                #len_sum
            }

            #[allow(unused_variables)]
            fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                let #pattern = self;
                let mut encode = || -> ::rfcodec::Result<()> {
                    #(#encode)*
                    Ok(())
                };
                encode().map_err(|error| error.in_type(#type_name))
            }
        }
    })
}

/// Reads `#[tls(width = N)]` or `#[repr(uN)]`.
fn enum_width(input: &DeriveInput, entries: &[Entry]) -> syn::Result<u8> {
    if let Some(entry) = attrs::find(entries, "width") {
        return match entry.value {
            Value::Number(width @ (1 | 2 | 3 | 4 | 8)) => Ok(width as u8),
            _ => Err(syn::Error::new(
                entry.span,
                "enum width must be 1, 2, 3, 4 or 8 bytes",
            )),
        };
    }
    for attr in input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("repr"))
    {
        let mut width = None;
        attr.parse_nested_meta(|meta| {
            width = match meta.path.get_ident().map(ToString::to_string).as_deref() {
                Some("u8") => Some(1),
                Some("u16") => Some(2),
                Some("u32") => Some(4),
                Some("u64") => Some(8),
                _ => width,
            };
            Ok(())
        })?;
        if let Some(width) = width {
            return Ok(width);
        }
    }
    Err(syn::Error::new(
        input.ident.span(),
        "a TLS enum needs its wire width: add #[tls(width = N)] with N bytes, or #[repr(u8)]",
    ))
}

fn derive_enum(
    input: &DeriveInput,
    data: &syn::DataEnum,
    entries: &[Entry],
) -> syn::Result<TokenStream> {
    let width = enum_width(input, entries)?;
    let name = &input.ident;
    let type_name = name.to_string();
    let maximum = if width == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * u32::from(width))) - 1
    };
    let mut errors = Errors::default();
    let mut known = Vec::new();
    let mut unknown = None;
    for variant in &data.variants {
        let variant_entries = attrs::read(
            &variant.attrs,
            "tls",
            &[("unknown", Kind::Flag)],
            &mut errors,
        );
        let ident = &variant.ident;
        if attrs::find(&variant_entries, "unknown").is_some() {
            if variant.fields.len() != 1 || matches!(variant.fields, Fields::Named(_)) {
                errors.push(syn::Error::new(
                    variant.span(),
                    "the `unknown` variant holds the wire value: write it as `Unknown(u16)`",
                ));
            }
            unknown = Some(ident.clone());
            continue;
        }
        if !matches!(variant.fields, Fields::Unit) {
            errors.push(syn::Error::new(
                variant.fields.span(),
                "TLS enum variants carry no data; mark the catch-all with #[tls(unknown)]",
            ));
            continue;
        }
        let Some((_, discriminant)) = &variant.discriminant else {
            errors.push(syn::Error::new(
                ident.span(),
                "give each variant its wire value, as in `Sha256 = 4`",
            ));
            continue;
        };
        match attrs::discriminant(discriminant) {
            Ok(value) if value <= maximum => known.push((ident.clone(), value)),
            Ok(value) => errors.push(syn::Error::new(
                discriminant.span(),
                format!("value {value} does not fit the enum's {width}-byte width"),
            )),
            Err(error) => errors.push(error),
        }
    }
    errors.finish()?;

    let wire = Wire::Uint(width);
    let read = wire.decode(&quote! { reader });
    let arms = known.iter().map(|(ident, value)| {
        let value = attrs::int_literal(*value);
        quote! { #value => Ok(Self::#ident), }
    });
    let value_arms = known.iter().map(|(ident, value)| {
        let value = attrs::int_literal(*value);
        quote! { Self::#ident => #value, }
    });
    let (fallback, unknown_value) = match &unknown {
        Some(ident) => (
            quote! { other => Ok(Self::#ident(other)), },
            quote! { Self::#ident(value) => u64::from(*value), },
        ),
        None => (
            quote! { other => ::rfcodec::tls::unknown_enum_value(u64::from(other), offset), },
            TokenStream::new(),
        ),
    };
    let width_literal = attrs::int_literal(u64::from(width));
    Ok(quote! {
        impl ::rfcodec::tls::Enumerated for #name {
            fn value(&self) -> u64 {
                match self {
                    #(#value_arms)*
                    #unknown_value
                }
            }
        }

        impl<'de> ::rfcodec::tls::Decode<'de> for #name {
            fn decode_from(reader: &mut ::rfcodec::tls::Reader<'de>) -> ::rfcodec::Result<Self> {
                let offset = reader.offset();
                let value = #read?;
                let decoded: ::rfcodec::Result<Self> = match value {
                    #(#arms)*
                    #fallback
                };
                decoded.map_err(|error| error.in_type(#type_name))
            }
        }

        impl ::rfcodec::tls::Encode for #name {
            fn encoded_len(&self) -> usize {
                #width_literal
            }

            fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                writer.write_uint(#width_literal, ::rfcodec::tls::Enumerated::value(self))
            }
        }
    })
}

fn derive_select(
    input: &DeriveInput,
    data: &syn::DataEnum,
    selector: &syn::Path,
) -> syn::Result<TokenStream> {
    let (lifetime, own) = decode_lifetime(input)?;
    let name = &input.ident;
    let type_name = name.to_string();
    let ty = if own {
        quote! { #name<#lifetime> }
    } else {
        quote! { #name }
    };
    let mut errors = Errors::default();
    let mut decode_arms = Vec::new();
    let mut match_arms = Vec::new();
    let mut encode_arms = Vec::new();
    let mut len_arms = Vec::new();
    for variant in &data.variants {
        let entries = attrs::read(
            &variant.attrs,
            "tls",
            &[("case", Kind::Pattern)],
            &mut errors,
        );
        let Some(Entry {
            value: Value::Pattern(pattern),
            ..
        }) = attrs::find(&entries, "case")
        else {
            errors.push(syn::Error::new(
                variant.ident.span(),
                "each `select` variant needs the selector values it is decoded for: add \
                 #[tls(case = Selector::Value)]",
            ));
            continue;
        };
        let ident = &variant.ident;
        let bindings = field_bindings(&variant.fields);
        let code = field_code(&variant.fields, &bindings, &mut errors);
        let build = construct(&variant.fields, &bindings, quote! { Self::#ident });
        let FieldCode {
            decode,
            encode,
            len,
        } = code;
        let len_sum = crate::emit::sum(&len);
        decode_arms.push(quote! {
            #pattern => {
                #(#decode)*
                Ok(#build)
            }
        });
        let wildcard = match &variant.fields {
            Fields::Named(_) => quote! { Self::#ident { .. } },
            Fields::Unnamed(_) => quote! { Self::#ident(..) },
            Fields::Unit => quote! { Self::#ident },
        };
        match_arms.push(quote! { (#wildcard, #pattern) });
        encode_arms.push(quote! { #build => { #(#encode)* } });
        len_arms.push(quote! { #build => #len_sum, });
    }
    errors.finish()?;

    Ok(quote! {
        impl<#lifetime> ::rfcodec::tls::Select<#lifetime> for #ty {
            type Selector = #selector;

            fn decode_case(
                selector: #selector,
                reader: &mut ::rfcodec::tls::Reader<#lifetime>,
            ) -> ::rfcodec::Result<Self> {
                let offset = reader.offset();
                let mut decode = || -> ::rfcodec::Result<Self> {
                    #[allow(unreachable_patterns)]
                    match selector {
                        #(#decode_arms)*
                        _ => ::rfcodec::tls::unknown_selector(selector, offset),
                    }
                };
                decode().map_err(|error| error.in_type(#type_name))
            }

            fn matches(&self, selector: #selector) -> bool {
                matches!((self, selector), #(#match_arms)|*)
            }
        }

        impl<#lifetime> ::rfcodec::tls::Encode for #ty {
            #[allow(unused_variables)]
            fn encoded_len(&self) -> usize {
                match self {
                    #(#len_arms)*
                }
            }

            #[allow(unused_variables)]
            fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                match self {
                    #(#encode_arms)*
                }
                Ok(())
            }
        }
    })
}
