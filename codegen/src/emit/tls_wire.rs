//! Field code for the TLS presentation language (RFC 8446 section 3): the expressions
//! that read, write and measure one field, shared by generated code and derived impls.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A variable vector's declared length range `<floor..ceiling>`, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub floor: u64,
    pub ceiling: u64,
    /// Size of one element when all elements have the same size, else 1.
    pub element_size: u64,
}

impl Range {
    /// Returns the width of the length prefix: as many bytes as the ceiling needs (RFC
    /// 8446 section 3.4), the same rule as the runtime's `VectorRange::prefix_width`.
    pub fn prefix_width(&self) -> u64 {
        let bits = u64::BITS - self.ceiling.leading_zeros();
        u64::from(bits.div_ceil(8).max(1))
    }

    /// Returns a constant expression of type `rfcodec::tls::VectorRange`.
    pub fn tokens(&self) -> TokenStream {
        let floor = Literal::u64_unsuffixed(self.floor);
        let ceiling = Literal::u64_unsuffixed(self.ceiling);
        let range = quote! { ::rfcodec::tls::VectorRange::new(#floor, #ceiling) };
        if self.element_size > 1 {
            let size = Literal::u64_unsuffixed(self.element_size);
            quote! { #range.with_element_size(#size) }
        } else {
            range
        }
    }
}

/// The wire form of a field, deciding its Rust type's shape.
#[derive(Debug, Clone)]
pub enum Wire {
    /// `uint8` to `uint64`: big-endian, this many bytes; `uint24` is held in a `u32`.
    Uint(u8),
    /// `opaque x[n]`: a `&'a [u8; n]`.
    Array(u64),
    /// `opaque x<floor..ceiling>`: a `&'a [u8]`.
    Opaque(Range),
    /// `opaque x<V>` with a maximum length: a `&'a [u8]`.
    VarintOpaque(u64),
    /// `T x<floor..ceiling>`: a `rfcodec::tls::List<'a, T>`.
    Vector(Range),
    /// `T x<V>`: a `rfcodec::tls::List<'a, T>`.
    VarintVector(u64),
    /// `T x[n]` of structured elements: a `rfcodec::tls::List<'a, T>` of exactly n bytes.
    FixedVector(u64),
    /// Any type that implements `rfcodec::tls::Decode` and `Encode`.
    Value,
    /// A `select`: a type implementing `rfcodec::tls::Select`, decoded with the
    /// discriminant that the expression gives.
    Select(TokenStream),
}

impl Wire {
    /// Returns an expression of type `Result<T>` reading the field from `reader`, a
    /// `&mut rfcodec::tls::Reader`.
    pub fn decode(&self, reader: &TokenStream) -> TokenStream {
        match self {
            Self::Uint(1) => quote! { #reader.read_u8() },
            Self::Uint(2) => quote! { #reader.read_u16() },
            Self::Uint(3) => quote! { #reader.read_u24() },
            Self::Uint(4) => quote! { #reader.read_u32() },
            Self::Uint(_) => quote! { #reader.read_u64() },
            Self::Array(size) => {
                let size = Literal::u64_unsuffixed(*size);
                quote! { #reader.read_array::<#size>() }
            }
            Self::Opaque(range) => {
                let range = range.tokens();
                quote! { #reader.read_opaque(#range) }
            }
            Self::VarintOpaque(maximum) => quote! { #reader.read_varint_opaque(#maximum) },
            Self::Vector(range) => {
                let range = range.tokens();
                quote! { ::rfcodec::tls::List::decode_from(#reader, #range) }
            }
            Self::VarintVector(maximum) => {
                quote! { ::rfcodec::tls::List::decode_varint_from(#reader, #maximum) }
            }
            Self::FixedVector(size) => {
                let size = Literal::u64_unsuffixed(*size);
                quote! { ::rfcodec::tls::List::decode_fixed(#reader, #size) }
            }
            Self::Value => quote! { ::rfcodec::tls::Decode::decode_from(#reader) },
            Self::Select(selector) => {
                quote! { ::rfcodec::tls::Select::decode_case(#selector, #reader) }
            }
        }
    }

    /// Returns statements writing `value`, an expression of type `&T` for the field's
    /// type `T`, to `writer`, a `&mut rfcodec::tls::Writer`, inside a function returning
    /// `Result`.
    pub fn encode(&self, value: &TokenStream, writer: &TokenStream) -> TokenStream {
        match self {
            Self::Uint(1) => quote! { #writer.write_u8(*#value); },
            Self::Uint(2) => quote! { #writer.write_u16(*#value); },
            Self::Uint(3) => quote! { #writer.write_uint(3, u64::from(*#value))?; },
            Self::Uint(4) => quote! { #writer.write_u32(*#value); },
            Self::Uint(_) => quote! { #writer.write_u64(*#value); },
            Self::Array(_) => quote! { #writer.write_bytes(&#value[..]); },
            Self::Opaque(range) => {
                let range = range.tokens();
                quote! { #writer.write_opaque(#range, #value)?; }
            }
            Self::VarintOpaque(maximum) => {
                quote! { #writer.write_varint_opaque(#maximum, #value)?; }
            }
            Self::Vector(range) => {
                let range = range.tokens();
                quote! { #value.encode_to(#writer, #range)?; }
            }
            Self::VarintVector(maximum) => {
                quote! { #value.encode_varint_to(#writer, #maximum)?; }
            }
            Self::FixedVector(size) => {
                let size = Literal::u64_unsuffixed(*size);
                quote! { #value.encode_fixed_to(#writer, #size)?; }
            }
            Self::Value => quote! { ::rfcodec::tls::Encode::encode_to(#value, #writer)?; },
            Self::Select(selector) => quote! {
                ::rfcodec::tls::check_case(#value, #selector, #writer.position())?;
                ::rfcodec::tls::Encode::encode_to(#value, #writer)?;
            },
        }
    }

    /// Returns an expression of type `usize`: the encoded size of `value`, a `&T`.
    pub fn encoded_len(&self, value: &TokenStream) -> TokenStream {
        match self {
            Self::Uint(width) => {
                let width = Literal::usize_unsuffixed(usize::from(*width));
                quote! { #width }
            }
            Self::Array(size) => {
                let size = Literal::u64_unsuffixed(*size);
                quote! { #size }
            }
            Self::Opaque(range) => {
                let width = Literal::u64_unsuffixed(range.prefix_width());
                quote! { #width + #value.len() }
            }
            Self::VarintOpaque(_) => {
                quote! { ::rfcodec::tls::varint_len(#value.len() as u64) + #value.len() }
            }
            Self::Vector(range) => {
                let width = Literal::u64_unsuffixed(range.prefix_width());
                quote! { #width + #value.content_len() }
            }
            Self::FixedVector(_) => quote! { #value.content_len() },
            Self::VarintVector(_) => quote! {
                ::rfcodec::tls::varint_len(#value.content_len() as u64) + #value.content_len()
            },
            Self::Value | Self::Select(_) => {
                quote! { ::rfcodec::tls::Encode::encoded_len(#value) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opaque_decode_passes_range() {
        let range = Range {
            floor: 1,
            ceiling: 65535,
            element_size: 1,
        };
        let tokens = Wire::Opaque(range).decode(&quote! { reader });
        assert_eq!(
            tokens.to_string(),
            "reader . read_opaque (:: rfcodec :: tls :: VectorRange :: new (1 , 65535))"
        );
    }

    #[test]
    fn vector_length_adds_prefix_width() {
        let range = Range {
            floor: 2,
            ceiling: 65534,
            element_size: 2,
        };
        let tokens = Wire::Vector(range).encoded_len(&quote! { self.cipher_suites });
        assert_eq!(
            tokens.to_string(),
            "2 + self . cipher_suites . content_len ()"
        );
    }
}
