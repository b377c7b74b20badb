//! A vector of structured elements: validated once when decoded, then kept as a view over
//! the input that decodes elements as it iterates, or built by hand from owned elements.

use alloc::vec::Vec;
use core::fmt;

use crate::tls::{Decode, Encode, Reader, VectorRange, Writer};
use crate::{Error, ErrorKind, Result};

/// The elements of a TLS vector `T x<floor..ceiling>` (or `<V>`).
///
/// Decoding checks every element and keeps only the content bytes, so a decoded list
/// costs no allocation; iteration decodes each element again from those bytes. A list
/// built with [`List::from_vec`] owns its elements.
#[derive(Clone)]
pub struct List<'a, T> {
    repr: Repr<'a, T>,
}

#[derive(Clone)]
enum Repr<'a, T> {
    /// A reader over the checked content, cloned for each iteration.
    Decoded {
        content: Reader<'a>,
        count: usize,
    },
    Owned(Vec<T>),
}

impl<'a, T: Decode<'a>> List<'a, T> {
    /// Decodes the vector's length prefix and every element, checking each.
    #[inline]
    pub fn decode_from(reader: &mut Reader<'a>, range: VectorRange) -> Result<Self> {
        let content = reader.read_vector(range)?;
        Self::from_content(content)
    }

    /// Decodes a `<V>` vector whose length is at most `maximum`.
    #[inline]
    pub fn decode_varint_from(reader: &mut Reader<'a>, maximum: u64) -> Result<Self> {
        let content = reader.read_varint_vector(maximum)?;
        Self::from_content(content)
    }

    /// Decodes a fixed vector `T x[size]`: exactly `size` bytes of elements.
    pub fn decode_fixed(reader: &mut Reader<'a>, size: usize) -> Result<Self> {
        let offset = reader.offset();
        let bytes = reader.read_bytes(size)?;
        let options = reader.options().with_base_offset(offset);
        Self::from_content(Reader::with_options(bytes, options))
    }

    #[inline]
    fn from_content(content: Reader<'a>) -> Result<Self> {
        let mut elements = content.clone();
        let mut count = 0;
        while !elements.is_empty() {
            let left = elements.remaining().len();
            T::decode_from(&mut elements).map_err(|error| error.at_index(count))?;
            if elements.remaining().len() == left {
                // An element that takes no bytes cannot account for the rest.
                let offset = elements.offset();
                return Err(Error::new(ErrorKind::TrailingData { count: left }, offset));
            }
            count += 1;
        }
        Ok(Self {
            repr: Repr::Decoded { content, count },
        })
    }
}

impl<'a, T> List<'a, T> {
    pub fn from_vec(elements: Vec<T>) -> Self {
        Self {
            repr: Repr::Owned(elements),
        }
    }

    pub fn len(&self) -> usize {
        match &self.repr {
            Repr::Decoded { count, .. } => *count,
            Repr::Owned(elements) => elements.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Returns the encoded elements without the length prefix, when the list was decoded.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match &self.repr {
            Repr::Decoded { content, .. } => Some(content.remaining()),
            Repr::Owned(_) => None,
        }
    }

    /// Iterates over the elements, decoding each from the input when the list was decoded.
    #[inline]
    pub fn iter(&self) -> ListIter<'_, 'a, T> {
        match &self.repr {
            Repr::Decoded { content, .. } => ListIter::Decoded(content.clone()),
            Repr::Owned(elements) => ListIter::Owned(elements.iter()),
        }
    }
}

impl<'a, T: Decode<'a> + Clone> List<'a, T> {
    /// Collects the elements into a vector.
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().collect()
    }
}

impl<T: Encode> List<'_, T> {
    /// Returns the length of the elements' encodings, without the length prefix.
    pub fn content_len(&self) -> usize {
        match &self.repr {
            Repr::Decoded { content, .. } => content.remaining().len(),
            Repr::Owned(elements) => elements.iter().map(Encode::encoded_len).sum(),
        }
    }

    /// Writes the elements without a length prefix; a decoded list writes its bytes back.
    pub fn encode_content(&self, writer: &mut Writer<'_>) -> Result<()> {
        match &self.repr {
            Repr::Decoded { content, .. } => {
                writer.write_bytes(content.remaining());
                Ok(())
            }
            Repr::Owned(elements) => {
                for (index, element) in elements.iter().enumerate() {
                    element
                        .encode_to(writer)
                        .map_err(|error| error.at_index(index))?;
                }
                Ok(())
            }
        }
    }

    /// Writes the vector with its length prefix, failing when the length is outside `range`.
    pub fn encode_to(&self, writer: &mut Writer<'_>, range: VectorRange) -> Result<()> {
        writer.write_vector(range, |writer| self.encode_content(writer))
    }

    /// Writes a fixed vector `T x[size]`, failing unless the elements take `size` bytes.
    pub fn encode_fixed_to(&self, writer: &mut Writer<'_>, size: usize) -> Result<()> {
        let start = writer.position();
        self.encode_content(writer)?;
        let actual = writer.position() - start;
        if actual != size {
            return Err(Error::new(
                ErrorKind::FixedLengthMismatch {
                    expected: size,
                    actual,
                },
                start,
            ));
        }
        Ok(())
    }

    /// Writes the vector as a `<V>` vector whose length is at most `maximum`.
    pub fn encode_varint_to(&self, writer: &mut Writer<'_>, maximum: u64) -> Result<()> {
        writer.write_varint_vector(maximum, |writer| self.encode_content(writer))
    }
}

/// Iterator over a [`List`]; yields elements by value.
pub enum ListIter<'l, 'a, T> {
    Decoded(Reader<'a>),
    Owned(core::slice::Iter<'l, T>),
}

impl<'a, T: Decode<'a> + Clone> Iterator for ListIter<'_, 'a, T> {
    type Item = T;

    #[inline(always)]
    fn next(&mut self) -> Option<T> {
        match self {
            // The content was checked when the list was decoded, so this cannot fail; an
            // error would end the iteration rather than panic.
            Self::Decoded(reader) if !reader.is_empty() => T::decode_from(reader).ok(),
            Self::Decoded(_) => None,
            Self::Owned(elements) => elements.next().cloned(),
        }
    }
}

impl<'a, T: Decode<'a> + Clone + PartialEq> PartialEq for List<'a, T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<'a, T: Decode<'a> + Clone + Eq> Eq for List<'a, T> {}

impl<'a, T: Decode<'a> + Clone + fmt::Debug> fmt::Debug for List<'a, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Default for List<'_, T> {
    fn default() -> Self {
        Self::from_vec(Vec::new())
    }
}

impl<T> From<Vec<T>> for List<'_, T> {
    fn from(elements: Vec<T>) -> Self {
        Self::from_vec(elements)
    }
}
