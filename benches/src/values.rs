//! Plain values that every implementation's decoded types convert into, so the
//! equivalence tests can compare implementations field by field.

/// A decoded SignedCertificateTimestamp (RFC 6962 section 3.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sct {
    pub version: u8,
    pub log_id: [u8; 32],
    pub timestamp: u64,
    pub extensions: Vec<u8>,
    pub hash: u8,
    pub signature_algorithm: u8,
    pub signature: Vec<u8>,
}

/// An Ecdsa-Sig-Value (RFC 3279 section 2.2.3) as unsigned big-endian magnitudes
/// without leading zero octets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcdsaSignature {
    pub r: Vec<u8>,
    pub s: Vec<u8>,
}

impl EcdsaSignature {
    /// Builds the value from the content octets of two non-negative INTEGERs.
    pub fn from_integers(r: &[u8], s: &[u8]) -> Self {
        Self {
            r: trim_leading_zeros(r).to_vec(),
            s: trim_leading_zeros(s).to_vec(),
        }
    }
}

fn trim_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes
        .iter()
        .position(|&byte| byte != 0)
        .unwrap_or(bytes.len());
    &bytes[first..]
}

/// One certificate extension (RFC 5280 section 4.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub id: String,
    pub critical: bool,
    pub value: Vec<u8>,
}

/// The fields of a decoded Certificate (RFC 5280 section 4.1).
///
/// Names are kept as their DER encoding, times as seconds since 1970-01-01 UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// The version INTEGER: 0 for v1, 2 for v3.
    pub version: u8,
    pub serial_number: Vec<u8>,
    pub signature: String,
    pub issuer: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    pub subject: Vec<u8>,
    pub key_algorithm: String,
    pub subject_public_key: Vec<u8>,
    pub extensions: Vec<Extension>,
    pub signature_algorithm: String,
    pub signature_value: Vec<u8>,
}

/// Returns the seconds from 1970-01-01T00:00:00Z to the given UTC date and time, in the
/// proleptic Gregorian calendar.
pub fn unix_seconds(year: i64, month: u8, day: u8, hour: u8, minute: u8, second: u8) -> i64 {
    let (year, month) = if month <= 2 {
        (year - 1, i64::from(month) + 9)
    } else {
        (year, i64::from(month) - 3)
    };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_matches_known_dates() {
        assert_eq!(unix_seconds(1970, 1, 1, 0, 0, 0), 0);
        assert_eq!(unix_seconds(2018, 3, 29, 17, 45, 7), 1_522_345_507);
        assert_eq!(unix_seconds(2000, 2, 29, 0, 0, 0), 951_782_400);
        assert_eq!(unix_seconds(2050, 1, 1, 0, 0, 0), 2_524_608_000);
    }

    #[test]
    fn integers_lose_leading_zeros() {
        let signature = EcdsaSignature::from_integers(&[0, 0x80, 1], &[0x7f]);
        assert_eq!(signature.r, [0x80, 1]);
        assert_eq!(signature.s, [0x7f]);
    }
}
