//! SEQUENCE OF and SET OF (X.690 8.10, 8.12, 11.6): validated once when decoded, then
//! kept as a view that decodes elements as it iterates, or built from owned elements.

use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

use crate::der::{Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

/// The elements of a SEQUENCE OF.
///
/// Decoding checks every element and keeps only the content octets, so a decoded list
/// costs no allocation; iteration decodes each element again from those octets.
#[derive(Clone)]
pub struct SequenceOf<'a, T> {
    repr: Repr<'a, T>,
}

#[derive(Clone)]
enum Repr<'a, T> {
    /// A reader over the checked content octets, cloned for each iteration.
    Decoded {
        content: Reader<'a>,
        count: usize,
    },
    Owned(Vec<T>),
}

impl<'a, T> SequenceOf<'a, T> {
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

    /// Returns the encoded elements, when the list was decoded.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match &self.repr {
            Repr::Decoded { content, .. } => Some(content.remaining()),
            Repr::Owned(_) => None,
        }
    }

    /// Iterates over the elements, decoding each from the input when the list was decoded.
    #[inline]
    pub fn iter(&self) -> SetOfIter<'_, 'a, T> {
        match &self.repr {
            Repr::Decoded { content, .. } => SetOfIter::Decoded(content.clone()),
            Repr::Owned(elements) => SetOfIter::Owned(elements.iter()),
        }
    }
}

impl<'a, T: Decode<'a>> SequenceOf<'a, T> {
    /// Decodes every element of `content`, calling `check` on each element's encoding.
    #[inline]
    fn decode_elements(
        content: &mut Reader<'a>,
        mut check: impl FnMut(&'a [u8], usize) -> Result<()>,
    ) -> Result<Self> {
        let start = content.clone();
        let mut count = 0;
        while !content.is_empty() {
            let offset = content.offset();
            let (_, encoding) = content
                .capture(T::decode_from)
                .map_err(|error| error.at_index(count))?;
            check(encoding, offset).map_err(|error| error.at_index(count))?;
            count += 1;
        }
        Ok(Self {
            repr: Repr::Decoded {
                content: start,
                count,
            },
        })
    }
}

impl<'a, T: Decode<'a> + Clone> SequenceOf<'a, T> {
    /// Collects the elements into a vector.
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().collect()
    }
}

impl<T: Encode> SequenceOf<'_, T> {
    fn content_len(&self) -> usize {
        match &self.repr {
            Repr::Decoded { content, .. } => content.remaining().len(),
            Repr::Owned(elements) => elements.iter().map(Encode::encoded_len).sum(),
        }
    }
}

impl<T> FixedTag for SequenceOf<'_, T> {
    const TAG: Tag = Tag::SEQUENCE;
}

impl<'a, T: Decode<'a>> DecodeValue<'a> for SequenceOf<'a, T> {
    #[inline]
    fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
        Self::decode_elements(content, |_, _| Ok(()))
    }
}

impl<T: Encode> EncodeValue for SequenceOf<'_, T> {
    fn value_len(&self) -> usize {
        self.content_len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
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
}

/// The elements of a SET OF, whose encodings DER puts in ascending order (X.690 11.6).
#[derive(Clone)]
pub struct SetOf<'a, T>(SequenceOf<'a, T>);

impl<'a, T> SetOf<'a, T> {
    /// Builds a SET OF from elements in any order; encoding sorts them.
    pub fn from_vec(elements: Vec<T>) -> Self {
        Self(SequenceOf::from_vec(elements))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Returns the encoded elements, when the set was decoded.
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        self.0.as_bytes()
    }

    /// Iterates in encoding order when decoded, in the given order when built.
    #[inline]
    pub fn iter(&self) -> SetOfIter<'_, 'a, T> {
        self.0.iter()
    }
}

impl<'a, T: Decode<'a> + Clone> SetOf<'a, T> {
    pub fn to_vec(&self) -> Vec<T> {
        self.0.to_vec()
    }
}

/// Compares two encodings as X.690 11.6 orders SET OF elements: as octet strings, the
/// shorter padded at its end with zero octets.
pub fn compare_set_of(left: &[u8], right: &[u8]) -> Ordering {
    let common = left.len().min(right.len());
    left[..common].cmp(&right[..common]).then_with(|| {
        let (longer, sign) = if left.len() > right.len() {
            (&left[common..], Ordering::Greater)
        } else {
            (&right[common..], Ordering::Less)
        };
        if longer.iter().all(|&octet| octet == 0) {
            Ordering::Equal
        } else {
            sign
        }
    })
}

/// Fails with `SetOfNotSorted` at `offset` unless `previous` orders at or before `next`.
pub fn check_set_of_order(previous: &[u8], next: &[u8], offset: usize) -> Result<()> {
    if compare_set_of(previous, next) == Ordering::Greater {
        return Err(Error::new(ErrorKind::SetOfNotSorted, offset));
    }
    Ok(())
}

impl<T> FixedTag for SetOf<'_, T> {
    const TAG: Tag = Tag::SET;
}

impl<'a, T: Decode<'a>> DecodeValue<'a> for SetOf<'a, T> {
    #[inline]
    fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
        let mut previous: Option<&[u8]> = None;
        SequenceOf::decode_elements(content, |encoding, offset| {
            if let Some(previous) = previous {
                check_set_of_order(previous, encoding, offset)?;
            }
            previous = Some(encoding);
            Ok(())
        })
        .map(Self)
    }
}

impl<T: Encode> EncodeValue for SetOf<'_, T> {
    fn value_len(&self) -> usize {
        self.0.content_len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        let Repr::Owned(elements) = &self.0.repr else {
            return self.0.encode_value(writer);
        };
        let mut encodings = Vec::with_capacity(elements.len());
        for (index, element) in elements.iter().enumerate() {
            encodings.push(element.encode().map_err(|error| error.at_index(index))?);
        }
        encodings.sort_by(|left, right| compare_set_of(left, right));
        encodings
            .iter()
            .for_each(|encoding| writer.write_bytes(encoding));
        Ok(())
    }
}

/// Iterator over a [`SequenceOf`] or [`SetOf`]; yields elements by value.
pub enum SetOfIter<'l, 'a, T> {
    Decoded(Reader<'a>),
    Owned(core::slice::Iter<'l, T>),
}

impl<'a, T: Decode<'a> + Clone> Iterator for SetOfIter<'_, 'a, T> {
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

macro_rules! list_traits {
    ($name:ident) => {
        impl<'a, T: Decode<'a> + Clone + PartialEq> PartialEq for $name<'a, T> {
            fn eq(&self, other: &Self) -> bool {
                self.len() == other.len() && self.iter().eq(other.iter())
            }
        }

        impl<'a, T: Decode<'a> + Clone + Eq> Eq for $name<'a, T> {}

        impl<'a, T: Decode<'a> + Clone + fmt::Debug> fmt::Debug for $name<'a, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.iter()).finish()
            }
        }

        impl<T> Default for $name<'_, T> {
            fn default() -> Self {
                Self::from_vec(Vec::new())
            }
        }

        impl<T> From<Vec<T>> for $name<'_, T> {
            fn from(elements: Vec<T>) -> Self {
                Self::from_vec(elements)
            }
        }
    };
}

list_traits!(SequenceOf);
list_traits!(SetOf);
