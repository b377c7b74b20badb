//! BIT STRING (X.690 8.6, 11.2): an initial octet counting unused bits (0-7, and 0 when
//! the string is empty), zero padding, and trailing zero bits removed for named bits.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use crate::der::{DecodeValue, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

/// A BIT STRING: octets holding the bits, first bit in the high bit of the first octet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BitString<'a> {
    unused_bits: u8,
    bytes: Cow<'a, [u8]>,
}

fn check(unused_bits: u8, bytes: &[u8], offset: usize) -> Result<()> {
    if unused_bits > 7 || bytes.is_empty() && unused_bits != 0 {
        return Err(Error::new(
            ErrorKind::InvalidUnusedBits {
                unused: unused_bits,
            },
            offset,
        ));
    }
    let padding_mask = (1u8 << unused_bits) - 1;
    if bytes.last().is_some_and(|last| last & padding_mask != 0) {
        return Err(Error::new(ErrorKind::NonZeroPadding, offset));
    }
    Ok(())
}

impl<'a> BitString<'a> {
    /// Wraps octets whose last `unused_bits` bits are padding, checking the DER rules.
    pub fn new(unused_bits: u8, bytes: &'a [u8]) -> Result<Self> {
        check(unused_bits, bytes, 0)?;
        Ok(Self {
            unused_bits,
            bytes: Cow::Borrowed(bytes),
        })
    }

    /// Wraps whole octets, as keys and signatures use.
    pub fn from_bytes(bytes: &'a [u8]) -> Self {
        Self {
            unused_bits: 0,
            bytes: Cow::Borrowed(bytes),
        }
    }

    /// Builds a named-bit BIT STRING from bit values, dropping trailing zero bits as
    /// X.690 11.2.2 requires.
    pub fn from_bits(bits: impl IntoIterator<Item = bool>) -> BitString<'static> {
        let bits: Vec<bool> = bits.into_iter().collect();
        let used = bits.iter().rposition(|&bit| bit).map_or(0, |last| last + 1);
        let mut bytes = alloc::vec![0u8; used.div_ceil(8)];
        for (index, _) in bits[..used].iter().enumerate().filter(|(_, bit)| **bit) {
            bytes[index / 8] |= 0x80 >> (index % 8);
        }
        BitString {
            unused_bits: (bytes.len() * 8 - used) as u8,
            bytes: Cow::Owned(bytes),
        }
    }

    pub fn unused_bits(&self) -> u8 {
        self.unused_bits
    }

    /// Returns the octets including padding bits.
    pub fn raw_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Returns the octets when the length is a whole number of octets.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        (self.unused_bits == 0).then_some(&self.bytes[..])
    }

    pub fn bit_len(&self) -> usize {
        self.bytes.len() * 8 - usize::from(self.unused_bits)
    }

    /// Returns bit `index`, counting from 0 at the high bit of the first octet; bits past
    /// the end read as 0, as a named bit left out does.
    pub fn bit(&self, index: usize) -> bool {
        index < self.bit_len() && self.bytes[index / 8] & (0x80 >> (index % 8)) != 0
    }

    /// Fails with `TrailingZeroBits` when the last bit is 0, which DER forbids for a
    /// BIT STRING with named bits (X.690 11.2.2).
    pub fn check_named_bits(&self, offset: usize) -> Result<()> {
        match self.bit_len() {
            0 => Ok(()),
            length if self.bit(length - 1) => Ok(()),
            _ => Err(Error::new(ErrorKind::TrailingZeroBits, offset)),
        }
    }
}

impl FixedTag for BitString<'_> {
    const TAG: Tag = Tag::BIT_STRING;
}

impl<'a> DecodeValue<'a> for BitString<'a> {
    fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
        let offset = content.offset();
        // The missing initial octet would sit at the start of the content octets.
        let [unused_bits, bytes @ ..] = content.read_rest() else {
            return Err(Error::new(
                ErrorKind::Truncated {
                    needed: 1,
                    available: 0,
                },
                offset,
            ));
        };
        check(*unused_bits, bytes, offset)?;
        Ok(Self {
            unused_bits: *unused_bits,
            bytes: Cow::Borrowed(bytes),
        })
    }
}

impl EncodeValue for BitString<'_> {
    fn value_len(&self) -> usize {
        1 + self.bytes.len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_bytes(&[self.unused_bits]);
        writer.write_bytes(&self.bytes);
        Ok(())
    }
}
