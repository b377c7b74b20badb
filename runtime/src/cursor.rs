//! The byte cursor under both readers: bounds-checked reads that keep absolute offsets
//! and a nesting depth.

use crate::{DecodeOptions, Error, ErrorKind, Result};

/// The unread part of a borrowed input, plus where that part ends in the top-level input.
///
/// Reads shorten `rest` from the front, so the next byte is always `rest[0]` and the
/// absolute offset is computed only when an error or a caller asks for it.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    rest: &'a [u8],
    /// Absolute offset, in the top-level input, of the byte after `rest`.
    end: usize,
    /// Nesting levels still allowed below this one.
    pub(crate) depth_left: u32,
    depth_limit: u32,
}

impl<'a> Cursor<'a> {
    #[inline]
    pub(crate) fn new(input: &'a [u8], options: DecodeOptions) -> Self {
        Self {
            rest: input,
            end: options.base_offset.wrapping_add(input.len()),
            depth_left: options.max_depth,
            depth_limit: options.depth_limit(),
        }
    }

    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.end.wrapping_sub(self.rest.len())
    }

    #[inline]
    pub(crate) fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    #[inline]
    pub(crate) fn remaining_len(&self) -> usize {
        self.rest.len()
    }

    #[inline]
    pub(crate) fn peek_u8(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Moves past `count` bytes that the caller has checked exist.
    #[inline]
    pub(crate) fn advance(&mut self, count: usize) {
        self.rest = &self.rest[count..];
    }

    /// Takes the next `count` bytes, or fails with `Truncated` at the current offset.
    #[inline]
    pub(crate) fn take(&mut self, count: usize) -> Result<&'a [u8]> {
        match self.rest.split_at_checked(count) {
            Some((taken, rest)) => {
                self.rest = rest;
                Ok(taken)
            }
            None => Err(self.truncated(count)),
        }
    }

    /// Returns the error for a read of `needed` bytes past the end. The cold part takes
    /// plain values, so the cursor's address need not escape and its fields can stay in
    /// registers.
    #[inline(always)]
    fn truncated(&self, needed: usize) -> Error {
        truncated(needed, self.rest.len(), self.offset())
    }

    #[inline]
    pub(crate) fn take_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        match self.rest.split_first_chunk::<N>() {
            Some((taken, rest)) => {
                self.rest = rest;
                Ok(*taken)
            }
            None => Err(self.truncated(N)),
        }
    }

    #[inline]
    pub(crate) fn read_u8(&mut self) -> Result<u8> {
        match self.rest.split_first() {
            Some((&byte, rest)) => {
                self.rest = rest;
                Ok(byte)
            }
            None => Err(self.truncated(1)),
        }
    }

    /// Skips `header_len` bytes and splits off the `length` bytes after them as a cursor
    /// `depth_left` levels from the limit. The caller has checked that both exist.
    #[inline]
    pub(crate) fn split_header(
        &mut self,
        header_len: usize,
        length: usize,
        depth_left: u32,
    ) -> Cursor<'a> {
        let content_start = self.offset().wrapping_add(header_len);
        let (content, rest) = self.rest[header_len..].split_at(length);
        self.rest = rest;
        Cursor {
            rest: content,
            end: content_start.wrapping_add(length),
            depth_left,
            depth_limit: self.depth_limit,
        }
    }

    /// Splits off the next `count` bytes as a cursor one nesting level deeper.
    #[inline]
    pub(crate) fn nested(&mut self, count: usize) -> Result<Cursor<'a>> {
        let depth_left = self.descend()?;
        self.split_at_depth(count, depth_left)
    }

    /// Splits off the next `count` bytes as a cursor at the same nesting level and under
    /// the same limit, for the content octets of a primitive TLV.
    #[inline]
    pub(crate) fn split(&mut self, count: usize) -> Result<Cursor<'a>> {
        self.split_at_depth(count, self.depth_left)
    }

    #[inline]
    fn split_at_depth(&mut self, count: usize, depth_left: u32) -> Result<Cursor<'a>> {
        let end = self.offset().wrapping_add(count);
        let input = self.take(count)?;
        Ok(Cursor {
            rest: input,
            end,
            depth_left,
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

    /// Returns `result`, or `TrailingData` when it is a value and bytes are left. The
    /// value is returned where it lies rather than moved past a `?`, which would copy it
    /// through the stack.
    #[inline(always)]
    pub(crate) fn finish_with<T>(&self, result: Result<T>) -> Result<T> {
        if result.is_ok() && !self.rest.is_empty() {
            return Err(trailing(self.rest.len(), self.offset()));
        }
        result
    }

    /// Fails with `TrailingData` unless every byte was read.
    #[inline]
    pub(crate) fn finish(&self) -> Result<()> {
        match self.rest.len() {
            0 => Ok(()),
            count => Err(trailing(count, self.offset())),
        }
    }

    pub(crate) fn options(&self) -> DecodeOptions {
        DecodeOptions::nested(self.depth_left, self.depth_limit, self.offset())
    }
}

#[cold]
#[inline(never)]
fn truncated(needed: usize, available: usize, offset: usize) -> Error {
    Error::new(ErrorKind::Truncated { needed, available }, offset)
}

#[cold]
#[inline(never)]
fn trailing(count: usize, offset: usize) -> Error {
    Error::new(ErrorKind::TrailingData { count }, offset)
}
