//! A TLV kept as it was read, for ANY, ANY DEFINED BY and open types, decoded later once
//! the defining component is known.

use crate::der::{Decode, DecodeValue, Encode, Header, Reader, Tag, Tagged, Writer, tlv_len};
use crate::{DecodeOptions, Result};

/// One TLV of any tag: its tag and content octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Any<'a> {
    tag: Tag,
    value: &'a [u8],
}

impl<'a> Any<'a> {
    pub fn new(tag: Tag, value: &'a [u8]) -> Self {
        Self { tag, value }
    }

    pub fn tag(&self) -> Tag {
        self.tag
    }

    /// Returns the content octets.
    pub fn value(&self) -> &'a [u8] {
        self.value
    }

    /// Decodes the content octets as `T` under this TLV's tag; `options.base_offset`
    /// should be the content's offset in the top-level input so errors keep it.
    pub fn decode_as<T: DecodeValue<'a>>(&self, options: DecodeOptions) -> Result<T> {
        let mut content = Reader::with_options(self.value, options);
        let header = Header {
            tag: self.tag,
            length: self.value.len(),
            header_len: 0,
            offset: options.base_offset,
        };
        let value = T::decode_value(&mut content, header)?;
        content.finish()?;
        Ok(value)
    }
}

/// ANY matches every tag, so an OPTIONAL ANY takes whatever TLV comes next.
impl Tagged for Any<'_> {
    fn accepts(_tag: Tag) -> bool {
        true
    }
}

impl<'a> Decode<'a> for Any<'a> {
    #[inline]
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        reader.read_any()
    }
}

impl Encode for Any<'_> {
    fn encoded_len(&self) -> usize {
        tlv_len(self.tag, self.value.len())
    }

    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_primitive(self.tag, self.value);
        Ok(())
    }
}
