//! TLS presentation language wire layer (RFC 8446 section 3, RFC 5246 section 4):
//! big-endian integers, fixed and variable vectors, `optional<T>` and the variable-length
//! integers of RFC 9000 section 16 that RFC 9420 uses for `<V>` vectors.

mod list;
mod reader;
mod writer;

pub use list::{List, ListIter};
pub use reader::Reader;
pub use writer::Writer;

use alloc::vec::Vec;

use crate::{DecodeOptions, Error, ErrorKind, Result};

/// Largest value of an RFC 9000 variable-length integer: 2^62-1.
pub const VARINT_MAX: u64 = (1 << 62) - 1;

/// Largest `<V>` length RFC 9420 section 2.1.2 allows: 2^30-1, so at most four bytes.
pub const MLS_VARINT_MAX: u64 = (1 << 30) - 1;

/// The declared length of a variable vector `T x<floor..ceiling>`, in bytes.
///
/// RFC 8446 section 3.4: the length prefix takes as many bytes as the ceiling needs, and
/// the length counts bytes, not elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VectorRange {
    pub floor: usize,
    pub ceiling: usize,
    /// Size of one element when the element type has a fixed size, else 1: the length
    /// must be a multiple of it.
    pub element_size: usize,
}

impl VectorRange {
    pub const fn new(floor: usize, ceiling: usize) -> Self {
        Self {
            floor,
            ceiling,
            element_size: 1,
        }
    }

    pub const fn with_element_size(self, element_size: usize) -> Self {
        Self {
            element_size,
            ..self
        }
    }

    /// Returns the width of the length prefix: as many bytes as the ceiling needs, at
    /// least 1. Every ceiling up to 2^32-1 gives 1 to 4 bytes, and no ceiling more than 8.
    pub const fn prefix_width(&self) -> usize {
        let bits = usize::BITS - self.ceiling.leading_zeros();
        if bits == 0 {
            return 1;
        }
        bits.div_ceil(8) as usize
    }

    /// Checks `length` against the floor, the ceiling and the element size.
    #[inline]
    pub fn check(&self, length: usize, offset: usize) -> Result<()> {
        if self.accepts(length) {
            Ok(())
        } else {
            Err(rejection(
                self.floor,
                self.ceiling,
                self.element_size,
                length,
                offset,
            ))
        }
    }

    /// Returns whether `length` is within the floor and the ceiling and a multiple of the
    /// element size.
    #[inline]
    pub const fn accepts(&self, length: usize) -> bool {
        length >= self.floor
            && length <= self.ceiling
            && (self.element_size <= 1 || length % self.element_size == 0)
    }
}

/// Returns the error for a `length` outside a vector's range. It takes the range's
/// parts as scalars, so a caller's constant range reaches memory only on this cold path.
#[cold]
#[inline(never)]
fn rejection(
    floor: usize,
    ceiling: usize,
    element_size: usize,
    length: usize,
    offset: usize,
) -> Error {
    if length < floor || length > ceiling {
        return Error::new(
            ErrorKind::LengthOutOfRange {
                floor: floor as u64,
                ceiling: ceiling as u64,
                actual: length as u64,
            },
            offset,
        );
    }
    Error::new(
        ErrorKind::LengthNotMultiple {
            length,
            element_size,
        },
        offset,
    )
}

/// Returns how many bytes the RFC 9000 variable-length encoding of `value` takes.
pub const fn varint_len(value: u64) -> usize {
    match value {
        0..=0x3f => 1,
        0x40..=0x3fff => 2,
        0x4000..=0x3fff_ffff => 4,
        _ => 8,
    }
}

/// A value that decodes from TLS presentation language bytes, borrowing from them.
pub trait Decode<'a>: Sized {
    /// Decodes one value from the reader's current position.
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self>;

    /// Decodes a value that must span all of `input`.
    #[inline]
    fn decode(input: &'a [u8]) -> Result<Self> {
        Self::decode_with(input, DecodeOptions::default())
    }

    /// Decodes a value that must span all of `input`, under `options`.
    ///
    /// Kept out of line so that the value's decoder can be inlined here, where the
    /// reader is a local held in registers. When this was inlined into a caller's loop,
    /// LLVM kept the decoder out of line with the reader in memory.
    #[inline(never)]
    fn decode_with(input: &'a [u8], options: DecodeOptions) -> Result<Self> {
        let mut reader = Reader::with_options(input, options);
        let result = Self::decode_from(&mut reader);
        reader.finish_with(result)
    }
}

/// A value that encodes to TLS presentation language bytes.
pub trait Encode {
    /// Returns the exact number of bytes `encode_to` writes, without encoding.
    fn encoded_len(&self) -> usize;

    /// Appends the encoding; fails, writing nothing useful, when a length or value is
    /// outside what the schema allows.
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()>;

    /// Encodes into a new buffer of exactly `encoded_len` bytes.
    fn encode(&self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_to(&mut Writer::new(&mut out))?;
        Ok(out)
    }
}

/// An enumerated type or integer used as a `select` discriminant (RFC 8446 section 3.8).
pub trait Enumerated: Copy {
    /// Returns the value as written on the wire.
    fn value(&self) -> u64;
}

