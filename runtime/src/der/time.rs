//! UTCTime and GeneralizedTime in their DER forms (X.690 11.7, 11.8): `YYMMDDHHMMSSZ` and
//! `YYYYMMDDHHMMSS[.f]Z`, seconds present, a fraction without trailing zeros, and dates
//! that exist in the Gregorian calendar.

use core::fmt;

use crate::der::{DecodeValue, EncodeValue, FixedTag, Header, Reader, Tag, Writer};
use crate::{Error, ErrorKind, Result};

/// A calendar date and time of day in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
}

fn is_leap_year(year: u16) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl DateTime {
    /// Checks the fields: month 1-12, a day that exists in that month, hour 0-23,
    /// minute and second 0-59, nanosecond below 10^9.
    ///
    /// NOTE: a leap second (second 60) is rejected; DER time values in certificates do
    /// not use it.
    #[inline]
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        nanosecond: u32,
    ) -> Option<Self> {
        let valid = year <= 9999
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && hour < 24
            && minute < 60
            && second < 60
            && nanosecond < 1_000_000_000;
        valid.then_some(Self {
            year,
            month,
            day,
            hour,
            minute,
            second,
            nanosecond,
        })
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn day(&self) -> u8 {
        self.day
    }

    pub fn hour(&self) -> u8 {
        self.hour
    }

    pub fn minute(&self) -> u8 {
        self.minute
    }

    pub fn second(&self) -> u8 {
        self.second
    }

    pub fn nanosecond(&self) -> u32 {
        self.nanosecond
    }

    /// Returns whole seconds since 1970-01-01T00:00:00Z, negative before it.
    pub fn unix_timestamp(&self) -> i64 {
        // Days from the civil date, counting March as the first month so that the leap
        // day ends the year.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

/// RFC 3339 in UTC: `2018-03-29T18:45:07Z`, with the fraction's significant digits.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.nanosecond != 0 {
            let mut digits = alloc::format!("{:09}", self.nanosecond);
            while digits.ends_with('0') {
                digits.pop();
            }
            write!(f, ".{digits}")?;
        }
        f.write_str("Z")
    }
}

/// Parses exactly `N` ASCII digits.
fn digits<const N: usize>(bytes: &[u8]) -> Option<u32> {
    let digits = bytes.get(..N)?;
    digits.iter().try_fold(0u32, |value, &byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

/// Parses `MMDDHHMMSS` after the year.
fn parse_rest(year: u16, bytes: &[u8]) -> Option<(DateTime, &[u8])> {
    let month = digits::<2>(bytes)? as u8;
    let day = digits::<2>(bytes.get(2..)?)? as u8;
    let hour = digits::<2>(bytes.get(4..)?)? as u8;
    let minute = digits::<2>(bytes.get(6..)?)? as u8;
    let second = digits::<2>(bytes.get(8..)?)? as u8;
    let time = DateTime::new(year, month, day, hour, minute, second, 0)?;
    Some((time, bytes.get(10..)?))
}

/// UTCTime: two-digit years 50-99 mean 19xx and 00-49 mean 20xx (RFC 5280 4.1.2.5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UtcTime(DateTime);

impl UtcTime {
    /// Wraps a time in 1950 to 2049 with whole seconds, the range UTCTime can express.
    pub fn new(time: DateTime) -> Option<Self> {
        ((1950..=2049).contains(&time.year) && time.nanosecond == 0).then_some(Self(time))
    }

    pub fn date_time(&self) -> DateTime {
        self.0
    }

    /// Parses `YYMMDDHHMMSSZ`, the one form DER allows (X.690 11.8).
    #[inline]
    fn parse(bytes: &[u8]) -> Option<Self> {
        let (digits, b"Z") = bytes.split_first_chunk::<12>()? else {
            return None;
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let pair = |at: usize| (digits[at] - b'0') * 10 + (digits[at + 1] - b'0');
        let short_year = u16::from(pair(0));
        let year = if short_year >= 50 { 1900 } else { 2000 } + short_year;
        DateTime::new(year, pair(2), pair(4), pair(6), pair(8), pair(10), 0).map(Self)
    }
}

impl FixedTag for UtcTime {
    const TAG: Tag = Tag::UTC_TIME;
}

impl<'a> DecodeValue<'a> for UtcTime {
    #[inline]
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        Self::parse(content.read_rest())
            .ok_or_else(|| Error::new(ErrorKind::InvalidTime, header.offset))
    }
}

impl EncodeValue for UtcTime {
    fn value_len(&self) -> usize {
        13
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        let time = self.0;
        let text = alloc::format!(
            "{:02}{:02}{:02}{:02}{:02}{:02}Z",
            time.year % 100,
            time.month,
            time.day,
            time.hour,
            time.minute,
            time.second
        );
        writer.write_bytes(text.as_bytes());
        Ok(())
    }
}

/// GeneralizedTime in DER form; fractions of up to nine digits are kept as nanoseconds.
///
/// NOTE: a fraction longer than nine digits is rejected as `InvalidTime`, since it could
/// not be re-encoded byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GeneralizedTime(DateTime);

impl GeneralizedTime {
    pub fn new(time: DateTime) -> Self {
        Self(time)
    }

    pub fn date_time(&self) -> DateTime {
        self.0
    }

    fn parse(bytes: &[u8]) -> Option<Self> {
        let year = digits::<4>(bytes)? as u16;
        let (mut time, rest) = parse_rest(year, bytes.get(4..)?)?;
        let rest = match rest {
            [b'.', fraction @ .., b'Z'] => {
                let valid = (1..=9).contains(&fraction.len())
                    && fraction.iter().all(u8::is_ascii_digit)
                    && fraction.last() != Some(&b'0');
                if !valid {
                    return None;
                }
                let value = fraction
                    .iter()
                    .fold(0u32, |value, &digit| value * 10 + u32::from(digit - b'0'));
                time.nanosecond = value * 10u32.pow(9 - fraction.len() as u32);
                b"Z".as_slice()
            }
            rest => rest,
        };
        (rest == b"Z").then_some(Self(time))
    }

    fn fraction_digits(&self) -> usize {
        match self.0.nanosecond {
            0 => 0,
            mut nanos => {
                let mut digits = 9;
                while nanos % 10 == 0 {
                    nanos /= 10;
                    digits -= 1;
                }
                digits
            }
        }
    }
}

impl FixedTag for GeneralizedTime {
    const TAG: Tag = Tag::GENERALIZED_TIME;
}

impl<'a> DecodeValue<'a> for GeneralizedTime {
    fn decode_value(content: &mut Reader<'a>, header: Header) -> Result<Self> {
        Self::parse(content.read_rest())
            .ok_or_else(|| Error::new(ErrorKind::InvalidTime, header.offset))
    }
}

impl EncodeValue for GeneralizedTime {
    fn value_len(&self) -> usize {
        match self.fraction_digits() {
            0 => 15,
            digits => 16 + digits,
        }
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        let time = self.0;
        let mut text = alloc::format!(
            "{:04}{:02}{:02}{:02}{:02}{:02}",
            time.year,
            time.month,
            time.day,
            time.hour,
            time.minute,
            time.second
        );
        let digits = self.fraction_digits();
        if digits > 0 {
            let fraction = alloc::format!("{:09}", time.nanosecond);
            text.push('.');
            text.push_str(&fraction[..digits]);
        }
        text.push('Z');
        writer.write_bytes(text.as_bytes());
        Ok(())
    }
}
