//! A hand-written zero-copy parser of the SCT list (RFC 6962 section 3.3), the
//! Ecdsa-Sig-Value (RFC 3279 section 2.2.3) and the Certificate (RFC 5280 section 4.1),
//! with the checks rfcodec makes, written to stand for the practical speed limit.
//!
//! Every length is checked against the input and against the schema's floor and
//! ceiling. DER lengths and INTEGERs must be minimal (X.690 10.1, 8.3.2), BOOLEAN is 00
//! or FF, DEFAULT values must be absent and SET OF elements sorted (X.690 11.6).
//! Errors carry no position or field path, unlike rfcodec's.

/// Input that breaks the encoding rules or the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

pub type Result<T> = core::result::Result<T, Invalid>;

/// Splits `count` bytes off the front of `input`.
#[inline]
fn take<'a>(input: &mut &'a [u8], count: usize) -> Result<&'a [u8]> {
    if input.len() < count {
        return Err(Invalid);
    }
    let (head, rest) = input.split_at(count);
    *input = rest;
    Ok(head)
}

#[inline]
fn take_u8(input: &mut &[u8]) -> Result<u8> {
    Ok(take(input, 1)?[0])
}

#[inline]
fn take_u16(input: &mut &[u8]) -> Result<u16> {
    let bytes = take(input, 2)?;
    Ok(u16::from_be_bytes([bytes[0], bytes[1]]))
}

// TLS: RFC 6962 section 3.2 and 3.3, RFC 5246 section 7.4.1.4.1.

/// A SignedCertificateTimestamp that borrows its vectors from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sct<'a> {
    pub version: u8,
    pub log_id: &'a [u8; 32],
    pub timestamp: u64,
    pub extensions: &'a [u8],
    pub hash: u8,
    pub signature_algorithm: u8,
    pub signature: &'a [u8],
}

/// Reads `opaque x<floor..65535>`: a two-byte length prefix and that many bytes.
#[inline]
fn take_vector16<'a>(input: &mut &'a [u8], floor: usize) -> Result<&'a [u8]> {
    let length = usize::from(take_u16(input)?);
    if length < floor {
        return Err(Invalid);
    }
    take(input, length)
}

/// Decodes `SignedCertificateTimestamp`, which must span all of `input`.
pub fn decode_sct(mut input: &[u8]) -> Result<Sct<'_>> {
    let version = take_u8(&mut input)?;
    // Version is enum { v1(0), (255) }.
    if version != 0 {
        return Err(Invalid);
    }
    let log_id = take(&mut input, 32)?.try_into().map_err(|_| Invalid)?;
    let timestamp = u64::from_be_bytes(take(&mut input, 8)?.try_into().map_err(|_| Invalid)?);
    let extensions = take_vector16(&mut input, 0)?;

    // HashAlgorithm is none(0) to sha512(6) and SignatureAlgorithm anonymous(0) to
    // ecdsa(3) in RFC 5246.
    let hash = take_u8(&mut input)?;
    let signature_algorithm = take_u8(&mut input)?;
    if hash > 6 || signature_algorithm > 3 {
        return Err(Invalid);
    }
    let signature = take_vector16(&mut input, 0)?;

    if !input.is_empty() {
        return Err(Invalid);
    }
    Ok(Sct {
        version,
        log_id,
        timestamp,
        extensions,
        hash,
        signature_algorithm,
        signature,
    })
}

/// Decodes `SerializedSCT sct_list<1..2^16-1>` with each `opaque SerializedSCT<1..2^16-1>`
/// and hands each decoded SCT to `visit`.
pub fn decode_sct_list<'a>(mut input: &'a [u8], mut visit: impl FnMut(&Sct<'a>)) -> Result<()> {
    let mut list = take_vector16(&mut input, 1)?;
    if !input.is_empty() {
        return Err(Invalid);
    }
    while !list.is_empty() {
        let serialized = take_vector16(&mut list, 1)?;
        visit(&decode_sct(serialized)?);
    }
    Ok(())
}

fn sct_len(sct: &Sct<'_>) -> usize {
    1 + 32 + 8 + 2 + sct.extensions.len() + 2 + 2 + sct.signature.len()
}

fn put_vector16(out: &mut Vec<u8>, floor: usize, bytes: &[u8]) -> Result<()> {
    let length = u16::try_from(bytes.len()).map_err(|_| Invalid)?;
    if bytes.len() < floor {
        return Err(Invalid);
    }
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(bytes);
    Ok(())
}

