//! INTEGER and ENUMERATED (X.690 8.3, 8.4): two's complement content octets in their
//! minimal form, kept as big-endian bytes with checked conversions to Rust integers.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

use crate::der::{DecodeValue, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

/// An INTEGER of any size, as its minimal two's complement content octets.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Integer<'a> {
    bytes: Cow<'a, [u8]>,
}

/// Checks X.690 8.3.1 and 8.3.2: at least one octet, and the first nine bits not all
/// equal, since then the first octet would be redundant.
#[inline]
fn check_minimal(bytes: &[u8], offset: usize) -> Result<()> {
    match bytes {
        [] => Err(Error::new(ErrorKind::EmptyInteger, offset)),
        [0x00, next, ..] if next & 0x80 == 0 => {
            Err(Error::new(ErrorKind::NonMinimalInteger, offset))
        }
        [0xff, next, ..] if next & 0x80 != 0 => {
            Err(Error::new(ErrorKind::NonMinimalInteger, offset))
        }
        _ => Ok(()),
    }
}

impl<'a> Integer<'a> {
    /// Wraps two's complement content octets, checking they are minimal.
    pub fn new(bytes: &'a [u8]) -> Result<Self> {
        check_minimal(bytes, 0)?;
        Ok(Self {
            bytes: Cow::Borrowed(bytes),
        })
    }

    /// Wraps content octets known to be minimal, for constants in generated code; a
    /// non-minimal constant encodes as given but cannot fail.
    pub const fn from_static(bytes: &'static [u8]) -> Integer<'static> {
        Integer {
            bytes: Cow::Borrowed(bytes),
        }
    }

    /// Builds a non-negative INTEGER from a big-endian magnitude of any length.
    pub fn from_unsigned_bytes(magnitude: &[u8]) -> Integer<'static> {
        let first_nonzero = magnitude
            .iter()
            .position(|&byte| byte != 0)
            .unwrap_or(magnitude.len());
        let magnitude = &magnitude[first_nonzero..];
        let mut bytes = Vec::with_capacity(magnitude.len() + 1);
        if magnitude.first().is_none_or(|&byte| byte & 0x80 != 0) {
            bytes.push(0);
        }
        bytes.extend_from_slice(magnitude);
        Integer {
            bytes: Cow::Owned(bytes),
        }
    }

    pub fn from_i64(value: i64) -> Integer<'static> {
        let all = value.to_be_bytes();
        let mut start = 0;
        while start < 7 {
            let redundant = (all[start] == 0x00 && all[start + 1] & 0x80 == 0)
                || (all[start] == 0xff && all[start + 1] & 0x80 != 0);
            if !redundant {
                break;
            }
            start += 1;
        }
        Integer {
            bytes: Cow::Owned(all[start..].to_vec()),
        }
    }

    pub fn from_u64(value: u64) -> Integer<'static> {
        Self::from_unsigned_bytes(&value.to_be_bytes())
    }

    /// Returns the two's complement content octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn is_negative(&self) -> bool {
        self.bytes.first().is_some_and(|&byte| byte & 0x80 != 0)
    }

    /// Returns the big-endian magnitude without a sign octet, or `None` when negative;
    /// zero gives `[0]`. Signature values `r` and `s` are read this way.
    pub fn unsigned_bytes(&self) -> Option<&[u8]> {
        if self.is_negative() {
            return None;
        }
        match &self.bytes[..] {
            [0x00, rest @ ..] if !rest.is_empty() => Some(rest),
            bytes => Some(bytes),
        }
    }

    /// Converts to `i64`, failing with `IntegerOverflow` when it does not fit.
    pub fn to_i64(&self) -> Result<i64> {
        if self.bytes.len() > 8 {
            return Err(Error::new(ErrorKind::IntegerOverflow, 0));
        }
        let fill = if self.is_negative() { 0xff } else { 0x00 };
        let mut all = [fill; 8];
        all[8 - self.bytes.len()..].copy_from_slice(&self.bytes);
        Ok(i64::from_be_bytes(all))
    }

    /// Converts to `u64`, failing with `IntegerOverflow` when negative or too large.
    pub fn to_u64(&self) -> Result<u64> {
        let magnitude = self
            .unsigned_bytes()
            .ok_or_else(|| Error::new(ErrorKind::IntegerOverflow, 0))?;
        if magnitude.len() > 8 {
            return Err(Error::new(ErrorKind::IntegerOverflow, 0));
        }
        let mut all = [0; 8];
        all[8 - magnitude.len()..].copy_from_slice(magnitude);
        Ok(u64::from_be_bytes(all))
    }

    /// Returns a copy that owns its bytes.
    pub fn into_owned(self) -> Integer<'static> {
        Integer {
            bytes: Cow::Owned(self.bytes.into_owned()),
        }
    }
}

