//! BOOLEAN (X.690 8.2, 11.1), NULL (8.8), OCTET STRING (8.7, primitive form only in DER)
//! and the DEFAULT rule of X.690 11.5.

use crate::der::{DecodeValue, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

impl FixedTag for bool {
    const TAG: Tag = Tag::BOOLEAN;
}

/// DER allows one content octet, 00 for FALSE or FF for TRUE.
impl<'a> DecodeValue<'a> for bool {
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        let offset = content.offset();
        match content.read_rest() {
            [0x00] => Ok(false),
            [0xff] => Ok(true),
            [value] => Err(Error::new(
                ErrorKind::InvalidBoolean { value: *value },
                offset,
            )),
            _ => Err(Error::new(
                ErrorKind::FixedLengthMismatch {
                    expected: 1,
                    actual: header.length,
                },
                header.offset,
            )),
        }
    }
}

impl EncodeValue for bool {
    fn value_len(&self) -> usize {
        1
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_bytes(&[if *self { 0xff } else { 0x00 }]);
        Ok(())
    }
}

/// NULL: no content octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Null;

impl FixedTag for Null {
    const TAG: Tag = Tag::NULL;
}

impl<'a> DecodeValue<'a> for Null {
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        if header.length != 0 {
            return Err(Error::new(ErrorKind::NonEmptyNull, header.offset));
        }
        let _ = content;
        Ok(Null)
    }
}

impl EncodeValue for Null {
    fn value_len(&self) -> usize {
        0
    }

    fn encode_value(&self, _writer: &mut Writer<'_>) -> Result<()> {
        Ok(())
    }
}

/// OCTET STRING content, borrowed. DER forbids the constructed form (X.690 10.2), which
/// the tag check rejects.
impl FixedTag for &[u8] {
    const TAG: Tag = Tag::OCTET_STRING;
}

impl<'a> DecodeValue<'a> for &'a [u8] {
    fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
        Ok(content.read_rest())
    }
}

impl EncodeValue for &[u8] {
    fn value_len(&self) -> usize {
        self.len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_bytes(self);
        Ok(())
    }
}

/// Rejects a decoded component equal to its DEFAULT value, which DER leaves out
/// (X.690 11.5); `offset` is where the component started.
pub fn reject_default<T: PartialEq>(value: &T, default: &T, offset: usize) -> Result<()> {
    if value == default {
        return Err(Error::new(ErrorKind::EncodedDefault, offset));
    }
    Ok(())
}
