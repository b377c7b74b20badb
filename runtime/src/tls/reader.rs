//! Reading TLS presentation language values from a borrowed slice (RFC 8446 section 3).

use crate::cursor::Cursor;
use crate::tls::{VARINT_MAX, VectorRange};
use crate::{DecodeOptions, Error, ErrorKind, Result};

/// A position in TLS-encoded input; every read checks the bytes exist first.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    cursor: Cursor<'a>,
}

impl<'a> Reader<'a> {
    /// Starts at offset 0 with the default depth limit.
    pub fn new(input: &'a [u8]) -> Self {
        Self::with_options(input, DecodeOptions::default())
    }

    #[inline]
    pub fn with_options(input: &'a [u8], options: DecodeOptions) -> Self {
        Self {
            cursor: Cursor::new(input, options),
        }
    }

    /// Returns the absolute offset of the next byte in the top-level input.
    #[inline]
    pub fn offset(&self) -> usize {
        self.cursor.offset()
    }

    /// Returns the bytes not read yet.
    #[inline]
    pub fn remaining(&self) -> &'a [u8] {
        self.cursor.remaining()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.cursor.remaining_len() == 0
    }

    /// Returns options that decode a slice of this input with the same offsets and depth.
    pub fn options(&self) -> DecodeOptions {
        self.cursor.options()
    }

    /// Fails with `TrailingData` unless every byte was read.
    #[inline]
    pub fn finish(&self) -> Result<()> {
        self.cursor.finish()
    }

    /// Returns `result`, or `TrailingData` when it is a value and bytes are left.
    #[inline(always)]
    pub(crate) fn finish_with<T>(&self, result: Result<T>) -> Result<T> {
        self.cursor.finish_with(result)
    }

    /// Runs `decode` one nesting level deeper; recursion through `optional<T>` uses it.
    #[inline]
    pub fn enter<T>(&mut self, decode: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let saved = self.cursor.depth_left;
        self.cursor.depth_left = self.cursor.descend()?;
        let result = decode(self);
        self.cursor.depth_left = saved;
        result
    }

    #[inline]
    pub fn read_u8(&mut self) -> Result<u8> {
        self.cursor.read_u8()
    }

    #[inline]
    pub fn read_u16(&mut self) -> Result<u16> {
        self.cursor.take_array().map(u16::from_be_bytes)
    }

    /// Reads a `uint24` into the low three bytes of a `u32`.
    #[inline]
    pub fn read_u24(&mut self) -> Result<u32> {
        let [a, b, c] = self.cursor.take_array()?;
        Ok(u32::from_be_bytes([0, a, b, c]))
    }

    #[inline]
    pub fn read_u32(&mut self) -> Result<u32> {
        self.cursor.take_array().map(u32::from_be_bytes)
    }

    #[inline]
    pub fn read_u64(&mut self) -> Result<u64> {
        self.cursor.take_array().map(u64::from_be_bytes)
    }

    /// Reads a big-endian unsigned integer `width` bytes wide, 1 to 8.
    #[inline]
    pub fn read_uint(&mut self, width: usize) -> Result<u64> {
        let bytes = self.cursor.take(width.min(8))?;
        Ok(bytes
            .iter()
            .fold(0u64, |value, &byte| (value << 8) | u64::from(byte)))
    }

    /// Reads `count` bytes as they are.
    #[inline]
    pub fn read_bytes(&mut self, count: usize) -> Result<&'a [u8]> {
        self.cursor.take(count)
    }

    /// Reads a fixed vector of opaque bytes, `opaque x[N]`.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<&'a [u8; N]> {
        let offset = self.offset();
        let bytes = self.cursor.take(N)?;
        bytes.try_into().map_err(|_| {
            Error::new(
                ErrorKind::FixedLengthMismatch {
                    expected: N,
                    actual: bytes.len(),
                },
                offset,
            )
        })
    }

    /// Reads a variable vector's length prefix, checks the length against `range`, and
    /// returns a reader over its content, one nesting level deeper.
    #[inline(always)]
    pub fn read_vector(&mut self, range: VectorRange) -> Result<Reader<'a>> {
        let length = self.read_vector_length(range)?;
        Ok(Reader {
            cursor: self.cursor.nested(length)?,
        })
    }

    /// Reads a variable vector of opaque bytes, `opaque x<floor..ceiling>`.
    #[inline(always)]
    pub fn read_opaque(&mut self, range: VectorRange) -> Result<&'a [u8]> {
        let length = self.read_vector_length(range)?;
        self.cursor.take(length)
    }

    /// Reads a length prefix as wide as `range` needs and checks the length against it.
    /// Generated code passes a constant range, so once this is inlined the width is a
    /// constant and reading the prefix is one load.
    #[inline(always)]
    fn read_vector_length(&mut self, range: VectorRange) -> Result<usize> {
        let length = match range.prefix_width() {
            1 => usize::from(self.read_u8()?),
            2 => usize::from(self.read_u16()?),
            3 => self.read_u24()? as usize,
            4 => self.read_u32()? as usize,
            width => return self.read_wide_vector_length(range, width),
        };
        let offset = self.offset().wrapping_sub(range.prefix_width());
        range.check(length, offset)?;
        Ok(length)
    }

    /// Reads a prefix of 5 to 8 bytes, whose value may not fit `usize`.
    #[inline(never)]
    fn read_wide_vector_length(&mut self, range: VectorRange, width: usize) -> Result<usize> {
        let offset = self.offset();
        let length = self.read_uint(width)?;
        let length =
            usize::try_from(length).map_err(|_| Error::new(ErrorKind::LengthTooLarge, offset))?;
        range.check(length, offset)?;
        Ok(length)
    }

    /// Reads an RFC 9000 section 16 variable-length integer in its minimal encoding.
    pub fn read_varint(&mut self) -> Result<u64> {
        self.read_varint_limited(VARINT_MAX)
    }

    /// Reads a minimal variable-length integer no larger than `maximum`; RFC 9420 uses
    /// [`MLS_VARINT_MAX`](crate::tls::MLS_VARINT_MAX).
    pub fn read_varint_limited(&mut self, maximum: u64) -> Result<u64> {
        let offset = self.offset();
        let first = self.read_u8()?;
        let width = 1usize << (first >> 6);
        let rest = self.cursor.take(width - 1)?;
        let value = rest.iter().fold(u64::from(first & 0x3f), |value, &byte| {
            (value << 8) | u64::from(byte)
        });
        if width > 1 && value < 1 << (8 * (width / 2) - 2) {
            return Err(Error::new(ErrorKind::NonMinimalVarint, offset));
        }
        if value > maximum {
            return Err(Error::new(
                ErrorKind::VarintOutOfRange {
                    maximum,
                    actual: value,
                },
                offset,
            ));
        }
        Ok(value)
    }

    /// Reads a `<V>` vector: a variable-length integer length no larger than `maximum`,
    /// then that many bytes, returned as a reader one nesting level deeper.
    pub fn read_varint_vector(&mut self, maximum: u64) -> Result<Reader<'a>> {
        let length = self.read_varint_length(maximum)?;
        Ok(Reader {
            cursor: self.cursor.nested(length)?,
        })
    }

    /// Reads `opaque x<V>`.
    pub fn read_varint_opaque(&mut self, maximum: u64) -> Result<&'a [u8]> {
        let length = self.read_varint_length(maximum)?;
        self.cursor.take(length)
    }

    fn read_varint_length(&mut self, maximum: u64) -> Result<usize> {
        let offset = self.offset();
        let length = self.read_varint_limited(maximum)?;
        usize::try_from(length).map_err(|_| Error::new(ErrorKind::LengthTooLarge, offset))
    }
}
