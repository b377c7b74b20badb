//! DER wire layer (X.690 sections 8, 10 and 11): identifier and length octets, the
//! universal types, SEQUENCE and SET contents as sub-readers, and a writer producing DER.

mod any;
mod bit_string;
mod integer;
mod list;
mod oid;
mod primitive;
mod reader;
mod string;
mod tag;
mod time;
mod writer;

pub use any::Any;
pub use bit_string::BitString;
pub use integer::{Enumerated, Integer};
pub use list::{SequenceOf, SetOf, SetOfIter, check_set_of_order, compare_set_of};
pub use oid::{Arcs, ObjectIdentifier};
pub use primitive::{Null, reject_default};
pub use reader::Reader;
pub use string::{
    BmpString, Ia5String, NumericString, PrintableString, TeletexString, UniversalString,
    Utf8String, VisibleString,
};
pub use tag::{Class, Header, Tag, length_len, tlv_len};
pub use time::{DateTime, GeneralizedTime, UtcTime};
pub use writer::Writer;

use alloc::vec::Vec;

use crate::{DecodeOptions, Result};

/// A type whose encoding always carries the same tag (its universal tag, or the tag of a
/// SEQUENCE or SET type).
pub trait FixedTag {
    const TAG: Tag;
}

/// A type that can tell from a TLV's tag whether the TLV is one of its values: decoders
/// of OPTIONAL components and CHOICE alternatives ask it before decoding.
pub trait Tagged {
    fn accepts(tag: Tag) -> bool;
}

impl<T: FixedTag> Tagged for T {
    #[inline]
    fn accepts(tag: Tag) -> bool {
        tag == T::TAG
    }
}

/// A value that decodes from the content octets of a TLV; IMPLICIT tagging reuses it
/// under another tag.
pub trait DecodeValue<'a>: Sized {
    /// Decodes from `content`, a reader over exactly the content octets of a TLV whose
    /// identifier and length octets are `header`. The value must use up `content`.
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self>;
}

/// A value that encodes to the content octets of a TLV.
pub trait EncodeValue {
    /// Returns the number of content octets, without encoding.
    fn value_len(&self) -> usize;

    /// Writes the content octets.
    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()>;
}

/// A value that decodes from one whole TLV.
pub trait Decode<'a>: Sized {
    /// Decodes one TLV from the reader's current position.
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self>;

    /// Decodes a value that must span all of `input`.
    #[inline]
    fn decode(input: &'a [u8]) -> Result<Self> {
        Self::decode_with(input, DecodeOptions::default())
    }

    /// Decodes a value that must span all of `input`, under `options`.
    #[inline]
    fn decode_with(input: &'a [u8], options: DecodeOptions) -> Result<Self> {
        let mut reader = Reader::with_options(input, options);
        let result = Self::decode_from(&mut reader);
        reader.finish_with(result)
    }
}

/// A value that encodes to one whole TLV.
pub trait Encode {
    /// Returns the exact number of bytes `encode_to` writes, without encoding.
    fn encoded_len(&self) -> usize;

    /// Appends the DER encoding.
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()>;

    /// Encodes into a new buffer of exactly `encoded_len` bytes.
    fn encode(&self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_to(&mut Writer::new(&mut out))?;
        Ok(out)
    }
}

impl<'a, T: FixedTag + DecodeValue<'a>> Decode<'a> for T {
    #[inline]
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        reader.read_fixed()
    }
}

impl<T: FixedTag + EncodeValue> Encode for T {
    #[inline]
    fn encoded_len(&self) -> usize {
        tlv_len(T::TAG, self.value_len())
    }

    #[inline]
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_header(T::TAG, self.value_len());
        self.encode_value(writer)
    }
}
