//! The SCT list of the bundled Let's Encrypt certificate, decoded with hand-written codecs
//! over the runtime alone: exact values, every truncation rejected, and the rejection each
//! malformed SCT file of the test data must get.

mod common;

use common::{SignedCertificateTimestamp, SignedCertificateTimestampList, data, decode_scts};
use rfcodec::der::{self, Any, Decode as _, ObjectIdentifier, Tag};
use rfcodec::tls::{Decode, Encode};
use rfcodec::{ErrorKind, Result};

const SCT_LIST_OID: &str = "1.3.6.1.4.1.11129.2.4.2";

/// Walks Certificate, TBSCertificate and its extensions (RFC 5280 section 4.1) to the SCT
/// list extension, and returns the TLS bytes inside its OCTET STRING with their offset.
fn find_sct_list(certificate: &[u8]) -> Result<Option<(&[u8], usize)>> {
    let mut reader = der::Reader::new(certificate);
    let mut found = None;
    reader.read_sequence(|certificate| {
        certificate.read_sequence(|tbs| {
            let _version: Option<u8> = tbs.read_optional(Tag::context(0).constructed(), |tbs| {
                tbs.read_explicit(Tag::context(0))
            })?;
            // serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo.
            for _ in 0..6 {
                Any::decode_from(tbs)?;
            }
            for unique_id in [1, 2] {
                tbs.read_optional(Tag::context(unique_id), Any::decode_from)?;
            }
            let extensions = Tag::context(3).constructed();
            let Some(mut wrapper) =
                tbs.read_optional(extensions, |tbs| tbs.read_tlv(extensions))?
            else {
                return Ok(());
            };
            wrapper.read_sequence(|list| {
                while !list.is_empty() {
                    list.read_sequence(|extension| {
                        let id = ObjectIdentifier::decode_from(extension)?;
                        extension.read_optional(Tag::BOOLEAN, bool::decode_from)?;
                        let mut value = extension.read_tlv(Tag::OCTET_STRING)?;
                        if id.to_string() == SCT_LIST_OID {
                            let mut inner = value.read_tlv(Tag::OCTET_STRING)?;
                            found = Some((inner.remaining(), inner.offset()));
                            inner.read_rest();
                            value.finish()?;
                        } else {
                            value.read_rest();
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })
        })?;
        Any::decode_from(certificate)?;
        Any::decode_from(certificate)?;
        Ok(())
    })?;
    reader.finish()?;
    Ok(found)
}

fn bundled_sct_list() -> (Vec<u8>, usize) {
    let certificate = data("certs/letsencrypt-2018-two-scts.der");
    let (list, offset) = find_sct_list(&certificate)
        .unwrap()
        .expect("SCT list extension");
    (list.to_vec(), offset)
}

#[test]
fn bundled_certificate_holds_two_scts() {
    let certificate = data("certs/letsencrypt-2018-two-scts.der");
    let (list, offset) = find_sct_list(&certificate).unwrap().unwrap();
    assert_eq!(list.len(), 242);
    assert_eq!(offset, 1069);

    let scts = decode_scts(list, offset).unwrap();
    assert_eq!(scts.len(), 2);

    // Log IDs are the SHA-256 of the logs' keys in tests/data/ct/ (Nimbus2018, Icarus).
    let expected = [
        (
            "db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64",
            1_522_349_107_993u64,
            70,
            (32, 32),
        ),
        (
            "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478",
            1_522_349_108_010,
            72,
            (33, 33),
        ),
    ];
    for (sct, (log_id, timestamp, signature_len, (r_len, s_len))) in scts.iter().zip(expected) {
        assert_eq!(sct.sct_version, 0);
        assert_eq!(hex::encode(sct.id), log_id);
        assert_eq!(sct.timestamp, timestamp);
        assert!(sct.extensions.is_empty());
        assert_eq!(sct.signature.algorithm.hash, 4, "sha256");
        assert_eq!(sct.signature.algorithm.signature, 3, "ecdsa");
        assert_eq!(sct.signature.signature.len(), signature_len);

        let signature_offset =
            offset + (sct.signature.signature.as_ptr() as usize) - (list.as_ptr() as usize);
        let ecdsa = sct.signature.ecdsa(signature_offset).unwrap();
        assert_eq!(ecdsa.r.as_bytes().len(), r_len);
        assert_eq!(ecdsa.s.as_bytes().len(), s_len);
        assert!(!ecdsa.r.is_negative());
        assert!(!ecdsa.s.is_negative());
    }
}

#[test]
fn bundled_sct_list_re_encodes_byte_identical() {
    let (list, _) = bundled_sct_list();
    let decoded = SignedCertificateTimestampList::decode(&list).unwrap();
    assert_eq!(decoded.encoded_len(), list.len());
    assert_eq!(decoded.encode().unwrap(), list);

    let owned = SignedCertificateTimestampList {
        sct_list: decoded.sct_list.to_vec().into(),
    };
    assert_eq!(owned.encode().unwrap(), list);
}

#[test]
fn every_truncation_of_the_list_is_rejected() {
    let (list, offset) = bundled_sct_list();
    for length in 0..list.len() {
        let error =
            decode_scts(&list[..length], offset).expect_err("a truncated list must not decode");
        assert!(
            matches!(
                error.kind(),
                ErrorKind::Truncated { .. } | ErrorKind::LengthOutOfRange { .. }
            ),
            "length {length}: {error}"
        );
        assert!(
            error.offset() <= offset + length,
            "length {length}: {error}"
        );
    }
}

#[test]
fn truncated_list_error_names_the_path() {
    let (list, offset) = bundled_sct_list();
    // Cut inside the second SCT's signature, after its length prefix.
    let error = decode_scts(&list[..200], offset).unwrap_err();
    assert_eq!(
        error.to_string(),
        "SignedCertificateTimestampList.sct_list: length 240 exceeds the 198 bytes left \
         at offset 1071"
    );
}

#[test]
fn corrupt_signature_length_names_both_levels() {
    let (mut list, offset) = bundled_sct_list();
    // The second SCT's signature length prefix: list header 2, first SCT 2 + 117, second
    // SCT header 2, then version 1, id 32, timestamp 8, extensions 2, algorithm 2.
    let prefix = 2 + 2 + 117 + 2 + 1 + 32 + 8 + 2 + 2;
    assert_eq!(u16::from_be_bytes([list[prefix], list[prefix + 1]]), 72);
    list[prefix + 1] = 73;
    let error = decode_scts(&list, offset).unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::Truncated {
            needed: 73,
            available: 72
        }
    );
    assert_eq!(
        error.to_string(),
        "SignedCertificateTimestampList.sct_list[1].signature.signature: length 73 exceeds \
         the 72 bytes left at offset 1239"
    );
}

fn sct_error(path: &str) -> (ErrorKind, usize, String) {
    let error = SignedCertificateTimestamp::decode(&data(path)).unwrap_err();
    (error.kind(), error.offset(), error.to_string())
}

fn list_error(path: &str) -> (ErrorKind, usize) {
    let error = decode_scts(&data(path), 0).unwrap_err();
    (error.kind(), error.offset())
}

#[test]
fn malformed_scts_are_rejected() {
    let rows = [
        (
            "sct/chromium-SCT-invalid-version.sct",
            ErrorKind::UnknownEnumValue { value: 2 },
            0,
        ),
        (
            "sct/chromium-SCT-truncated.sct",
            ErrorKind::Truncated {
                needed: 32,
                available: 3,
            },
            1,
        ),
        (
            "sct/ctcpp-derived-SCT-version-0xff.sct",
            ErrorKind::UnknownEnumValue { value: 255 },
            0,
        ),
        (
            "sct/ctcpp-derived-SCT-bad-hash-0xff.sct",
            ErrorKind::UnknownEnumValue { value: 255 },
            43,
        ),
        (
            "sct/ctcpp-derived-SCT-bad-sigalg-0xff.sct",
            ErrorKind::UnknownEnumValue { value: 255 },
            44,
        ),
        (
            "sct/ctcpp-derived-SCT-trailing-0x42.sct",
            ErrorKind::TrailingData { count: 1 },
            56,
        ),
    ];
    for (path, kind, offset) in rows {
        let (actual_kind, actual_offset, _) = sct_error(path);
        assert_eq!((actual_kind, actual_offset), (kind, offset), "{path}");
    }
    assert_eq!(
        sct_error("sct/ctcpp-derived-SCT-bad-hash-0xff.sct").2,
        "SignedCertificateTimestamp.signature.algorithm.hash: unknown enumerated value 255 \
         at offset 43"
    );
}

#[test]
fn malformed_sct_lists_are_rejected() {
    let rows = [
        (
            "sct/ctcpp-derived-SCTList-empty.tls",
            ErrorKind::LengthOutOfRange {
                floor: 1,
                ceiling: 0xffff,
                actual: 0,
            },
            0,
        ),
        (
            "sct/ctcpp-derived-SCTList-empty-elem.tls",
            ErrorKind::LengthOutOfRange {
                floor: 1,
                ceiling: 0xffff,
                actual: 0,
            },
            2,
        ),
        (
            "sct/ctcpp-derived-SCTList-bad-inner-len.tls",
            ErrorKind::Truncated {
                needed: 1,
                available: 0,
            },
            4,
        ),
        (
            "sct/chromium-SCTList-inner-overrun.tls",
            ErrorKind::Truncated {
                needed: 5,
                available: 3,
            },
            9,
        ),
        (
            "sct/ctcpp-derived-SCTList-truncated.tls",
            ErrorKind::Truncated {
                needed: 58,
                available: 57,
            },
            2,
        ),
        (
            "sct/ctcpp-derived-SCTList-trailing-x.tls",
            ErrorKind::TrailingData { count: 1 },
            60,
        ),
    ];
    for (path, kind, offset) in rows {
        assert_eq!(list_error(path), (kind, offset), "{path}");
    }
}

#[test]
fn list_layer_accepts_elements_that_are_not_scts() {
    for path in [
        "sct/chromium-SCTList-abc-def.tls",
        "sct/ctcpp-derived-SCTList-multi-hello.tls",
    ] {
        let bytes = data(path);
        let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
        assert_eq!(list.sct_list.len(), 2, "{path}");
        assert_eq!(list.encode().unwrap(), bytes, "{path}");
    }

    let abc = data("sct/chromium-SCTList-abc-def.tls");
    let error = decode_scts(&abc, 0).unwrap_err();
    assert_eq!(
        error.to_string(),
        "SignedCertificateTimestampList.sct_list[0].sct_version: unknown enumerated value 97 \
         at offset 4"
    );

    let hello = data("sct/ctcpp-derived-SCTList-multi-hello.tls");
    let list = SignedCertificateTimestampList::decode(&hello).unwrap();
    let elements = list.sct_list.to_vec();
    assert_eq!(elements[0].0, b"hello");
    let second = SignedCertificateTimestamp::decode(elements[1].0).unwrap();
    assert_eq!(second.timestamp, 1234);
}

#[test]
fn digitally_signed_rejects_trailing_byte() {
    let valid = data("sct/ctgo-DigitallySigned-valid.bin");
    let signed = common::DigitallySigned::decode(&valid).unwrap();
    assert_eq!(signed.signature.len(), 70);
    assert!(signed.ecdsa(4).is_ok());

    let error =
        common::DigitallySigned::decode(&data("sct/ctgo-DigitallySigned-trailing-byte.bin"))
            .unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (ErrorKind::TrailingData { count: 1 }, 75)
    );
}

#[test]
fn go_vectors_reject_long_and_short_forms() {
    use base64::Engine;
    use base64::engine::{GeneralPurpose, GeneralPurposeConfig};
    let json: serde_json::Value =
        serde_json::from_slice(&data("sct/ctgo-types_test-vectors.json")).unwrap();
    // The short log ID's last base64 symbol carries stray bits, which Go's decoder ignores.
    let engine = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
    );
    let base64 = |key: &str| engine.decode(json[key].as_str().unwrap()).unwrap();

    let valid = base64("validSCTSignature_b64");
    assert!(common::DigitallySigned::decode(&valid).is_ok());
    let long = base64("longSCTSignature_b64_INVALID");
    assert_eq!(
        common::DigitallySigned::decode(&long).unwrap_err().kind(),
        ErrorKind::TrailingData { count: 1 }
    );
    let hex_long = hex::decode(
        json["longSignature_hex_INVALID_trailing_byte"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        common::DigitallySigned::decode(&hex_long)
            .unwrap_err()
            .kind(),
        ErrorKind::TrailingData { count: 1 }
    );

    assert!(<&[u8; 32]>::decode(&base64("validLogID_b64")).is_ok());
    assert_eq!(
        <&[u8; 32]>::decode(&base64("longLogID_b64_INVALID"))
            .unwrap_err()
            .kind(),
        ErrorKind::TrailingData { count: 1 }
    );
    assert_eq!(
        <&[u8; 32]>::decode(&base64("shortLogID_b64_INVALID"))
            .unwrap_err()
            .kind(),
        ErrorKind::Truncated {
            needed: 32,
            available: 31
        }
    );
}

#[test]
fn certificates_without_sct_extension_give_none() {
    let certificate = data("certs/ctgo-TestCert-noSCT.der");
    assert_eq!(find_sct_list(&certificate).unwrap(), None);
}
