//! Reading DER TLVs from a borrowed slice (X.690 8.1, 10.1).

use crate::cursor::Cursor;
use crate::der::{Any, Decode, DecodeValue, FixedTag, Header, Tag};
use crate::{DecodeOptions, Error, ErrorKind, Result};

/// A position in DER input; every read checks the bytes exist first.
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

    /// Runs `decode` and also returns the exact bytes it read, for values whose signature
    /// covers their encoding as received.
    #[inline]
    pub fn capture<T>(
        &mut self,
        decode: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<(T, &'a [u8])> {
        let start = self.remaining();
        let value = decode(self)?;
        let consumed = start.len() - self.cursor.remaining_len();
        Ok((value, &start[..consumed]))
    }

    /// Returns the next tag without reading it, or `None` at the end of the input or when
    /// the identifier octets are malformed (the read that follows reports why).
    #[inline]
    pub fn peek_tag(&self) -> Option<Tag> {
        // A one-octet tag is read without building the error a failed read would carry,
        // so probing for an absent OPTIONAL component at the end of a SEQUENCE is free.
        let first = self.cursor.peek_u8()?;
        if first & 0x1f != 0x1f {
            return Some(Tag::from_first_octet(first));
        }
        next_tag_general(self.cursor.clone()).ok()
    }

    /// Returns the next tag without reading it, failing when the input ends or the
    /// identifier octets are malformed; CHOICE decoders branch on it.
    #[inline]
    pub fn next_tag(&self) -> Result<Tag> {
        match self.cursor.peek_u8() {
            Some(first) if first & 0x1f != 0x1f => Ok(Tag::from_first_octet(first)),
            _ => next_tag_general(self.cursor.clone()),
        }
    }

    /// Reads identifier and length octets and checks that the content octets exist.
    #[inline]
    pub fn read_header(&mut self) -> Result<Header> {
        let (rest, header) = Header::read(self.cursor.clone())?;
        self.cursor = rest;
        Ok(header)
    }

    /// Reads a TLV that must carry `expected`, returning a reader over its content octets;
    /// a constructed TLV's reader is one nesting level deeper.
    #[inline]
    pub fn read_tlv(&mut self, expected: Tag) -> Result<Reader<'a>> {
        self.read_expected(expected, true)
            .map(|(_, content)| content)
    }

    /// Reads a primitive TLV that must carry `expected` and returns its content octets.
    /// The content is not decoded, so even a constructed `expected` enters no nesting
    /// level and the depth limit does not apply.
    #[inline]
    pub fn read_primitive(&mut self, expected: Tag) -> Result<&'a [u8]> {
        self.read_expected(expected, false)
            .map(|(_, content)| content.remaining())
    }

    /// Reads a TLV that must carry `expected`, returning its header and a reader over its
    /// content octets. The tag is compared before the length is checked, so bytes of the
    /// wrong type are reported as such, not as truncated. When `nests`, a constructed
    /// TLV's content is one nesting level deeper.
    #[inline(always)]
    fn read_expected(&mut self, expected: Tag, nests: bool) -> Result<(Header, Reader<'a>)> {
        // Most TLVs in certificates have a one-octet tag and a length of at most two
        // octets, so this path is a few compares. Everything else, errors and the depth
        // limit included, takes the general path.
        let depth_left = if nests && expected.is_constructed() {
            self.cursor.depth_left.checked_sub(1)
        } else {
            Some(self.cursor.depth_left)
        };
        if let Some(identifier) = expected.identifier_octet()
            && let Some(depth_left) = depth_left
            && let Some((length, header_len)) = short_header(self.remaining(), identifier)
        {
            let header = Header {
                tag: expected,
                length,
                header_len,
                offset: self.offset(),
            };
            let cursor = self.cursor.split_header(header_len, length, depth_left);
            return Ok((header, Reader { cursor }));
        }
        // The general path works on a copy, so this reader's address need not escape
        // and its fields can stay in registers on the fast path.
        let (rest, header, content) = read_expected_general(self.cursor.clone(), expected, nests)?;
        self.cursor = rest;
        Ok((header, content))
    }

    /// Reads a TLV tagged `tag` and decodes its content as `T`: the universal form of a
    /// type, or IMPLICIT tagging when `tag` replaces the type's own.
    #[inline]
    pub fn read_value<T: DecodeValue<'a>>(&mut self, tag: Tag) -> Result<T> {
        self.read_tagged_value(tag)
    }

    /// Reads a TLV carrying `T`'s own tag and decodes its content as `T`. Each instance
    /// has the tag as a constant, so its header check compiles to compares with constants
    /// even where the call is not inlined.
    #[inline]
    pub fn read_fixed<T: FixedTag + DecodeValue<'a>>(&mut self) -> Result<T> {
        self.read_tagged_value(T::TAG)
    }

    #[inline(always)]
    fn read_tagged_value<T: DecodeValue<'a>>(&mut self, tag: Tag) -> Result<T> {
        let (header, mut content) = self.read_expected(tag, true)?;
        let result = T::decode_value(&mut content, header);
        content.finish_with(result)
    }

    /// Reads an IMPLICIT-tagged value: `tag`'s class and number with `T`'s constructed bit.
    #[inline]
    pub fn read_implicit<T: FixedTag + DecodeValue<'a>>(&mut self, tag: Tag) -> Result<T> {
        self.read_value(tag.with_constructed(T::TAG.is_constructed()))
    }

    /// Reads an EXPLICIT-tagged value: a constructed TLV tagged `tag` that contains exactly
    /// one TLV of `T`.
    #[inline]
    pub fn read_explicit<T: Decode<'a>>(&mut self, tag: Tag) -> Result<T> {
        let mut content = self.read_tlv(tag.constructed())?;
        let result = T::decode_from(&mut content);
        content.finish_with(result)
    }

    /// Decodes `T` when the next tag is `tag`, else returns `None`, for OPTIONAL
    /// components.
    #[inline]
    pub fn read_optional<T>(
        &mut self,
        tag: Tag,
        decode: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<Option<T>> {
        if self.peek_tag() == Some(tag) {
            decode(self).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Reads a SEQUENCE and decodes its components with `decode`, which must use them all.
    #[inline]
    pub fn read_sequence<T>(&mut self, decode: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.read_constructed(Tag::SEQUENCE, decode)
    }

    /// Reads a constructed TLV tagged `tag` and decodes its content with `decode`, which
    /// must use it all.
    #[inline]
    pub fn read_constructed<T>(
        &mut self,
        tag: Tag,
        decode: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let mut content = self.read_tlv(tag)?;
        let result = decode(&mut content);
        content.finish_with(result)
    }

    /// Reads any one TLV as it is.
    #[inline]
    pub fn read_any(&mut self) -> Result<Any<'a>> {
        let header = self.read_header()?;
        let value = self.cursor.take(header.length)?;
        Ok(Any::new(header.tag, value))
    }

    /// Runs `decode` one nesting level deeper, for recursion through types that read no
    /// TLV of their own.
    #[inline]
    pub fn enter<T>(&mut self, decode: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let saved = self.cursor.depth_left;
        self.cursor.depth_left = self.cursor.descend()?;
        let result = decode(self);
        self.cursor.depth_left = saved;
        result
    }

    /// Takes the rest of the content octets; primitive `DecodeValue` impls use it.
    #[inline]
    pub fn read_rest(&mut self) -> &'a [u8] {
        let rest = self.remaining();
        let _ = self.cursor.take(rest.len());
        rest
    }
}

