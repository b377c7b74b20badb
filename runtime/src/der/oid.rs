//! OBJECT IDENTIFIER (X.690 8.19): base-128 subidentifiers in minimal form, the first one
//! holding the first two arcs, and the dotted text form.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use crate::der::{DecodeValue, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

/// An OBJECT IDENTIFIER, kept as its content octets; arcs up to 2^128-1.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectIdentifier<'a> {
    content: Cow<'a, [u8]>,
}

/// Checks the content octets (X.690 8.19.2): at least one subidentifier, none starting
/// with 0x80, none above 2^128-1 (so the first arc's offset of 80 cannot overflow past
/// that either), and the last octet ending a subidentifier.
#[inline]
fn check_content(content: &[u8], offset: usize) -> Result<()> {
    let Some(&last) = content.last() else {
        return Err(Error::new(ErrorKind::InvalidObjectIdentifier, offset));
    };
    if last & 0x80 != 0 {
        return Err(Error::new(ErrorKind::InvalidObjectIdentifier, offset));
    }
    // One pass without early exits finds a subidentifier that starts with 0x80. Content
    // shorter than 19 octets cannot hold a subidentifier above 2^128-1.
    let mut at_start = true;
    let mut padded = false;
    for &octet in content {
        padded |= at_start & (octet == 0x80);
        at_start = octet & 0x80 == 0;
    }
    if padded || content.len() >= 19 {
        return check_subidentifiers(content, offset);
    }
    Ok(())
}

/// Checks each subidentifier in turn and reports the first that breaks a rule.
#[cold]
#[inline(never)]
fn check_subidentifiers(content: &[u8], offset: usize) -> Result<()> {
    let mut at_start = true;
    let mut septets = 0;
    let mut leading = 0;
    for &octet in content {
        if at_start {
            if octet == 0x80 {
                return Err(Error::new(ErrorKind::NonMinimalSubidentifier, offset));
            }
            leading = octet & 0x7f;
            septets = 0;
        }
        septets += 1;
        // 19 septets carry 133 bits, so the 19th from the end may use only 2 of its 7.
        if septets > 19 || septets == 19 && leading > 0x03 {
            return Err(Error::new(ErrorKind::ObjectIdentifierArcOutOfRange, offset));
        }
        at_start = octet & 0x80 == 0;
    }
    Ok(())
}

/// Reads one subidentifier; the content was checked, so it fits `u128`.
fn read_subidentifier(content: &[u8]) -> (u128, usize) {
    let mut value: u128 = 0;
    for (index, &octet) in content.iter().enumerate() {
        value = (value << 7) | u128::from(octet & 0x7f);
        if octet & 0x80 == 0 {
            return (value, index + 1);
        }
    }
    (value, content.len())
}

impl<'a> ObjectIdentifier<'a> {
    /// Wraps content octets, checking them.
    pub fn new(content: &'a [u8]) -> Result<Self> {
        check_content(content, 0)?;
        Ok(Self {
            content: Cow::Borrowed(content),
        })
    }

    /// Wraps content octets known to be valid, for constants in generated code; an
    /// invalid constant shows wrong arcs but cannot fail.
    pub const fn from_content_unchecked(content: &'a [u8]) -> Self {
        Self {
            content: Cow::Borrowed(content),
        }
    }

    /// Encodes arcs: at least two, the first 0, 1 or 2, the second below 40 under 0 or 1
    /// (X.660 and X.690 8.19.4).
    pub fn from_arcs(arcs: &[u128]) -> Result<ObjectIdentifier<'static>> {
        let out_of_range = || Error::new(ErrorKind::ObjectIdentifierArcOutOfRange, 0);
        let [first, second, rest @ ..] = arcs else {
            return Err(Error::new(ErrorKind::InvalidObjectIdentifier, 0));
        };
        if *first > 2 || *first < 2 && *second >= 40 {
            return Err(out_of_range());
        }
        let head = (first * 40).checked_add(*second).ok_or_else(out_of_range)?;
        let mut content = Vec::new();
        for arc in core::iter::once(head).chain(rest.iter().copied()) {
            write_subidentifier(&mut content, arc);
        }
        Ok(ObjectIdentifier {
            content: Cow::Owned(content),
        })
    }

    /// Returns the content octets.
    pub fn as_bytes(&self) -> &[u8] {
        &self.content
    }

    /// Iterates over the arcs, splitting the first subidentifier into two.
    pub fn arcs(&self) -> Arcs<'_> {
        Arcs {
            content: &self.content,
            started: false,
            pending_second: None,
        }
    }

    /// Returns a copy that owns its bytes.
    pub fn into_owned(self) -> ObjectIdentifier<'static> {
        ObjectIdentifier {
            content: Cow::Owned(self.content.into_owned()),
        }
    }
}

fn write_subidentifier(out: &mut Vec<u8>, arc: u128) {
    let septets = (128 - arc.leading_zeros() as usize).div_ceil(7).max(1);
    for index in (0..septets).rev() {
        let continuation = if index == 0 { 0 } else { 0x80 };
        out.push(((arc >> (7 * index)) & 0x7f) as u8 | continuation);
    }
}

/// Iterator over the arcs of an [`ObjectIdentifier`].
#[derive(Debug, Clone)]
pub struct Arcs<'o> {
    content: &'o [u8],
    started: bool,
    pending_second: Option<u128>,
}

impl Iterator for Arcs<'_> {
    type Item = u128;

    fn next(&mut self) -> Option<u128> {
        if let Some(second) = self.pending_second.take() {
            return Some(second);
        }
        if self.content.is_empty() {
            return None;
        }
        let (value, used) = read_subidentifier(self.content);
        self.content = &self.content[used..];
        if self.started {
            return Some(value);
        }
        self.started = true;
        let (first, second) = match value {
            0..=39 => (0, value),
            40..=79 => (1, value - 40),
            _ => (2, value - 80),
        };
        self.pending_second = Some(second);
        Some(first)
    }
}

impl FixedTag for ObjectIdentifier<'_> {
    const TAG: Tag = Tag::OBJECT_IDENTIFIER;
}

impl<'a> DecodeValue<'a> for ObjectIdentifier<'a> {
    #[inline]
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        let bytes = content.read_rest();
        check_content(bytes, header.offset)?;
        Ok(Self {
            content: Cow::Borrowed(bytes),
        })
    }
}

impl EncodeValue for ObjectIdentifier<'_> {
    fn value_len(&self) -> usize {
        self.content.len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_bytes(&self.content);
        Ok(())
    }
}

/// The dotted form, `1.3.6.1.4.1.11129.2.4.2`.
impl fmt::Display for ObjectIdentifier<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, arc) in self.arcs().enumerate() {
            if index > 0 {
                f.write_str(".")?;
            }
            write!(f, "{arc}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ObjectIdentifier<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjectIdentifier({self})")
    }
}

/// Parses the dotted form; arcs are decimal without leading zeros.
impl FromStr for ObjectIdentifier<'static> {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self> {
        let mut arcs = Vec::new();
        for part in text.split('.') {
            let valid = !part.is_empty()
                && part.bytes().all(|byte| byte.is_ascii_digit())
                && (part == "0" || !part.starts_with('0'));
            let arc = part.parse::<u128>().ok().filter(|_| valid);
            arcs.push(arc.ok_or_else(|| Error::new(ErrorKind::InvalidObjectIdentifier, 0))?);
        }
        ObjectIdentifier::from_arcs(&arcs)
    }
}
