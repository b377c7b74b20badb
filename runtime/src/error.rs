//! The one error type of the runtime: the broken rule, the byte offset into the top-level
//! input and the field path, filled in as the error travels outward.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

use crate::der::Tag;

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// A decoding or encoding failure.
///
/// The error is one pointer wide, so a `Result` costs nothing extra on success. The kind,
/// offset and path live behind that pointer and are only built on failure.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    offset: usize,
    /// Innermost segment first: decoders push as the error leaves each level.
    path: Vec<PathSegment>,
}

/// One step of a field path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment {
    /// A schema type; only the outermost one is shown.
    Type(&'static str),
    /// A struct field or SEQUENCE component.
    Field(&'static str),
    /// An element of a vector, SEQUENCE OF or SET OF.
    Index(usize),
}

/// The rule that the input or the value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A read needed more bytes than the input has left.
    Truncated { needed: usize, available: usize },
    /// Bytes remain after a complete value.
    TrailingData { count: usize },
    /// Values nest deeper than the decode's depth limit.
    DepthLimitExceeded { limit: u32 },

    /// A vector's length lies outside its declared `<floor..ceiling>`.
    LengthOutOfRange {
        floor: u64,
        ceiling: u64,
        actual: u64,
    },
    /// A vector's length is not a whole number of its fixed-size elements.
    LengthNotMultiple { length: usize, element_size: usize },
    /// A value of fixed size (a TLS fixed vector, a DER BOOLEAN) has another size.
    FixedLengthMismatch { expected: usize, actual: usize },
    /// An integer does not fit the field's width.
    IntegerTooWide { width: u8, value: u64 },
    /// A variable-length integer (RFC 9000 section 16) uses more bytes than its value needs.
    NonMinimalVarint,
    /// A variable-length integer or `<V>` length exceeds the allowed maximum.
    VarintOutOfRange { maximum: u64, actual: u64 },
    /// An enumerated value that the schema does not define.
    UnknownEnumValue { value: u64 },
    /// A `select` discriminant with no matching case.
    UnknownSelector { value: u64 },
    /// A `select` value whose case does not match its discriminant field, on encode.
    SelectorMismatch,
    /// A field with a fixed value contains another value.
    FixedValueMismatch { expected: u64, actual: u64 },
    /// An `optional<T>` presence octet other than 0 or 1.
    InvalidPresence { value: u8 },

    /// A tag other than the one the type requires.
    UnexpectedTag { expected: Tag, actual: Tag },
    /// No CHOICE alternative or OPTIONAL component accepts this tag.
    UnknownTag { actual: Tag },
    /// A tag number written in more octets than needed (X.690 8.1.2.4).
    NonMinimalTag,
    /// A tag number above the supported range.
    TagNumberTooLarge,
    /// The indefinite length form, which DER forbids (X.690 10.1).
    IndefiniteLength,
    /// A length written in more octets than needed (X.690 10.1).
    NonMinimalLength,
    /// A length above what this platform can address.
    LengthTooLarge,
    /// A constructed encoding of a primitive type, or the reverse.
    WrongConstructedBit,
    /// A BOOLEAN content octet other than 00 or FF (X.690 11.1).
    InvalidBoolean { value: u8 },
    /// An INTEGER or ENUMERATED with no content octets (X.690 8.3.1).
    EmptyInteger,
    /// An INTEGER with a redundant leading 00 or FF octet (X.690 8.3.2).
    NonMinimalInteger,
    /// An INTEGER that does not fit the requested Rust type.
    IntegerOverflow,
    /// NULL with content octets (X.690 8.8.2).
    NonEmptyNull,
    /// An OBJECT IDENTIFIER with no subidentifiers or a truncated last one (X.690 8.19).
    InvalidObjectIdentifier,
    /// A subidentifier with a leading 0x80 octet (X.690 8.19.2).
    NonMinimalSubidentifier,
    /// An arc above 2^128-1, or a first arc above 2, or a second arc above 39 under 0 or 1.
    ObjectIdentifierArcOutOfRange,
    /// A BIT STRING with more than 7 unused bits, or unused bits in an empty string.
    InvalidUnusedBits { unused: u8 },
    /// A BIT STRING whose unused bits are not zero (X.690 11.2.1).
    NonZeroPadding,
    /// A named-bit BIT STRING with trailing zero bits (X.690 11.2.2).
    TrailingZeroBits,
    /// A character outside the string type's character set.
    InvalidCharacter { tag: Tag, position: usize },
    /// A UTCTime or GeneralizedTime that is not in its DER form or not a calendar date.
    InvalidTime,
    /// SET OF elements not in ascending order of their encodings (X.690 11.6).
    SetOfNotSorted,
    /// SET components not in the canonical order of their tags (X.690 10.3).
    SetNotSorted,
    /// A component encoded with its DEFAULT value, which DER forbids (X.690 11.5).
    EncodedDefault,
}