impl FixedTag for Integer<'_> {
    const TAG: Tag = Tag::INTEGER;
}

impl<'a> DecodeValue<'a> for Integer<'a> {
    #[inline]
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        let bytes = content.read_rest();
        check_minimal(bytes, header.offset)?;
        Ok(Self {
            bytes: Cow::Borrowed(bytes),
        })
    }
}

impl EncodeValue for Integer<'_> {
    fn value_len(&self) -> usize {
        self.bytes.len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_bytes(&self.bytes);
        Ok(())
    }
}

/// Shows values that fit `i64` in decimal, larger ones as `0x` and their octets.
impl fmt::Display for Integer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Ok(value) = self.to_i64() {
            return write!(f, "{value}");
        }
        f.write_str("0x")?;
        self.bytes
            .iter()
            .try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::Debug for Integer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Integer({self})")
    }
}

impl From<i64> for Integer<'static> {
    fn from(value: i64) -> Self {
        Integer::from_i64(value)
    }
}

/// ENUMERATED: an INTEGER's content rules under tag 10; schemas give the names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Enumerated(pub i64);

impl FixedTag for Enumerated {
    const TAG: Tag = Tag::ENUMERATED;
}

impl<'a> DecodeValue<'a> for Enumerated {
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        let integer = Integer::decode_value(content, header)?;
        integer
            .to_i64()
            .map(Enumerated)
            .map_err(|_| Error::new(ErrorKind::IntegerOverflow, header.offset))
    }
}

impl EncodeValue for Enumerated {
    fn value_len(&self) -> usize {
        Integer::from_i64(self.0).value_len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        Integer::from_i64(self.0).encode_value(writer)
    }
}

macro_rules! impl_native_integer {
    ($($type:ty => $convert:ident),*) => {$(
        impl FixedTag for $type {
            const TAG: Tag = Tag::INTEGER;
        }

        /// A native integer field: the INTEGER must fit the Rust type.
        impl<'a> DecodeValue<'a> for $type {
            fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
                let integer = Integer::decode_value(content, header)?;
                integer
                    .$convert()
                    .ok()
                    .and_then(|value| <$type>::try_from(value).ok())
                    .ok_or_else(|| Error::new(ErrorKind::IntegerOverflow, header.offset))
            }
        }

        impl EncodeValue for $type {
            fn value_len(&self) -> usize {
                self.to_integer().value_len()
            }

            fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
                self.to_integer().encode_value(writer)
            }
        }
    )*};
}

trait ToInteger {
    fn to_integer(&self) -> Integer<'static>;
}

macro_rules! impl_to_integer {
    ($($type:ty => $via:ident as $wide:ty),*) => {$(
        impl ToInteger for $type {
            fn to_integer(&self) -> Integer<'static> {
                Integer::$via(<$wide>::from(*self))
            }
        }
    )*};
}

impl_to_integer!(u8 => from_u64 as u64, u16 => from_u64 as u64, u32 => from_u64 as u64,
    u64 => from_u64 as u64, i8 => from_i64 as i64, i16 => from_i64 as i64,
    i32 => from_i64 as i64, i64 => from_i64 as i64);

impl_native_integer!(u8 => to_u64, u16 => to_u64, u32 => to_u64, u64 => to_u64,
    i8 => to_i64, i16 => to_i64, i32 => to_i64, i64 => to_i64);
