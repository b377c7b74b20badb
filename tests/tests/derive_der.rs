//! `#[derive(Der)]` on a hand-written subset of RFC 5280's Certificate, checked against
//! every certificate of the test data: each decodes and re-encodes byte for byte.

use rfcodec::der::{
    Any, BitString, Decode, Encode, GeneralizedTime, Integer, ObjectIdentifier, SequenceOf, UtcTime,
};
use rfcodec::{Der, ErrorKind};
use rfcodec_tests::{data, data_files};

#[derive(Debug, Clone, PartialEq, Eq, Der)]
struct Certificate<'a> {
    tbs_certificate: TbsCertificate<'a>,
    signature_algorithm: AlgorithmIdentifier<'a>,
    signature: BitString<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq, Der)]
struct TbsCertificate<'a> {
    #[der(context = 0, explicit, default = 0)]
    version: u8,
    serial_number: Integer<'a>,
    signature: AlgorithmIdentifier<'a>,
    issuer: Any<'a>,
    validity: Validity,
    subject: Any<'a>,
    subject_public_key_info: Any<'a>,
    #[der(context = 1, implicit)]
    issuer_unique_id: Option<BitString<'a>>,
    #[der(context = 2, implicit)]
    subject_unique_id: Option<BitString<'a>>,
    #[der(context = 3, explicit)]
    extensions: Option<SequenceOf<'a, Extension<'a>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Der)]
struct AlgorithmIdentifier<'a> {
    algorithm: ObjectIdentifier<'a>,
    parameters: Option<Any<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Der)]
struct Validity {
    not_before: Time,
    not_after: Time,
}

/// RFC 5280 section 4.1: `Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Der)]
enum Time {
    UtcTime(UtcTime),
    GeneralTime(GeneralizedTime),
}

#[derive(Debug, Clone, PartialEq, Eq, Der)]
struct Extension<'a> {
    extn_id: ObjectIdentifier<'a>,
    #[der(default = false)]
    critical: bool,
    extn_value: &'a [u8],
}

/// RFC 3279 section 2.2.3: `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`.
#[derive(Debug, Clone, PartialEq, Eq, Der)]
struct EcdsaSigValue<'a> {
    r: Integer<'a>,
    s: Integer<'a>,
}

/// RFC 5280 section 5.3.1: CRLReason is ENUMERATED; three of its values suffice here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Der)]
#[der(enumerated)]
enum CrlReason {
    Unspecified = 0,
    KeyCompromise = 1,
    RemoveFromCrl = 8,
}

#[test]
fn every_certificate_decodes_and_reencodes() {
    let paths = data_files("certs");
    assert!(paths.len() >= 20, "expected the bundled certificates");
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let certificate = Certificate::decode(&bytes)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        assert_eq!(certificate.encoded_len(), bytes.len(), "{}", path.display());
        assert_eq!(certificate.encode().unwrap(), bytes, "{}", path.display());
    }
}

#[test]
fn bundled_certificate_has_expected_fields() {
    let bytes = data("certs/letsencrypt-2018-two-scts.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let tbs = &certificate.tbs_certificate;
    assert_eq!(tbs.version, 2);
    assert_eq!(
        tbs.signature.algorithm.to_string(),
        "1.2.840.113549.1.1.11",
        "sha256WithRSAEncryption"
    );
    let Time::UtcTime(not_before) = tbs.validity.not_before else {
        panic!("expected UTCTime");
    };
    assert_eq!(not_before.date_time().to_string(), "2018-03-29T17:45:07Z");
    let extensions = tbs.extensions.as_ref().unwrap().to_vec();
    let sct = extensions
        .iter()
        .find(|extension| extension.extn_id.to_string() == "1.3.6.1.4.1.11129.2.4.2")
        .expect("SCT list extension");
    assert!(!sct.critical);
    assert_eq!(sct.extn_value.len(), 245);
}

#[test]
fn default_component_is_rejected_when_encoded() {
    // An Extension that writes critical FALSE explicitly.
    let bytes = [
        0x30, 0x0b, 0x06, 0x03, 0x55, 0x1d, 0x0f, 0x01, 0x01, 0x00, 0x04, 0x01, 0x00,
    ];
    let error = Extension::decode(&bytes).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::EncodedDefault);
    assert_eq!(error.offset(), 7);
    assert_eq!(
        error.to_string(),
        "Extension.critical: component is encoded with its DEFAULT value at offset 7"
    );
}

#[test]
fn choice_rejects_unknown_tag() {
    let error = Time::decode(&[0x02, 0x01, 0x00]).unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::UnknownTag {
            actual: rfcodec::der::Tag::INTEGER
        }
    );
}

#[test]
fn enumerated_round_trips_and_rejects_unknown_values() {
    assert_eq!(
        CrlReason::decode(&[0x0a, 0x01, 0x08]).unwrap(),
        CrlReason::RemoveFromCrl
    );
    assert_eq!(
        CrlReason::KeyCompromise.encode().unwrap(),
        [0x0a, 0x01, 0x01]
    );
    let error = CrlReason::decode(&[0x0a, 0x01, 0x05]).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue { value: 5 });
}

#[test]
fn ecdsa_signature_of_bundled_sct_decodes() {
    let bytes = data("sct/ctgo-DigitallySigned-valid.bin");
    let signature = EcdsaSigValue::decode(&bytes[4..]).unwrap();
    assert_eq!(signature.r.unsigned_bytes().unwrap().len(), 32);
    assert_eq!(signature.encode().unwrap(), &bytes[4..]);
}

#[test]
fn truncated_certificate_names_the_path() {
    let bytes = data("certs/letsencrypt-2018-two-scts.der");
    let error = Certificate::decode(&bytes[..1100]).unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::Truncated {
            needed: 1583,
            available: 1096
        }
    );
    assert_eq!(error.offset(), 4);
}
