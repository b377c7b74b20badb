//! Identifier and length octets (X.690 8.1.2, 8.1.3, 10.1): tags with class, constructed
//! bit and high tag numbers, and definite lengths in their minimal form.

use core::fmt;

use crate::cursor::Cursor;
use crate::{Error, ErrorKind, Result};

/// Tag class, bits 8 and 7 of the identifier octet (X.690 8.1.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Universal = 0,
    Application = 1,
    ContextSpecific = 2,
    Private = 3,
}

/// A tag: class, constructed bit and tag number.
///
/// Packed into one integer, class above number above the constructed bit, so that a
/// comparison is one instruction and the integer order is the canonical order of X.680
/// 8.6 with the constructed bit breaking ties.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    bits: u64,
}

const CLASS_SHIFT: u32 = 33;
const NUMBER_SHIFT: u32 = 1;

impl Tag {
    pub const BOOLEAN: Tag = Tag::universal(1);
    pub const INTEGER: Tag = Tag::universal(2);
    pub const BIT_STRING: Tag = Tag::universal(3);
    pub const OCTET_STRING: Tag = Tag::universal(4);
    pub const NULL: Tag = Tag::universal(5);
    pub const OBJECT_IDENTIFIER: Tag = Tag::universal(6);
    pub const REAL: Tag = Tag::universal(9);
    pub const ENUMERATED: Tag = Tag::universal(10);
    pub const UTF8_STRING: Tag = Tag::universal(12);
    pub const RELATIVE_OID: Tag = Tag::universal(13);
    pub const SEQUENCE: Tag = Tag::universal(16).constructed();
    pub const SET: Tag = Tag::universal(17).constructed();
    pub const NUMERIC_STRING: Tag = Tag::universal(18);
    pub const PRINTABLE_STRING: Tag = Tag::universal(19);
    pub const TELETEX_STRING: Tag = Tag::universal(20);
    pub const VIDEOTEX_STRING: Tag = Tag::universal(21);
    pub const IA5_STRING: Tag = Tag::universal(22);
    pub const UTC_TIME: Tag = Tag::universal(23);
    pub const GENERALIZED_TIME: Tag = Tag::universal(24);
    pub const GRAPHIC_STRING: Tag = Tag::universal(25);
    pub const VISIBLE_STRING: Tag = Tag::universal(26);
    pub const GENERAL_STRING: Tag = Tag::universal(27);
    pub const UNIVERSAL_STRING: Tag = Tag::universal(28);
    pub const BMP_STRING: Tag = Tag::universal(30);

    pub const fn new(class: Class, constructed: bool, number: u32) -> Self {
        Self {
            bits: ((class as u64) << CLASS_SHIFT)
                | ((number as u64) << NUMBER_SHIFT)
                | constructed as u64,
        }
    }

    /// Makes a primitive universal tag.
    pub const fn universal(number: u32) -> Self {
        Self::new(Class::Universal, false, number)
    }

    /// Makes a primitive context-specific tag, `[number]`.
    pub const fn context(number: u32) -> Self {
        Self::new(Class::ContextSpecific, false, number)
    }

    /// Makes a primitive application tag, `[APPLICATION number]`.
    pub const fn application(number: u32) -> Self {
        Self::new(Class::Application, false, number)
    }

    /// Makes a primitive private tag, `[PRIVATE number]`.
    pub const fn private(number: u32) -> Self {
        Self::new(Class::Private, false, number)
    }

    /// Returns the same tag with the constructed bit set.
    pub const fn constructed(self) -> Self {
        self.with_constructed(true)
    }

    pub const fn with_constructed(self, constructed: bool) -> Self {
        Self {
            bits: (self.bits & !1) | constructed as u64,
        }
    }

    pub const fn class(self) -> Class {
        match self.bits >> CLASS_SHIFT {
            0 => Class::Universal,
            1 => Class::Application,
            2 => Class::ContextSpecific,
            _ => Class::Private,
        }
    }

    pub const fn is_constructed(self) -> bool {
        self.bits & 1 != 0
    }

    pub const fn number(self) -> u32 {
        (self.bits >> NUMBER_SHIFT) as u32
    }

