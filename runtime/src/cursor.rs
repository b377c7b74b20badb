//! The byte cursor under both readers: bounds-checked reads that keep absolute offsets
//! and a nesting depth.

use crate::{DecodeOptions, Error, ErrorKind, Result};

/// A position in a borrowed input, plus the offset of that input in the top-level one.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    input: &'a [u8],
    position: usize,
    /// Absolute offset of `input[0]` in the top-level input.
    base: usize,
    /// Nesting levels still allowed below this one.
    pub(crate) depth_left: u32,
    depth_limit: u32,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(input: &'a [u8], options: DecodeOptions) -> Self {
        Self {
            input,
            position: 0,
            base: options.base_offset,
            depth_left: options.max_depth,
            depth_limit: options.depth_limit(),
        }
    }

    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.base + self.position
    }

    #[inline]
    pub(crate) fn remaining(&self) -> &'a [u8] {
        &self.input[self.position..]
    }

    #[inline]
    pub(crate) fn remaining_len(&self) -> usize {
        self.input.len() - self.position
    }

    #[inline]
    pub(crate) fn peek_u8(&self) -> Option<u8> {
        self.input.get(self.position).copied()
    }

    /// Takes the next `count` bytes, or fails with `Truncated` at the current offset.
    #[inline]
    pub(crate) fn take(&mut self, count: usize) -> Result<&'a [u8]> {
        let available = self.remaining_len();
        if count > available {
            return Err(Error::new(
                ErrorKind::Truncated {
                    needed: count,
                    available,
                },
                self.offset(),
            ));
        }
        let start = self.position;
        self.position += count;
        Ok(&self.input[start..self.position])
    }

    #[inline]
    pub(crate) fn take_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let bytes = self.take(N)?;
        let mut array = [0; N];
        array.copy_from_slice(bytes);
        Ok(array)
    }

    #[inline]
    pub(crate) fn read_u8(&mut self) -> Result<u8> {
        match self.peek_u8() {
            Some(byte) => {
                self.position += 1;
                Ok(byte)
            }
            None => Err(Error::new(
                ErrorKind::Truncated {
                    needed: 1,
                    available: 0,
                },
                self.offset(),
            )),
        }
    }

    /// Splits off the next `count` bytes as a cursor one nesting level deeper.
    #[inline]
    pub(crate) fn nested(&mut self, count: usize) -> Result<Cursor<'a>> {
        let depth_left = self.descend()?;
        let base = self.offset();
        let input = self.take(count)?;
        Ok(Cursor {
            input,
            position: 0,
            base,
            depth_left,
            depth_limit: self.depth_limit,
        })
    }

    /// Splits off the next `count` bytes as a cursor at the same nesting level and under
    /// the same limit, for the content octets of a primitive TLV.
    #[inline]
    pub(crate) fn split(&mut self, count: usize) -> Result<Cursor<'a>> {
        let base = self.offset();
        let input = self.take(count)?;
        Ok(Cursor {
            input,
            position: 0,
            base,
            depth_left: self.depth_left,
            depth_limit: self.depth_limit,
        })
    }

    /// Returns the depth left one level down, or fails when the limit is reached.
    #[inline]
    pub(crate) fn descend(&self) -> Result<u32> {
        match self.depth_left.checked_sub(1) {
            Some(left) => Ok(left),
            None => Err(Error::new(
                ErrorKind::DepthLimitExceeded {
                    limit: self.depth_limit,
                },
                self.offset(),
            )),
        }
    }

    /// Fails with `TrailingData` unless every byte was read.
    #[inline]
    pub(crate) fn finish(&self) -> Result<()> {
        match self.remaining_len() {
            0 => Ok(()),
            count => Err(Error::new(ErrorKind::TrailingData { count }, self.offset())),
        }
    }

    pub(crate) fn options(&self) -> DecodeOptions {
        DecodeOptions::nested(self.depth_left, self.depth_limit, self.offset())
    }
}
