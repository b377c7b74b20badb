//! The operations with rust-asn1 (the `asn1` crate) 0.22, using RFC 5280 and RFC 3279
//! types declared here with its derive macros because the crate ships none. The SCT list
//! is TLS, which rust-asn1 cannot express, so the tls_codec types decode it.

// rust-asn1's ParseError is 136 bytes, and its derives and this module return it as is.
#![allow(clippy::result_large_err)]

use asn1::{
    Asn1Read, Asn1Write, BigInt, BigUint, BitString, ObjectIdentifier, ParseError, ParseResult,
    SequenceOf, SetOf, Tlv, UtcTime, X509GeneralizedTime,
};

use crate::implementations::tls_codec;
use crate::values;

/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 section 2.2.3).
#[derive(Debug, Clone, PartialEq, Eq, Asn1Read, Asn1Write)]
pub struct EcdsaSigValue<'a> {
    pub r: BigUint<'a>,
    pub s: BigUint<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq, Asn1Read)]
pub struct AlgorithmIdentifier<'a> {
    pub algorithm: ObjectIdentifier,
    pub parameters: Option<Tlv<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Asn1Read)]
pub struct AttributeTypeAndValue<'a> {
    pub attribute_type: ObjectIdentifier,
    pub value: Tlv<'a>,
}

/// `Name ::= SEQUENCE OF RelativeDistinguishedName`, each a SET OF AttributeTypeAndValue.
pub type Name<'a> = SequenceOf<'a, SetOf<'a, AttributeTypeAndValue<'a>>>;

#[derive(Debug, Clone, PartialEq, Eq, Asn1Read)]
pub enum Time {
    UtcTime(UtcTime),
    GeneralizedTime(X509GeneralizedTime),
}

#[derive(Debug, Clone, PartialEq, Eq, Asn1Read)]
pub struct Validity {
    pub not_before: Time,
    pub not_after: Time,
}

#[derive(Debug, Clone, PartialEq, Eq, Asn1Read)]
pub struct SubjectPublicKeyInfo<'a> {
    pub algorithm: AlgorithmIdentifier<'a>,
    pub subject_public_key: BitString<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq, Asn1Read)]
pub struct Extension<'a> {
    pub extn_id: ObjectIdentifier,
    #[default(false)]
    pub critical: bool,
    pub extn_value: &'a [u8],
}

#[derive(Clone, Asn1Read)]
pub struct TbsCertificate<'a> {
    #[explicit(0)]
    #[default(0)]
    pub version: u8,
    pub serial_number: BigInt<'a>,
    pub signature: AlgorithmIdentifier<'a>,
    /// Kept as the whole TLV so its encoding can be compared, after checking it as a Name.
    pub issuer: Tlv<'a>,
    pub validity: Validity,
    pub subject: Tlv<'a>,
    pub subject_public_key_info: SubjectPublicKeyInfo<'a>,
    #[implicit(1)]
    pub issuer_unique_id: Option<BitString<'a>>,
    #[implicit(2)]
    pub subject_unique_id: Option<BitString<'a>>,
    #[explicit(3)]
    pub extensions: Option<SequenceOf<'a, Extension<'a>>>,
}

#[derive(Clone, Asn1Read)]
pub struct Certificate<'a> {
    pub tbs_certificate: TbsCertificate<'a>,
    pub signature_algorithm: AlgorithmIdentifier<'a>,
    pub signature_value: BitString<'a>,
}

pub fn decode_ecdsa(bytes: &[u8]) -> ParseResult<EcdsaSigValue<'_>> {
    asn1::parse_single(bytes)
}

/// Decodes the certificate, checking issuer and subject as Names.
pub fn decode_certificate(bytes: &[u8]) -> ParseResult<Certificate<'_>> {
    let certificate: Certificate<'_> = asn1::parse_single(bytes)?;
    let tbs = &certificate.tbs_certificate;
    tbs.issuer.parse::<Name<'_>>()?;
    tbs.subject.parse::<Name<'_>>()?;
    Ok(certificate)
}

/// The id-ct-signedCertificateTimestampList extension (RFC 6962 section 3.3).
const SCT_LIST: ObjectIdentifier = asn1::oid!(1, 3, 6, 1, 4, 1, 11129, 2, 4, 2);

/// Decodes the certificate, its SCT list extension, each SCT (with the tls_codec types)
/// and its Ecdsa-Sig-Value.
pub fn certificate_signatures(
    bytes: &[u8],
    mut visit: impl FnMut(&EcdsaSigValue<'_>),
) -> ParseResult<()> {
    let certificate = decode_certificate(bytes)?;
    let Some(extensions) = certificate.tbs_certificate.extensions else {
        return Ok(());
    };
    let Some(extension) = extensions
        .clone()
        .find(|extension| extension.extn_id == SCT_LIST)
    else {
        return Ok(());
    };
    let list: &[u8] = asn1::parse_single(extension.extn_value)?;
    let invalid = || ParseError::new(asn1::ParseErrorKind::InvalidValue);
    tls_codec::decode_sct_list(list, |sct| {
        if let Ok(signature) = decode_ecdsa(sct.signature.signature.as_slice()) {
            visit(&signature);
        }
    })
    .map_err(|_| invalid())
}

pub fn ecdsa_values(signature: &EcdsaSigValue<'_>) -> values::EcdsaSignature {
    values::EcdsaSignature::from_integers(signature.r.as_bytes(), signature.s.as_bytes())
}

fn unix_seconds(time: &Time) -> i64 {
    let date_time = match time {
        Time::UtcTime(time) => time.as_datetime(),
        Time::GeneralizedTime(time) => time.as_datetime(),
    };
    values::unix_seconds(
        i64::from(date_time.year()),
        date_time.month(),
        date_time.day(),
        date_time.hour(),
        date_time.minute(),
        date_time.second(),
    )
}

/// Returns a BIT STRING's octets. Every BIT STRING in the test certificates is whole octets.
fn bit_string_bytes(bits: &BitString<'_>) -> Vec<u8> {
    bits.as_bytes().to_vec()
}

pub fn certificate_values(certificate: &Certificate<'_>) -> values::Certificate {
    let tbs = &certificate.tbs_certificate;
    let key_info = &tbs.subject_public_key_info;
    let extensions = tbs.extensions.clone().map(|extensions| {
        extensions
            .map(|extension| values::Extension {
                id: extension.extn_id.to_string(),
                critical: extension.critical,
                value: extension.extn_value.to_vec(),
            })
            .collect()
    });
    values::Certificate {
        version: tbs.version,
        serial_number: tbs.serial_number.as_bytes().to_vec(),
        signature: tbs.signature.algorithm.to_string(),
        issuer: tbs.issuer.full_data().to_vec(),
        not_before: unix_seconds(&tbs.validity.not_before),
        not_after: unix_seconds(&tbs.validity.not_after),
        subject: tbs.subject.full_data().to_vec(),
        key_algorithm: key_info.algorithm.algorithm.to_string(),
        subject_public_key: bit_string_bytes(&key_info.subject_public_key),
        extensions: extensions.unwrap_or_default(),
        signature_algorithm: certificate.signature_algorithm.algorithm.to_string(),
        signature_value: bit_string_bytes(&certificate.signature_value),
    }
}