    /// Returns how many identifier octets the tag takes.
    pub const fn encoded_len(self) -> usize {
        if self.number() < 31 {
            return 1;
        }
        let bits = 32 - self.number().leading_zeros() as usize;
        1 + bits.div_ceil(7)
    }

    /// Returns the one identifier octet of a tag numbered below 31, else `None`.
    #[inline]
    pub const fn identifier_octet(self) -> Option<u8> {
        if self.number() >= 31 {
            return None;
        }
        let class = (self.bits >> CLASS_SHIFT) as u8;
        Some((class << 6) | ((self.is_constructed() as u8) << 5) | self.number() as u8)
    }

    /// Returns the tag of a single identifier octet whose low five bits are below 31.
    #[inline]
    pub(crate) fn from_first_octet(first: u8) -> Tag {
        let first = u64::from(first);
        Tag {
            bits: ((first >> 6) << CLASS_SHIFT)
                | ((first & 0x1f) << NUMBER_SHIFT)
                | ((first >> 5) & 1),
        }
    }

    /// Reads identifier octets, rejecting a high tag number form that is not minimal.
    #[inline]
    pub(crate) fn read(cursor: &mut Cursor<'_>) -> Result<Tag> {
        let offset = cursor.offset();
        let first = cursor.read_u8()?;
        let tag = Tag::from_first_octet(first);
        if first & 0x1f != 0x1f {
            return Ok(tag);
        }
        let number = read_high_tag_number(cursor, offset)?;
        Ok(Tag::new(tag.class(), tag.is_constructed(), number))
    }

    pub(crate) fn write(self, out: &mut alloc::vec::Vec<u8>) {
        let number = self.number();
        let leading = ((self.class() as u8) << 6) | (u8::from(self.is_constructed()) << 5);
        if number < 31 {
            out.push(leading | number as u8);
            return;
        }
        out.push(leading | 0x1f);
        let groups = self.encoded_len() - 1;
        for group in (0..groups).rev() {
            let continuation = if group == 0 { 0 } else { 0x80 };
            out.push(((number >> (7 * group)) & 0x7f) as u8 | continuation);
        }
    }
}

/// Reads the subsequent octets of a high tag number (X.690 8.1.2.4): base 128, the first
/// octet not 0x80, and a number of at least 31, else the low form was required.
fn read_high_tag_number(cursor: &mut Cursor<'_>, offset: usize) -> Result<u32> {
    let mut number: u32 = 0;
    let mut first = true;
    loop {
        let byte = cursor.read_u8()?;
        if first && byte == 0x80 {
            return Err(Error::new(ErrorKind::NonMinimalTag, offset));
        }
        first = false;
        if number > u32::MAX >> 7 {
            return Err(Error::new(ErrorKind::TagNumberTooLarge, offset));
        }
        number = (number << 7) | u32::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            break;
        }
    }
    if number < 31 {
        return Err(Error::new(ErrorKind::NonMinimalTag, offset));
    }
    Ok(number)
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tag")
            .field("class", &self.class())
            .field("constructed", &self.is_constructed())
            .field("number", &self.number())
            .finish()
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.number();
        let default_constructed = match self.class() {
            Class::Universal => {
                match universal_name(number) {
                    Some(name) => f.write_str(name)?,
                    None => write!(f, "[UNIVERSAL {number}]")?,
                }
                number == 16 || number == 17
            }
            Class::Application => {
                write!(f, "[APPLICATION {number}]")?;
                false
            }
            Class::ContextSpecific => {
                write!(f, "[{number}]")?;
                false
            }
            Class::Private => {
                write!(f, "[PRIVATE {number}]")?;
                false
            }
        };
        match (self.is_constructed(), default_constructed) {
            (true, false) => f.write_str(" (constructed)"),
            (false, true) => f.write_str(" (primitive)"),
            _ => Ok(()),
        }
    }
}

fn universal_name(number: u32) -> Option<&'static str> {
    Some(match number {
        1 => "BOOLEAN",
        2 => "INTEGER",
        3 => "BIT STRING",
        4 => "OCTET STRING",
        5 => "NULL",
        6 => "OBJECT IDENTIFIER",
        9 => "REAL",
        10 => "ENUMERATED",
        12 => "UTF8String",
        13 => "RELATIVE-OID",
        16 => "SEQUENCE",
        17 => "SET",
        18 => "NumericString",
        19 => "PrintableString",
        20 => "TeletexString",
        21 => "VideotexString",
        22 => "IA5String",
        23 => "UTCTime",
        24 => "GeneralizedTime",
        25 => "GraphicString",
        26 => "VisibleString",
        27 => "GeneralString",
        28 => "UniversalString",
        30 => "BMPString",
        _ => return None,
    })
}