impl Error {
    /// Creates an error of `kind` at byte `offset` of the top-level input.
    #[cold]
    #[inline(never)]
    pub fn new(kind: ErrorKind, offset: usize) -> Self {
        Self(Box::new(Inner {
            kind,
            offset,
            path: Vec::new(),
        }))
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// Returns the byte offset into the top-level input where the fault starts.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// Returns the path segments, outermost first.
    pub fn path(&self) -> impl Iterator<Item = PathSegment> + '_ {
        self.0.path.iter().rev().copied()
    }

    /// Records that the error happened inside field `name`.
    #[cold]
    pub fn in_field(mut self, name: &'static str) -> Self {
        self.0.path.push(PathSegment::Field(name));
        self
    }

    /// Records that the error happened inside element `index` of a list.
    #[cold]
    pub fn at_index(mut self, index: usize) -> Self {
        self.0.path.push(PathSegment::Index(index));
        self
    }

    /// Records that the error happened while decoding or encoding type `name`.
    #[cold]
    pub fn in_type(mut self, name: &'static str) -> Self {
        self.0.path.push(PathSegment::Type(name));
        self
    }

    /// Moves the offset by `base` bytes, for a value decoded from a slice that starts at
    /// `base` in the top-level input.
    #[cold]
    pub fn shifted(mut self, base: usize) -> Self {
        self.0.offset = self.0.offset.wrapping_add(base);
        self
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("offset", &self.0.offset)
            .field("path", &format_args!("{}", PathDisplay(self)))
            .finish()
    }
}

impl PartialEq for Error {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind == other.0.kind
            && self.0.offset == other.0.offset
            && self.0.path == other.0.path
    }
}

impl Eq for Error {}

/// The path as `Type.field[index].field`: the outermost type, then fields and indices.
struct PathDisplay<'e>(&'e Error);

impl fmt::Display for PathDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote_any = false;
        let mut segments = self.0.path().peekable();
        if let Some(PathSegment::Type(name)) = segments.peek() {
            f.write_str(name)?;
            wrote_any = true;
        }
        for segment in segments {
            match segment {
                PathSegment::Type(_) => {}
                PathSegment::Field(name) if wrote_any => write!(f, ".{name}")?,
                PathSegment::Field(name) => f.write_str(name)?,
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
            wrote_any = true;
        }
        Ok(())
    }
}

