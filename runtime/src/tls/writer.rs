//! Writing TLS presentation language values: length prefixes are reserved, the content is
//! written, then the prefix is patched, and a length outside its range fails the encode.

use alloc::vec::Vec;

use crate::tls::{VARINT_MAX, VectorRange, varint_len};
use crate::{Error, ErrorKind, Result};

/// Appends TLS encodings to a byte buffer.
#[derive(Debug)]
pub struct Writer<'w> {
    out: &'w mut Vec<u8>,
}

impl<'w> Writer<'w> {
    #[inline]
    pub fn new(out: &'w mut Vec<u8>) -> Self {
        Self { out }
    }

    /// Returns the number of bytes in the buffer, the offset errors report.
    #[inline]
    pub fn position(&self) -> usize {
        self.out.len()
    }

    #[inline]
    pub fn write_u8(&mut self, value: u8) {
        self.out.push(value);
    }

    #[inline]
    pub fn write_u16(&mut self, value: u16) {
        self.out.extend_from_slice(&value.to_be_bytes());
    }

    #[inline]
    pub fn write_u32(&mut self, value: u32) {
        self.out.extend_from_slice(&value.to_be_bytes());
    }

    #[inline]
    pub fn write_u64(&mut self, value: u64) {
        self.out.extend_from_slice(&value.to_be_bytes());
    }

    /// Writes `value` as a big-endian integer `width` bytes wide (1 to 8), failing when
    /// it does not fit, as a `uint24` of 2^24 does not.
    #[inline]
    pub fn write_uint(&mut self, width: usize, value: u64) -> Result<()> {
        let width = width.clamp(1, 8);
        if width < 8 && value >> (8 * width) != 0 {
            return Err(Error::new(
                ErrorKind::IntegerTooWide {
                    width: width as u8,
                    value,
                },
                self.position(),
            ));
        }
        self.out
            .extend_from_slice(&value.to_be_bytes()[8 - width..]);
        Ok(())
    }

    #[inline]
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Writes a fixed vector, failing unless `bytes` has exactly `size` bytes.
    #[inline]
    pub fn write_fixed(&mut self, size: usize, bytes: &[u8]) -> Result<()> {
        if bytes.len() != size {
            return Err(Error::new(
                ErrorKind::FixedLengthMismatch {
                    expected: size,
                    actual: bytes.len(),
                },
                self.position(),
            ));
        }
        self.write_bytes(bytes);
        Ok(())
    }

    /// Writes a variable vector: reserves the length prefix, lets `content` write the
    /// elements, then patches the prefix. Fails when the length is outside `range`.
    #[inline]
    pub fn write_vector(
        &mut self,
        range: VectorRange,
        content: impl FnOnce(&mut Writer<'_>) -> Result<()>,
    ) -> Result<()> {
        let start = self.out.len();
        let width = range.prefix_width();
        self.out.resize(start + width, 0);
        content(self)?;

        let length = self.out.len() - start - width;
        if let Err(error) = range.check(length, start) {
            self.out.truncate(start);
            return Err(error);
        }
        let prefix = (length as u64).to_be_bytes();
        self.out[start..start + width].copy_from_slice(&prefix[8 - width..]);
        Ok(())
    }

    /// Writes `opaque x<floor..ceiling>`.
    #[inline]
    pub fn write_opaque(&mut self, range: VectorRange, bytes: &[u8]) -> Result<()> {
        range.check(bytes.len(), self.position())?;
        let width = range.prefix_width();
        self.out
            .extend_from_slice(&(bytes.len() as u64).to_be_bytes()[8 - width..]);
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    /// Writes an RFC 9000 section 16 variable-length integer in its minimal encoding.
    pub fn write_varint(&mut self, value: u64) -> Result<()> {
        self.write_varint_limited(VARINT_MAX, value)
    }

    /// Writes a minimal variable-length integer, failing when it exceeds `maximum`.
    pub fn write_varint_limited(&mut self, maximum: u64, value: u64) -> Result<()> {
        if value > maximum.min(VARINT_MAX) {
            return Err(Error::new(
                ErrorKind::VarintOutOfRange {
                    maximum: maximum.min(VARINT_MAX),
                    actual: value,
                },
                self.position(),
            ));
        }
        let width = varint_len(value);
        let prefix = match width {
            1 => 0b00,
            2 => 0b01,
            4 => 0b10,
            _ => 0b11,
        };
        let mut bytes = value.to_be_bytes();
        bytes[8 - width] |= prefix << 6;
        self.out.extend_from_slice(&bytes[8 - width..]);
        Ok(())
    }

    /// Writes a `<V>` vector: `content` writes the elements, then their length, no larger
    /// than `maximum`, is inserted in front as a variable-length integer.
    pub fn write_varint_vector(
        &mut self,
        maximum: u64,
        content: impl FnOnce(&mut Writer<'_>) -> Result<()>,
    ) -> Result<()> {
        let start = self.out.len();
        content(self)?;

        let length = (self.out.len() - start) as u64;
        let maximum = maximum.min(VARINT_MAX);
        if length > maximum {
            self.out.truncate(start);
            return Err(Error::new(
                ErrorKind::VarintOutOfRange {
                    maximum,
                    actual: length,
                },
                start,
            ));
        }
        let content_end = self.out.len();
        self.write_varint_limited(maximum, length)?;
        let prefix_len = self.out.len() - content_end;
        self.out[start..].rotate_right(prefix_len);
        Ok(())
    }

    /// Writes `opaque x<V>`.
    pub fn write_varint_opaque(&mut self, maximum: u64, bytes: &[u8]) -> Result<()> {
        self.write_varint_limited(maximum, bytes.len() as u64)?;
        self.write_bytes(bytes);
        Ok(())
    }
}