/// Identifier and length octets of one TLV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub tag: Tag,
    /// Number of content octets.
    pub length: usize,
    /// Number of identifier and length octets.
    pub header_len: usize,
    /// Absolute offset of the identifier octets in the top-level input.
    pub offset: usize,
}

impl Header {
    /// Reads a tag and a definite length in minimal form, and checks that the content
    /// octets exist. Returns the cursor after the header, taken and given back by value
    /// so that the caller's cursor need not escape to the general path.
    #[inline]
    pub(crate) fn read(mut cursor: Cursor<'_>) -> Result<(Cursor<'_>, Header)> {
        // A one-octet tag with a short-form length that fits needs none of the checks
        // below.
        let input = cursor.remaining();
        if let [first, length, ..] = *input
            && first & 0x1f != 0x1f
            && length < 0x80
            && usize::from(length) <= input.len() - 2
        {
            let offset = cursor.offset();
            cursor.advance(2);
            let header = Header {
                tag: Tag::from_first_octet(first),
                length: usize::from(length),
                header_len: 2,
                offset,
            };
            return Ok((cursor, header));
        }
        Self::read_general(cursor)
    }

    #[inline(never)]
    fn read_general(mut cursor: Cursor<'_>) -> Result<(Cursor<'_>, Header)> {
        let offset = cursor.offset();
        let tag = Tag::read(&mut cursor)?;
        let length = read_length(&mut cursor)?;
        let available = cursor.remaining_len();
        if length > available {
            return Err(Error::new(
                ErrorKind::Truncated {
                    needed: length,
                    available,
                },
                cursor.offset(),
            ));
        }
        let header = Header {
            tag,
            length,
            header_len: cursor.offset().wrapping_sub(offset),
            offset,
        };
        Ok((cursor, header))
    }

    /// Returns the size of the whole TLV.
    pub fn total_len(&self) -> usize {
        self.header_len + self.length
    }
}

/// Reads length octets (X.690 8.1.3) under the DER rules of 10.1: definite form only,
/// and the short form whenever it fits, with no leading zero octets in the long form.
#[inline]
fn read_length(cursor: &mut Cursor<'_>) -> Result<usize> {
    let offset = cursor.offset();
    let first = cursor.read_u8()?;
    if first < 0x80 {
        return Ok(usize::from(first));
    }
    if first == 0x80 {
        return Err(Error::new(ErrorKind::IndefiniteLength, offset));
    }
    let count = usize::from(first & 0x7f);
    if count > core::mem::size_of::<usize>() {
        return Err(Error::new(ErrorKind::LengthTooLarge, offset));
    }
    let octets = cursor.take(count)?;
    if octets[0] == 0 {
        return Err(Error::new(ErrorKind::NonMinimalLength, offset));
    }
    let length = octets
        .iter()
        .fold(0usize, |length, &octet| (length << 8) | usize::from(octet));
    if length < 0x80 {
        return Err(Error::new(ErrorKind::NonMinimalLength, offset));
    }
    Ok(length)
}

/// Returns how many length octets DER uses for `length`.
pub const fn length_len(length: usize) -> usize {
    if length < 0x80 {
        1
    } else {
        1 + (usize::BITS - length.leading_zeros()).div_ceil(8) as usize
    }
}

/// Returns the size of a TLV with `tag` and `length` content octets.
pub const fn tlv_len(tag: Tag, length: usize) -> usize {
    tag.encoded_len() + length_len(length) + length
}

pub(crate) fn write_length(out: &mut alloc::vec::Vec<u8>, length: usize) {
    if length < 0x80 {
        out.push(length as u8);
        return;
    }
    let count = length_len(length) - 1;
    out.push(0x80 | count as u8);
    out.extend_from_slice(&length.to_be_bytes()[core::mem::size_of::<usize>() - count..]);
}