/// The cases of a `select`: which case is on the wire depends on a discriminant that
/// was decoded before (RFC 8446 section 3.8), so decoding takes it as a parameter.
pub trait Select<'a>: Sized {
    type Selector: Enumerated;

    /// Decodes the case that `selector` names, failing with `UnknownSelector` when none
    /// does.
    fn decode_case(selector: Self::Selector, reader: &mut Reader<'a>) -> Result<Self>;

    /// Returns whether this case is the one `selector` names; encoding checks it.
    fn matches(&self, selector: Self::Selector) -> bool;
}

/// Fails with `UnknownSelector` at `offset`, for a discriminant no case names.
#[cold]
pub fn unknown_selector<T>(selector: impl Enumerated, offset: usize) -> Result<T> {
    Err(Error::new(
        ErrorKind::UnknownSelector {
            value: selector.value(),
        },
        offset,
    ))
}

/// Fails with `SelectorMismatch` unless `value` is the case `selector` names.
pub fn check_case<'a, T: Select<'a>>(
    value: &T,
    selector: T::Selector,
    offset: usize,
) -> Result<()> {
    if value.matches(selector) {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::SelectorMismatch, offset))
    }
}

/// Fails with `SelectorMismatch` at `offset` unless `matched`, for select cases checked
/// by an inherent method rather than through [`Select`].
pub fn check_matches(matched: bool, offset: usize) -> Result<()> {
    if matched {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::SelectorMismatch, offset))
    }
}

/// Fails with `FixedValueMismatch` at `offset` unless a field contains its fixed value.
pub fn check_fixed(expected: u64, actual: u64, offset: usize) -> Result<()> {
    if expected == actual {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::FixedValueMismatch { expected, actual },
            offset,
        ))
    }
}

/// Fails with `UnknownEnumValue` at `offset`, for a closed enum.
#[cold]
pub fn unknown_enum_value<T>(value: u64, offset: usize) -> Result<T> {
    Err(Error::new(ErrorKind::UnknownEnumValue { value }, offset))
}

macro_rules! impl_enumerated {
    ($($type:ty),*) => {$(
        impl Enumerated for $type {
            #[inline]
            fn value(&self) -> u64 {
                u64::from(*self)
            }
        }
    )*};
}

impl_enumerated!(u8, u16, u32, u64);

impl Enumerated for bool {
    #[inline]
    fn value(&self) -> u64 {
        u64::from(*self)
    }
}

/// `uint24` (RFC 8446 section 3.3): a `u32` written in three bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Uint24(pub u32);

macro_rules! impl_uint {
    ($type:ty, $read:ident, $write:ident, $width:expr) => {
        impl<'a> Decode<'a> for $type {
            #[inline]
            fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
                reader.$read()
            }
        }

        impl Encode for $type {
            #[inline]
            fn encoded_len(&self) -> usize {
                $width
            }

            #[inline]
            fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
                writer.$write(*self);
                Ok(())
            }
        }
    };
}

impl_uint!(u8, read_u8, write_u8, 1);
impl_uint!(u16, read_u16, write_u16, 2);
impl_uint!(u32, read_u32, write_u32, 4);
impl_uint!(u64, read_u64, write_u64, 8);

impl<'a> Decode<'a> for Uint24 {
    #[inline]
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        reader.read_u24().map(Uint24)
    }
}

impl Encode for Uint24 {
    #[inline]
    fn encoded_len(&self) -> usize {
        3
    }

    #[inline]
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_uint(3, u64::from(self.0))
    }
}

/// Fixed vector of opaque bytes, `opaque x[N]`.
impl<'a, const N: usize> Decode<'a> for &'a [u8; N] {
    #[inline]
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        reader.read_array()
    }
}

impl<const N: usize> Encode for [u8; N] {
    #[inline]
    fn encoded_len(&self) -> usize {
        N
    }

    #[inline]
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_bytes(&self[..]);
        Ok(())
    }
}

/// `optional<T>` (RFC 9420 section 2.1.1): a presence octet, 0 or 1, then the value.
impl<'a, T: Decode<'a>> Decode<'a> for Option<T> {
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        let offset = reader.offset();
        match reader.read_u8()? {
            0 => Ok(None),
            1 => reader.enter(T::decode_from).map(Some),
            value => Err(Error::new(ErrorKind::InvalidPresence { value }, offset)),
        }
    }
}

impl<T: Encode> Encode for Option<T> {
    #[inline]
    fn encoded_len(&self) -> usize {
        1 + self.as_ref().map_or(0, Encode::encoded_len)
    }

    #[inline]
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        match self {
            None => {
                writer.write_u8(0);
                Ok(())
            }
            Some(value) => {
                writer.write_u8(1);
                value.encode_to(writer)
            }
        }
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }

    #[inline]
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        (**self).encode_to(writer)
    }
}

impl<T: Encode + ?Sized> Encode for alloc::boxed::Box<T> {
    #[inline]
    fn encoded_len(&self) -> usize {
        (**self).encoded_len()
    }

    #[inline]
    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        (**self).encode_to(writer)
    }
}

/// A boxed value, for recursive types; the `optional<T>` or vector around it counts the
/// nesting depth.
impl<'a, T: Decode<'a>> Decode<'a> for alloc::boxed::Box<T> {
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        T::decode_from(reader).map(alloc::boxed::Box::new)
    }
}