/// Encodes a SignedCertificateTimestampList of `scts` into one buffer of exact size.
pub fn encode_sct_list(scts: &[Sct<'_>]) -> Result<Vec<u8>> {
    let content: usize = scts.iter().map(|sct| 2 + sct_len(sct)).sum();
    let list_length = u16::try_from(content).map_err(|_| Invalid)?;
    if content == 0 {
        return Err(Invalid);
    }

    let mut out = Vec::with_capacity(2 + content);
    out.extend_from_slice(&list_length.to_be_bytes());
    for sct in scts {
        let length = u16::try_from(sct_len(sct)).map_err(|_| Invalid)?;
        out.extend_from_slice(&length.to_be_bytes());
        out.push(sct.version);
        out.extend_from_slice(sct.log_id);
        out.extend_from_slice(&sct.timestamp.to_be_bytes());
        put_vector16(&mut out, 0, sct.extensions)?;
        out.push(sct.hash);
        out.push(sct.signature_algorithm);
        put_vector16(&mut out, 0, sct.signature)?;
    }
    Ok(out)
}

// DER: X.690 clauses 8 and 10, low-tag-number form only.

const BOOLEAN: u8 = 0x01;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const OBJECT_IDENTIFIER: u8 = 0x06;
const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;
const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;

/// Reads one TLV and returns its tag octet, content octets and whole encoding.
#[inline]
fn take_tlv<'a>(input: &mut &'a [u8]) -> Result<(u8, &'a [u8], &'a [u8])> {
    let start = *input;
    let tag = take_u8(input)?;
    // High tag numbers (X.690 8.1.2.4) are rejected: no test certificate uses one.
    if tag & 0x1f == 0x1f {
        return Err(Invalid);
    }
    let first = take_u8(input)?;
    let length = if first < 0x80 {
        usize::from(first)
    } else {
        // 0x80 is the indefinite form, which DER forbids. More than four octets of
        // length would exceed any input this parser is given.
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 {
            return Err(Invalid);
        }
        let octets = take(input, count)?;
        if octets[0] == 0 {
            return Err(Invalid);
        }
        let length = octets
            .iter()
            .fold(0usize, |length, &octet| (length << 8) | usize::from(octet));
        // The long form is only for lengths above 127.
        if length < 0x80 {
            return Err(Invalid);
        }
        length
    };
    let content = take(input, length)?;
    let header = start.len() - input.len() - length;
    Ok((tag, content, &start[..header + length]))
}

/// Reads one TLV whose tag octet must be `expected` and returns its content octets.
#[inline]
fn expect<'a>(input: &mut &'a [u8], expected: u8) -> Result<&'a [u8]> {
    let (tag, content, _) = take_tlv(input)?;
    if tag != expected {
        return Err(Invalid);
    }
    Ok(content)
}

#[inline]
fn peek_tag(input: &[u8]) -> Option<u8> {
    input.first().copied()
}

#[inline]
fn finish(input: &[u8]) -> Result<()> {
    if input.is_empty() {
        Ok(())
    } else {
        Err(Invalid)
    }
}

/// Checks INTEGER content octets: present and minimal (X.690 8.3.2).
#[inline]
fn check_integer(content: &[u8]) -> Result<&[u8]> {
    match content {
        [] => Err(Invalid),
        [0x00, next, ..] if *next < 0x80 => Err(Invalid),
        [0xff, next, ..] if *next >= 0x80 => Err(Invalid),
        _ => Ok(content),
    }
}

/// Checks OBJECT IDENTIFIER content octets: each arc minimal and terminated (X.690 8.19).
#[inline]
fn check_oid(content: &[u8]) -> Result<&[u8]> {
    if content.is_empty() || content[content.len() - 1] & 0x80 != 0 {
        return Err(Invalid);
    }
    let mut arc_start = true;
    for &octet in content {
        if arc_start && octet == 0x80 {
            return Err(Invalid);
        }
        arc_start = octet & 0x80 == 0;
    }
    Ok(content)
}

/// Checks BIT STRING content octets: unused bits 0 to 7 and zero (X.690 8.6.2, 11.2).
#[inline]
fn check_bit_string(content: &[u8]) -> Result<&[u8]> {
    let (&unused, bits) = content.split_first().ok_or(Invalid)?;
    if unused > 7 || (bits.is_empty() && unused != 0) {
        return Err(Invalid);
    }
    let last = bits.last().copied().unwrap_or(0);
    if last & ((1u8 << unused) - 1) != 0 {
        return Err(Invalid);
    }
    Ok(content)
}

