//! The character string types of X.680 clause 41 with their character sets checked:
//! UTF8String, PrintableString, IA5String, NumericString and VisibleString as `&str`;
//! TeletexString, BMPString and UniversalString as checked octets.

use core::fmt;

use crate::der::{DecodeValue, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

/// PrintableString's set (X.680 41.4, Table 10): letters, digits, space and `'()+,-./:=?`.
fn is_printable(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&byte)
}

/// Returns the position of the first octet outside the set, if any.
fn first_invalid(bytes: &[u8], valid: fn(u8) -> bool) -> Option<usize> {
    bytes.iter().position(|&byte| !valid(byte))
}

macro_rules! text_string {
    ($(#[$doc:meta])* $name:ident, $tag:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name<'a>(&'a str);

        impl<'a> $name<'a> {
            /// Wraps `text`, checking its character set.
            pub fn new(text: &'a str) -> Result<Self> {
                match ($check)(text.as_bytes()) {
                    Some(position) => Err(Error::new(
                        ErrorKind::InvalidCharacter { tag: $tag, position },
                        0,
                    )),
                    None => Ok(Self(text)),
                }
            }

            pub fn as_str(&self) -> &'a str {
                self.0
            }
        }

        impl FixedTag for $name<'_> {
            const TAG: Tag = $tag;
        }

        impl<'a> DecodeValue<'a> for $name<'a> {
            fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
                let offset = content.offset();
                let bytes = content.read_rest();
                let invalid = |position| {
                    Error::new(ErrorKind::InvalidCharacter { tag: $tag, position }, offset.wrapping_add(position))
                };
                if let Some(position) = ($check)(bytes) {
                    return Err(invalid(position));
                }
                core::str::from_utf8(bytes)
                    .map(Self)
                    .map_err(|error| invalid(error.valid_up_to()))
            }
        }

        impl EncodeValue for $name<'_> {
            fn value_len(&self) -> usize {
                self.0.len()
            }

            fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
                writer.write_bytes(self.0.as_bytes());
                Ok(())
            }
        }

        impl fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }
        }

        impl fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }
    };
}

text_string!(
    /// UTF8String: any valid UTF-8.
    Utf8String,
    Tag::UTF8_STRING,
    |bytes: &[u8]| core::str::from_utf8(bytes).err().map(|error| error.valid_up_to())
);
text_string!(
    /// PrintableString: letters, digits, space and `'()+,-./:=?`.
    PrintableString,
    Tag::PRINTABLE_STRING,
    |bytes: &[u8]| first_invalid(bytes, is_printable)
);
text_string!(
    /// IA5String: International Alphabet No. 5, octets 0x00 to 0x7F.
    Ia5String,
    Tag::IA5_STRING,
    |bytes: &[u8]| first_invalid(bytes, |byte| byte.is_ascii())
);
text_string!(
    /// NumericString: digits and space.
    NumericString,
    Tag::NUMERIC_STRING,
    |bytes: &[u8]| first_invalid(bytes, |byte| byte.is_ascii_digit() || byte == b' ')
);
text_string!(
    /// VisibleString: the printing characters of ISO 646, 0x20 to 0x7E.
    VisibleString,
    Tag::VISIBLE_STRING,
    |bytes: &[u8]| first_invalid(bytes, |byte| (0x20..=0x7e).contains(&byte))
);

macro_rules! octet_string_type {
    ($(#[$doc:meta])* $name:ident, $tag:expr, $check:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name<'a>(&'a [u8]);

        impl<'a> $name<'a> {
            /// Wraps the encoded characters, checking their form.
            pub fn new(bytes: &'a [u8]) -> Result<Self> {
                match ($check)(bytes) {
                    Some(position) => Err(Error::new(
                        ErrorKind::InvalidCharacter { tag: $tag, position },
                        0,
                    )),
                    None => Ok(Self(bytes)),
                }
            }

            pub fn as_bytes(&self) -> &'a [u8] {
                self.0
            }
        }

        impl FixedTag for $name<'_> {
            const TAG: Tag = $tag;
        }

        impl<'a> DecodeValue<'a> for $name<'a> {
            fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
                let offset = content.offset();
                let bytes = content.read_rest();
                match ($check)(bytes) {
                    Some(position) => Err(Error::new(
                        ErrorKind::InvalidCharacter { tag: $tag, position },
                        offset.wrapping_add(position),
                    )),
                    None => Ok(Self(bytes)),
                }
            }
        }

        impl EncodeValue for $name<'_> {
            fn value_len(&self) -> usize {
                self.0.len()
            }

            fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
                writer.write_bytes(self.0);
                Ok(())
            }
        }
    };
}

octet_string_type!(
    /// TeletexString (T.61): any octets; the character set is not checked.
    TeletexString,
    Tag::TELETEX_STRING,
    |_: &[u8]| None
);
octet_string_type!(
    /// BMPString: big-endian UCS-2 code units, none of them a surrogate.
    BmpString,
    Tag::BMP_STRING,
    check_bmp
);
octet_string_type!(
    /// UniversalString: big-endian UCS-4 code points, each a Unicode scalar value.
    UniversalString,
    Tag::UNIVERSAL_STRING,
    check_universal
);

fn check_bmp(bytes: &[u8]) -> Option<usize> {
    let chunks = bytes.chunks(2);
    for (index, unit) in chunks.enumerate() {
        let valid = match unit {
            [high, low] => !(0xd800..=0xdfff).contains(&u16::from_be_bytes([*high, *low])),
            _ => false,
        };
        if !valid {
            return Some(index * 2);
        }
    }
    None
}

fn check_universal(bytes: &[u8]) -> Option<usize> {
    for (index, unit) in bytes.chunks(4).enumerate() {
        let valid = <[u8; 4]>::try_from(unit)
            .ok()
            .and_then(|unit| char::from_u32(u32::from_be_bytes(unit)))
            .is_some();
        if !valid {
            return Some(index * 4);
        }
    }
    None
}

impl BmpString<'_> {
    /// Iterates over the characters.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chunks(2).map(|unit| {
            let code = u16::from_be_bytes([unit[0], unit.get(1).copied().unwrap_or(0)]);
            char::from_u32(u32::from(code)).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
    }
}

impl UniversalString<'_> {
    /// Iterates over the characters.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chunks(4).map(|unit| {
            let mut code = [0; 4];
            code[..unit.len()].copy_from_slice(unit);
            char::from_u32(u32::from_be_bytes(code)).unwrap_or(char::REPLACEMENT_CHARACTER)
        })
    }
}
