//! Writing DER: identifier and length octets in their minimal form, then content.

use alloc::vec::Vec;

use crate::Result;
use crate::der::{Encode, EncodeValue, FixedTag, Tag};

/// Appends DER encodings to a byte buffer.
#[derive(Debug)]
pub struct Writer<'w> {
    out: &'w mut Vec<u8>,
}

impl<'w> Writer<'w> {
    pub fn new(out: &'w mut Vec<u8>) -> Self {
        Self { out }
    }

    /// Returns the number of bytes in the buffer, the offset errors report.
    pub fn position(&self) -> usize {
        self.out.len()
    }

    /// Writes identifier and length octets for `length` content octets.
    #[inline]
    pub fn write_header(&mut self, tag: Tag, length: usize) {
        tag.write(self.out);
        crate::der::tag::write_length(self.out, length);
    }

    #[inline]
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Writes a primitive TLV.
    #[inline]
    pub fn write_primitive(&mut self, tag: Tag, content: &[u8]) {
        self.write_header(tag, content.len());
        self.write_bytes(content);
    }

    /// Writes a constructed TLV whose content `content` writes; the length octets are
    /// inserted once the content's size is known.
    pub fn write_constructed(
        &mut self,
        tag: Tag,
        content: impl FnOnce(&mut Writer<'_>) -> Result<()>,
    ) -> Result<()> {
        let start = self.out.len();
        content(self)?;
        let length = self.out.len() - start;
        let content_end = self.out.len();
        self.write_header(tag.constructed(), length);
        let header_len = self.out.len() - content_end;
        self.out[start..].rotate_right(header_len);
        Ok(())
    }

    /// Writes an IMPLICIT-tagged value: `tag`'s class and number with `T`'s constructed bit.
    pub fn write_implicit<T: FixedTag + EncodeValue>(&mut self, tag: Tag, value: &T) -> Result<()> {
        self.write_header(
            tag.with_constructed(T::TAG.is_constructed()),
            value.value_len(),
        );
        value.encode_value(self)
    }

    /// Writes an EXPLICIT-tagged value: a constructed TLV tagged `tag` around `value`'s TLV.
    pub fn write_explicit<T: Encode + ?Sized>(&mut self, tag: Tag, value: &T) -> Result<()> {
        self.write_header(tag.constructed(), value.encoded_len());
        value.encode_to(self)
    }
}
