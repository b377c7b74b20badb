//! Codecs generated from the RFC 5280 Appendix A modules and the RFC 3279 module by the
//! build script, checked against every certificate of the test data and Wycheproof's
//! ECDSA signatures.

use rfcodec::ErrorKind;
use rfcodec::der::{Decode, Encode};
use rfcodec_tests::generated::rfc3279::EcdsaSigValue;
use rfcodec_tests::generated::rfc5280_explicit::{Certificate, Time, VERSION_V3};
use rfcodec_tests::generated::rfc5280_implicit::ID_CE_SUBJECT_KEY_IDENTIFIER;
use rfcodec_tests::generated::rfc6962_oids::ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST;
use rfcodec_tests::{data, data_files};

#[test]
fn every_certificate_decodes_and_reencodes() {
    let mut decoded = 0;
    for folder in ["certs", "precerts"] {
        for path in data_files(folder) {
            let bytes = std::fs::read(&path).unwrap();
            if path.to_string_lossy().ends_with(".tbs.der") {
                continue;
            }
            let certificate = Certificate::decode(&bytes)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            assert_eq!(certificate.encoded_len(), bytes.len(), "{}", path.display());
            assert_eq!(certificate.encode().unwrap(), bytes, "{}", path.display());
            decoded += 1;
        }
    }
    assert_eq!(decoded, 23 + 4);
}

#[test]
fn bundled_certificate_fields_have_exact_values() {
    let bytes = data("certs/letsencrypt-2018-two-scts.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let tbs = &certificate.tbs_certificate;
    assert_eq!(tbs.version, VERSION_V3);
    assert_eq!(tbs.signature.algorithm.to_string(), "1.2.840.113549.1.1.11");
    let Time::UtcTime(not_before) = tbs.validity.not_before else {
        panic!("expected UTCTime, got {:?}", tbs.validity.not_before);
    };
    assert_eq!(not_before.date_time().to_string(), "2018-03-29T17:45:07Z");

    let extensions = tbs.extensions.as_ref().expect("extensions").0.to_vec();
    let ids: Vec<String> = extensions
        .iter()
        .map(|extension| extension.extn_id.to_string())
        .collect();
    assert!(ids.contains(&ID_CE_SUBJECT_KEY_IDENTIFIER.to_string()));
    let sct = extensions
        .iter()
        .find(|extension| extension.extn_id == ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST)
        .expect("SCT list extension");
    assert!(!sct.critical);
    assert_eq!(sct.extn_value.len(), 245);
}

#[test]
fn encoded_default_version_is_rejected() {
    // A v1 certificate must leave version out; rewrite the bundled certificate's
    // [0] EXPLICIT INTEGER 2 into INTEGER 0, which is the DEFAULT.
    let mut bytes = data("certs/letsencrypt-2018-two-scts.der");
    let position = bytes
        .windows(5)
        .position(|window| window == [0xa0, 0x03, 0x02, 0x01, 0x02])
        .unwrap();
    bytes[position + 4] = 0x00;
    let error = Certificate::decode(&bytes).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::EncodedDefault);
    assert_eq!(error.offset(), position);
    assert_eq!(
        error.to_string(),
        format!(
            "Certificate.tbsCertificate.version: component is encoded with its DEFAULT value \
             at offset {position}"
        )
    );
}

#[test]
fn empty_extension_list_is_rejected() {
    // Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension.
    let certificate = data("certs/zlint-empty_sct_list_ko_01.der");
    assert!(Certificate::decode(&certificate).is_ok());
    let bytes = [0xa3, 0x02, 0x30, 0x00];
    let mut reader = rfcodec::der::Reader::new(&bytes);
    let error = reader
        .read_explicit::<rfcodec_tests::generated::rfc5280_explicit::Extensions>(
            rfcodec::der::Tag::context(3),
        )
        .unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::LengthOutOfRange {
            floor: 1,
            ceiling: u64::MAX,
            actual: 0
        }
    );
}

#[test]
fn ecdsa_signature_decodes_with_generated_type() {
    let bytes = data("sct/ctgo-DigitallySigned-valid.bin");
    let signature = EcdsaSigValue::decode(&bytes[4..]).unwrap();
    assert_eq!(signature.r.unsigned_bytes().unwrap().len(), 32);
    assert_eq!(signature.encode().unwrap(), &bytes[4..]);
}

#[test]
fn errors_name_the_extension_path() {
    let mut bytes = data("certs/letsencrypt-2018-two-scts.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let extensions = certificate
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .0
        .to_vec();
    let index = extensions
        .iter()
        .position(|extension| extension.extn_id == ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST)
        .unwrap();
    // The extnValue OCTET STRING header is 04 81 f5, three octets before its content.
    let value_offset = extensions[index].extn_value.as_ptr() as usize - bytes.as_ptr() as usize;
    let tag_offset = value_offset - 3;
    drop(extensions);
    drop(certificate);
    assert_eq!(bytes[tag_offset], 0x04);
    bytes[tag_offset] = 0x05;

    let error = Certificate::decode(&bytes).unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::UnexpectedTag {
            expected: rfcodec::der::Tag::OCTET_STRING,
            actual: rfcodec::der::Tag::NULL
        }
    );
    assert_eq!(error.offset(), tag_offset);
    assert_eq!(
        error.to_string(),
        format!(
            "Certificate.tbsCertificate.extensions[{index}].extnValue: expected tag OCTET \
             STRING, found NULL at offset {tag_offset}"
        )
    );
}

#[test]
fn encoding_checks_size_constraints() {
    // Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension: an empty list cannot be encoded.
    let empty = rfcodec_tests::generated::rfc5280_explicit::Extensions(
        rfcodec::der::SequenceOf::from_vec(Vec::new()),
    );
    let error = empty.encode().unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::LengthOutOfRange {
            floor: 1,
            ceiling: u64::MAX,
            actual: 0
        }
    );
}
