//! Component code for DER (X.690 8.9, 8.11, 8.14 and clause 10): the expressions that
//! read, write and measure one SEQUENCE or SET component or one CHOICE alternative.

use proc_macro2::TokenStream;
use quote::quote;

/// A tag class and number, as written in `[APPLICATION 3]` or `[0]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagNumber {
    pub class: Class,
    pub number: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Universal,
    Application,
    Context,
    Private,
}

impl TagNumber {
    /// Returns a constant expression of type `rfcodec::der::Tag`, primitive.
    pub fn tokens(&self) -> TokenStream {
        let number = self.number;
        match self.class {
            Class::Universal => quote! { ::rfcodec::der::Tag::universal(#number) },
            Class::Application => quote! { ::rfcodec::der::Tag::application(#number) },
            Class::Context => quote! { ::rfcodec::der::Tag::context(#number) },
            Class::Private => quote! { ::rfcodec::der::Tag::private(#number) },
        }
    }
}

/// The tagging that replaces or wraps a component's own tag (X.680 31.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tagging {
    None,
    Explicit(TagNumber),
    Implicit(TagNumber),
}

/// Whether a component must be present (X.680 25).
#[derive(Debug, Clone)]
pub enum Presence {
    Required,
    /// The Rust field is an `Option`.
    Optional,
    /// The Rust field contains the value, which DER leaves out when it equals this
    /// expression (X.690 11.5).
    Default(TokenStream),
}

/// A component's wire form: its Rust type (without `Option` or `Box`), tagging and
/// presence.
#[derive(Debug, Clone)]
pub struct Component {
    pub ty: TokenStream,
    pub tagging: Tagging,
    pub presence: Presence,
    /// The Rust field is a `Box<ty>`, for recursive types.
    pub boxed: bool,
}

impl Component {
    /// Returns an expression of type `bool` telling whether a TLV tagged `tag` (an
    /// expression of type `rfcodec::der::Tag`) is this component.
    pub fn accepts(&self, tag: &TokenStream) -> TokenStream {
        let ty = &self.ty;
        match self.tagging {
            Tagging::None => quote! { <#ty as ::rfcodec::der::Tagged>::accepts(#tag) },
            Tagging::Explicit(own) | Tagging::Implicit(own) => {
                let own = own.tokens();
                quote! { #tag.with_constructed(false) == #own }
            }
        }
    }

    /// Returns an expression of type `bool` telling whether the next TLV in `reader`
    /// starts this component; OPTIONAL and DEFAULT components and CHOICE use it.
    pub fn starts_here(&self, reader: &TokenStream) -> TokenStream {
        let ty = &self.ty;
        match self.tagging {
            Tagging::None => quote! {
                #reader.peek_tag().is_some_and(<#ty as ::rfcodec::der::Tagged>::accepts)
            },
            _ => {
                let accepts = self.accepts(&quote! { tag });
                quote! { #reader.peek_tag().is_some_and(|tag| #accepts) }
            }
        }
    }

    /// Returns an expression of type `Result<ty>` reading the TLV.
    fn decode_value(&self, reader: &TokenStream) -> TokenStream {
        let decoded = match self.tagging {
            Tagging::None => quote! { ::rfcodec::der::Decode::decode_from(#reader) },
            Tagging::Explicit(tag) => {
                let tag = tag.tokens();
                quote! { #reader.read_explicit(#tag) }
            }
            Tagging::Implicit(tag) => {
                let tag = tag.tokens();
                quote! { #reader.read_implicit(#tag) }
            }
        };
        if self.boxed {
            let ty = &self.ty;
            quote! { #decoded.map(|value: #ty| ::rfcodec::__private::Box::new(value)) }
        } else {
            decoded
        }
    }

    /// Returns an expression of type `Result<field type>` reading the component,
    /// including the presence checks, inside a function returning `Result`.
    pub fn decode(&self, reader: &TokenStream) -> TokenStream {
        let value = self.decode_value(reader);
        match &self.presence {
            Presence::Required => value,
            Presence::Optional => {
                let starts = self.starts_here(reader);
                quote! {
                    if #starts { #value.map(Some) } else { Ok(None) }
                }
            }
            Presence::Default(default) => {
                let starts = self.starts_here(reader);
                quote! {
                    if #starts {
                        let offset = #reader.offset();
                        #value.and_then(|value| {
                            ::rfcodec::der::reject_default(&value, &#default, offset)
                                .map(|()| value)
                        })
                    } else {
                        Ok(#default)
                    }
                }
            }
        }
    }

    /// `value` is an expression of type `&ty`.
    fn encode_value(&self, value: &TokenStream, writer: &TokenStream) -> TokenStream {
        match self.tagging {
            Tagging::None => quote! { ::rfcodec::der::Encode::encode_to(#value, #writer)?; },
            Tagging::Explicit(tag) => {
                let tag = tag.tokens();
                quote! { #writer.write_explicit(#tag, #value)?; }
            }
            Tagging::Implicit(tag) => {
                let tag = tag.tokens();
                quote! { #writer.write_implicit(#tag, #value)?; }
            }
        }
    }

    /// `value` is an expression of type `&ty`.
    fn len_value(&self, value: &TokenStream) -> TokenStream {
        match self.tagging {
            Tagging::None => quote! { ::rfcodec::der::Encode::encoded_len(#value) },
            Tagging::Explicit(tag) => {
                let tag = tag.tokens();
                quote! {
                    ::rfcodec::der::tlv_len(#tag, ::rfcodec::der::Encode::encoded_len(#value))
                }
            }
            Tagging::Implicit(tag) => {
                let tag = tag.tokens();
                quote! {
                    ::rfcodec::der::tlv_len(#tag, ::rfcodec::der::EncodeValue::value_len(#value))
                }
            }
        }
    }

    /// Turns a reference to the stored value (`&ty` or `&Box<ty>`) into a `&ty`.
    fn unboxed(&self, value: TokenStream) -> TokenStream {
        if self.boxed {
            quote! { &**#value }
        } else {
            value
        }
    }

    /// Returns statements writing the field `value`, a reference to the field, leaving
    /// out an absent OPTIONAL and a DEFAULT equal to its default.
    pub fn encode(&self, value: &TokenStream, writer: &TokenStream) -> TokenStream {
        match &self.presence {
            Presence::Required => self.encode_value(&self.unboxed(value.clone()), writer),
            Presence::Optional => {
                let write = self.encode_value(&self.unboxed(quote! { present }), writer);
                quote! {
                    if let Some(present) = #value { #write }
                }
            }
            Presence::Default(default) => {
                let write = self.encode_value(&self.unboxed(value.clone()), writer);
                quote! {
                    if !::core::cmp::PartialEq::eq(#value, &#default) { #write }
                }
            }
        }
    }

    /// Returns an expression of type `usize`: the encoded size of the field `value`, a
    /// reference to the field.
    pub fn encoded_len(&self, value: &TokenStream) -> TokenStream {
        match &self.presence {
            Presence::Required => self.len_value(&self.unboxed(value.clone())),
            Presence::Optional => {
                let len = self.len_value(&self.unboxed(quote! { present }));
                quote! { (if let Some(present) = #value { #len } else { 0 }) }
            }
            Presence::Default(default) => {
                let len = self.len_value(&self.unboxed(value.clone()));
                quote! {
                    (if ::core::cmp::PartialEq::eq(#value, &#default) { 0 } else { #len })
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_optional_peeks_context_tag() {
        let component = Component {
            ty: quote! { u8 },
            tagging: Tagging::Explicit(TagNumber {
                class: Class::Context,
                number: 0,
            }),
            presence: Presence::Optional,
            boxed: false,
        };
        let tokens = component.starts_here(&quote! { reader });
        assert_eq!(
            tokens.to_string(),
            "reader . peek_tag () . is_some_and (| tag | tag . with_constructed (false) == \
             :: rfcodec :: der :: Tag :: context (0u32))"
        );
    }
}