/// A date and time in UTC, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

fn two_digits(pair: &[u8]) -> Result<u8> {
    let (tens, units) = (pair[0].wrapping_sub(b'0'), pair[1].wrapping_sub(b'0'));
    if tens > 9 || units > 9 {
        return Err(Invalid);
    }
    Ok(tens * 10 + units)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Decodes UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ`, the only forms
/// RFC 5280 section 4.1.2.5 allows.
fn decode_time(input: &mut &[u8]) -> Result<DateTime> {
    let (tag, content, _) = take_tlv(input)?;
    let (year, rest) = match (tag, content.len()) {
        (UTC_TIME, 13) => {
            let year = u16::from(two_digits(&content[..2])?);
            // RFC 5280 section 4.1.2.5.1: 50 to 99 are 19xx.
            let year = if year >= 50 { 1900 + year } else { 2000 + year };
            (year, &content[2..])
        }
        (GENERALIZED_TIME, 15) => {
            let century = u16::from(two_digits(&content[..2])?);
            let year = century * 100 + u16::from(two_digits(&content[2..4])?);
            (year, &content[4..])
        }
        _ => return Err(Invalid),
    };
    if rest[10] != b'Z' {
        return Err(Invalid);
    }
    let time = DateTime {
        year,
        month: two_digits(&rest[0..2])?,
        day: two_digits(&rest[2..4])?,
        hour: two_digits(&rest[4..6])?,
        minute: two_digits(&rest[6..8])?,
        second: two_digits(&rest[8..10])?,
    };
    if !(1..=12).contains(&time.month)
        || time.day == 0
        || time.day > days_in_month(year, time.month)
        || time.hour > 23
        || time.minute > 59
        || time.second > 59
    {
        return Err(Invalid);
    }
    Ok(time)
}

/// An Ecdsa-Sig-Value's two INTEGERs, as content octets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EcdsaSigValue<'a> {
    pub r: &'a [u8],
    pub s: &'a [u8],
}

/// Decodes `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`, spanning `input`.
pub fn decode_ecdsa_sig_value(mut input: &[u8]) -> Result<EcdsaSigValue<'_>> {
    let mut content = expect(&mut input, SEQUENCE)?;
    finish(input)?;
    let r = check_integer(expect(&mut content, INTEGER)?)?;
    let s = check_integer(expect(&mut content, INTEGER)?)?;
    finish(content)?;
    Ok(EcdsaSigValue { r, s })
}

/// `AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgorithmIdentifier<'a> {
    pub algorithm: &'a [u8],
    /// The whole TLV of the parameters.
    pub parameters: Option<&'a [u8]>,
}

fn decode_algorithm<'a>(input: &mut &'a [u8]) -> Result<AlgorithmIdentifier<'a>> {
    let mut content = expect(input, SEQUENCE)?;
    let algorithm = check_oid(expect(&mut content, OBJECT_IDENTIFIER)?)?;
    let parameters = if content.is_empty() {
        None
    } else {
        Some(take_tlv(&mut content)?.2)
    };
    finish(content)?;
    Ok(AlgorithmIdentifier {
        algorithm,
        parameters,
    })
}

/// Checks `Name ::= SEQUENCE OF RelativeDistinguishedName`, each RDN a non-empty SET OF
/// `AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }` in DER
/// order, and returns the Name's whole TLV.
fn decode_name<'a>(input: &mut &'a [u8]) -> Result<&'a [u8]> {
    let (tag, mut rdns, encoding) = take_tlv(input)?;
    if tag != SEQUENCE {
        return Err(Invalid);
    }
    while !rdns.is_empty() {
        let mut attributes = expect(&mut rdns, SET)?;
        if attributes.is_empty() {
            return Err(Invalid);
        }
        let mut previous: &[u8] = &[];
        while !attributes.is_empty() {
            let (tag, mut attribute, element) = take_tlv(&mut attributes)?;
            if tag != SEQUENCE || element < previous {
                return Err(Invalid);
            }
            previous = element;
            check_oid(expect(&mut attribute, OBJECT_IDENTIFIER)?)?;
            take_tlv(&mut attribute)?;
            finish(attribute)?;
        }
    }
    Ok(encoding)
}