/// Returns the content length and header size of the TLV at the start of `input`. It
/// returns `None` unless the identifier octet is `identifier`, the minimal length takes
/// at most two octets and the content fits in `input`, so the caller reads it in full.
#[inline(always)]
fn short_header(input: &[u8], identifier: u8) -> Option<(usize, usize)> {
    let (length, header_len) = match *input {
        [first, length, ..] if first == identifier && length < 0x80 => (usize::from(length), 2),
        [first, 0x81, length, ..] if first == identifier && length >= 0x80 => {
            (usize::from(length), 3)
        }
        [first, 0x82, high, low, ..] if first == identifier && high != 0 => {
            (usize::from(u16::from_be_bytes([high, low])), 4)
        }
        _ => return None,
    };
    (length <= input.len() - header_len).then_some((length, header_len))
}

/// Reads the tag at `probe`, which is missing or takes more than one octet.
#[inline(never)]
fn next_tag_general(mut probe: Cursor<'_>) -> Result<Tag> {
    Tag::read(&mut probe)
}

/// Reads a TLV that must carry `expected` in any form DER allows, returning the cursor
/// after it, its header and a reader over its content octets.
#[inline(never)]
fn read_expected_general<'a>(
    cursor: Cursor<'a>,
    expected: Tag,
    nests: bool,
) -> Result<(Cursor<'a>, Header, Reader<'a>)> {
    let offset = cursor.offset();
    let actual = Tag::read(&mut cursor.clone())?;
    if actual != expected {
        return Err(Error::new(
            ErrorKind::UnexpectedTag { expected, actual },
            offset,
        ));
    }
    let (mut cursor, header) = Header::read(cursor)?;
    let content = if nests && header.tag.is_constructed() {
        cursor.nested(header.length)?
    } else {
        cursor.split(header.length)?
    };
    Ok((cursor, header, Reader { cursor: content }))
}