/// Reads like `SignedCertificateTimestampList.sct_list[1].signature: length 72 exceeds
/// the 60 bytes left at offset 133`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.path.is_empty() {
            write!(f, "{}: ", PathDisplay(self))?;
        }
        write!(f, "{} at offset {}", self.0.kind, self.0.offset)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Truncated {
                needed,
                available: 1,
            } => write!(f, "length {needed} exceeds the 1 byte left"),
            Self::Truncated { needed, available } => {
                write!(f, "length {needed} exceeds the {available} bytes left")
            }
            Self::TrailingData { count: 1 } => f.write_str("1 trailing byte after the value"),
            Self::TrailingData { count } => write!(f, "{count} trailing bytes after the value"),
            Self::DepthLimitExceeded { limit } => {
                write!(f, "values nest deeper than the limit of {limit}")
            }
            Self::LengthOutOfRange {
                floor,
                ceiling,
                actual,
            } => write!(f, "length {actual} is outside <{floor}..{ceiling}>"),
            Self::LengthNotMultiple {
                length,
                element_size,
            } => write!(
                f,
                "length {length} is not a multiple of the {element_size}-byte element size"
            ),
            Self::FixedLengthMismatch { expected, actual } => {
                write!(
                    f,
                    "value takes {actual} bytes instead of its fixed {expected}"
                )
            }
            Self::IntegerTooWide { width, value } => {
                write!(f, "value {value} does not fit in {width} bytes")
            }
            Self::NonMinimalVarint => f.write_str("variable-length integer is not minimal"),
            Self::VarintOutOfRange { maximum, actual } => {
                write!(f, "variable-length integer {actual} exceeds {maximum}")
            }
            Self::UnknownEnumValue { value } => write!(f, "unknown enumerated value {value}"),
            Self::UnknownSelector { value } => write!(f, "no case for selector value {value}"),
            Self::SelectorMismatch => {
                f.write_str("select case does not match the value of its selector")
            }
            Self::FixedValueMismatch { expected, actual } => {
                write!(f, "fixed-value field holds {actual} instead of {expected}")
            }
            Self::InvalidPresence { value } => {
                write!(f, "optional presence octet {value} is neither 0 nor 1")
            }
            Self::UnexpectedTag { expected, actual } => {
                write!(f, "expected tag {expected}, found {actual}")
            }
            Self::UnknownTag { actual } => write!(f, "unexpected tag {actual}"),
            Self::NonMinimalTag => f.write_str("tag number is not in its minimal form"),
            Self::TagNumberTooLarge => f.write_str("tag number is too large"),
            Self::IndefiniteLength => f.write_str("indefinite length is not allowed in DER"),
            Self::NonMinimalLength => f.write_str("length is not in its minimal form"),
            Self::LengthTooLarge => f.write_str("length is too large"),
            Self::WrongConstructedBit => {
                f.write_str("constructed bit does not match the type's encoding")
            }
            Self::InvalidBoolean { value } => {
                write!(f, "BOOLEAN content {value:#04x} is neither 0x00 nor 0xff")
            }
            Self::EmptyInteger => f.write_str("INTEGER has no content octets"),
            Self::NonMinimalInteger => f.write_str("INTEGER is not in its minimal form"),
            Self::IntegerOverflow => f.write_str("INTEGER does not fit the requested type"),
            Self::NonEmptyNull => f.write_str("NULL has content octets"),
            Self::InvalidObjectIdentifier => f.write_str("OBJECT IDENTIFIER is malformed"),
            Self::NonMinimalSubidentifier => {
                f.write_str("OBJECT IDENTIFIER subidentifier is not minimal")
            }
            Self::ObjectIdentifierArcOutOfRange => {
                f.write_str("OBJECT IDENTIFIER arc is out of range")
            }
            Self::InvalidUnusedBits { unused } => {
                write!(f, "BIT STRING has an invalid unused-bit count {unused}")
            }
            Self::NonZeroPadding => f.write_str("BIT STRING unused bits are not zero"),
            Self::TrailingZeroBits => f.write_str("named-bit BIT STRING has trailing zero bits"),
            Self::InvalidCharacter { tag, position } => {
                write!(f, "invalid character for {tag} at position {position}")
            }
            Self::InvalidTime => f.write_str("time is not a valid DER date and time"),
            Self::SetOfNotSorted => f.write_str("SET OF elements are not sorted"),
            Self::SetNotSorted => f.write_str("SET components are not in canonical tag order"),
            Self::EncodedDefault => f.write_str("component is encoded with its DEFAULT value"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn display_shows_outermost_type_then_fields() {
        let error = Error::new(
            ErrorKind::Truncated {
                needed: 72,
                available: 60,
            },
            133,
        )
        .in_field("signature")
        .in_type("SignedCertificateTimestamp")
        .at_index(1)
        .in_field("sct_list")
        .in_type("SignedCertificateTimestampList");
        assert_eq!(
            error.to_string(),
            "SignedCertificateTimestampList.sct_list[1].signature: \
             length 72 exceeds the 60 bytes left at offset 133"
        );
    }

    #[test]
    fn display_without_path_has_no_prefix() {
        let error = Error::new(ErrorKind::NonMinimalLength, 4);
        assert_eq!(
            error.to_string(),
            "length is not in its minimal form at offset 4"
        );
    }

    #[test]
    fn shifted_adds_base_offset() {
        let error = Error::new(ErrorKind::EmptyInteger, 3).shifted(100);
        assert_eq!(error.offset(), 103);
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(core::mem::size_of::<Error>(), core::mem::size_of::<usize>());
    }
}