/// `Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension<'a> {
    pub id: &'a [u8],
    pub critical: bool,
    pub value: &'a [u8],
}

fn decode_extension<'a>(input: &mut &'a [u8]) -> Result<Extension<'a>> {
    let mut content = expect(input, SEQUENCE)?;
    let id = check_oid(expect(&mut content, OBJECT_IDENTIFIER)?)?;
    let critical = if peek_tag(content) == Some(BOOLEAN) {
        // DER encodes TRUE as FF, and a FALSE here is the DEFAULT, which must be absent.
        if expect(&mut content, BOOLEAN)? != [0xff] {
            return Err(Invalid);
        }
        true
    } else {
        false
    };
    let value = expect(&mut content, OCTET_STRING)?;
    finish(content)?;
    Ok(Extension {
        id,
        critical,
        value,
    })
}

/// `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension`, checked when decoded and
/// decoded again as it is iterated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extensions<'a> {
    content: &'a [u8],
}

impl<'a> Extensions<'a> {
    pub fn iter(&self) -> impl Iterator<Item = Extension<'a>> {
        let mut content = self.content;
        core::iter::from_fn(move || {
            if content.is_empty() {
                None
            } else {
                decode_extension(&mut content).ok()
            }
        })
    }
}

/// The TBSCertificate of RFC 5280 section 4.1, borrowing from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TbsCertificate<'a> {
    /// The version INTEGER: 0 (v1, absent), 1 (v2) or 2 (v3).
    pub version: u8,
    pub serial_number: &'a [u8],
    pub signature: AlgorithmIdentifier<'a>,
    pub issuer: &'a [u8],
    pub not_before: DateTime,
    pub not_after: DateTime,
    pub subject: &'a [u8],
    pub key_algorithm: AlgorithmIdentifier<'a>,
    /// The subjectPublicKey BIT STRING's content, its unused-bits octet first.
    pub subject_public_key: &'a [u8],
    pub issuer_unique_id: Option<&'a [u8]>,
    pub subject_unique_id: Option<&'a [u8]>,
    pub extensions: Option<Extensions<'a>>,
}

/// The Certificate of RFC 5280 section 4.1, borrowing from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certificate<'a> {
    pub tbs_certificate: TbsCertificate<'a>,
    pub signature_algorithm: AlgorithmIdentifier<'a>,
    /// The signatureValue BIT STRING's content, its unused-bits octet first.
    pub signature_value: &'a [u8],
}

fn decode_version(input: &mut &[u8]) -> Result<u8> {
    if peek_tag(input) != Some(0xa0) {
        return Ok(0);
    }
    let mut explicit = expect(input, 0xa0)?;
    let value = check_integer(expect(&mut explicit, INTEGER)?)?;
    finish(explicit)?;
    // v1(0) is the DEFAULT and must be absent, so only v2(1) and v3(2) may appear.
    match value {
        [1] => Ok(1),
        [2] => Ok(2),
        _ => Err(Invalid),
    }
}

fn decode_unique_id<'a>(input: &mut &'a [u8], tag: u8) -> Result<Option<&'a [u8]>> {
    if peek_tag(input) != Some(tag) {
        return Ok(None);
    }
    Ok(Some(check_bit_string(expect(input, tag)?)?))
}

fn decode_extensions<'a>(input: &mut &'a [u8]) -> Result<Option<Extensions<'a>>> {
    if peek_tag(input) != Some(0xa3) {
        return Ok(None);
    }
    let mut explicit = expect(input, 0xa3)?;
    let content = expect(&mut explicit, SEQUENCE)?;
    finish(explicit)?;
    if content.is_empty() {
        return Err(Invalid);
    }
    let mut elements = content;
    while !elements.is_empty() {
        decode_extension(&mut elements)?;
    }
    Ok(Some(Extensions { content }))
}

fn decode_tbs_certificate<'a>(input: &mut &'a [u8]) -> Result<TbsCertificate<'a>> {
    let mut content = expect(input, SEQUENCE)?;
    let version = decode_version(&mut content)?;
    let serial_number = check_integer(expect(&mut content, INTEGER)?)?;
    let signature = decode_algorithm(&mut content)?;
    let issuer = decode_name(&mut content)?;

    let mut validity = expect(&mut content, SEQUENCE)?;
    let not_before = decode_time(&mut validity)?;
    let not_after = decode_time(&mut validity)?;
    finish(validity)?;

    let subject = decode_name(&mut content)?;
    let mut key_info = expect(&mut content, SEQUENCE)?;
    let key_algorithm = decode_algorithm(&mut key_info)?;
    let subject_public_key = check_bit_string(expect(&mut key_info, BIT_STRING)?)?;
    finish(key_info)?;

    let issuer_unique_id = decode_unique_id(&mut content, 0x81)?;
    let subject_unique_id = decode_unique_id(&mut content, 0x82)?;
    let extensions = decode_extensions(&mut content)?;
    finish(content)?;
    Ok(TbsCertificate {
        version,
        serial_number,
        signature,
        issuer,
        not_before,
        not_after,
        subject,
        key_algorithm,
        subject_public_key,
        issuer_unique_id,
        subject_unique_id,
        extensions,
    })
}

/// Decodes a Certificate that must span all of `input`.
pub fn decode_certificate(mut input: &[u8]) -> Result<Certificate<'_>> {
    let mut content = expect(&mut input, SEQUENCE)?;
    finish(input)?;
    let tbs_certificate = decode_tbs_certificate(&mut content)?;
    let signature_algorithm = decode_algorithm(&mut content)?;
    let signature_value = check_bit_string(expect(&mut content, BIT_STRING)?)?;
    finish(content)?;
    Ok(Certificate {
        tbs_certificate,
        signature_algorithm,
        signature_value,
    })
}

/// The content octets of id-ct-signedCertificateTimestampList, 1.3.6.1.4.1.11129.2.4.2.
pub const SCT_LIST_OID: &[u8] = &[0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02];

/// Decodes the certificate, its SCT list extension, each SCT and each SCT's
/// Ecdsa-Sig-Value, and hands r and s of each to `visit`. A certificate without the
/// extension visits nothing.
pub fn certificate_signatures<'a>(
    input: &'a [u8],
    mut visit: impl FnMut(EcdsaSigValue<'a>),
) -> Result<()> {
    let certificate = decode_certificate(input)?;
    let Some(extensions) = certificate.tbs_certificate.extensions else {
        return Ok(());
    };
    let Some(extension) = extensions
        .iter()
        .find(|extension| extension.id == SCT_LIST_OID)
    else {
        return Ok(());
    };
    let mut value = extension.value;
    let list = expect(&mut value, OCTET_STRING)?;
    finish(value)?;
    let mut failure = Ok(());
    decode_sct_list(list, |sct| {
        match decode_ecdsa_sig_value(sct.signature) {
            Ok(signature) => visit(signature),
            Err(error) => failure = Err(error),
        };
    })?;
    failure
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn take_tlv_rejects_noncanonical_lengths() {
        let cases: [(&[u8], bool); 6] = [
            (&[0x04, 0x01, 0xaa], true),
            (&[0x04, 0x81, 0x01, 0xaa], false),
            (&[0x04, 0x80, 0x00, 0x00], false),
            (&[0x04, 0x82, 0x00, 0x01, 0xaa], false),
            (&[0x04, 0x02, 0xaa], false),
            (&[0x1f, 0x01, 0x00], false),
        ];
        for (input, accepted) in cases {
            let mut rest = input;
            assert_eq!(take_tlv(&mut rest).is_ok(), accepted, "{input:02x?}");
        }
    }

    #[test]
    fn ecdsa_rejects_nonminimal_integer() {
        assert!(decode_ecdsa_sig_value(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]).is_ok());
        let padded = [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x02];
        assert_eq!(decode_ecdsa_sig_value(&padded), Err(Invalid));
        let trailing = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02, 0x00];
        assert_eq!(decode_ecdsa_sig_value(&trailing), Err(Invalid));
    }

    #[test]
    fn time_rejects_impossible_dates() {
        let mut not_leap: &[u8] = b"\x17\x0d180229174507Z";
        assert_eq!(decode_time(&mut not_leap), Err(Invalid));
        let mut leap: &[u8] = b"\x18\x0f20000229000000Z";
        assert_eq!(decode_time(&mut leap).map(|time| time.day), Ok(29));
    }

    #[test]
    fn sct_rejects_unknown_version() {
        let mut sct = vec![0u8; 47];
        assert!(decode_sct(&sct).is_ok());
        sct[0] = 1;
        assert_eq!(decode_sct(&sct), Err(Invalid));
    }
}
