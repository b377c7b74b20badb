//! Codecs generated from `schemas/rfc5246.tls`, `rfc6962.tls` and `rfc8446.tls` by the
//! build script, checked against real SCT lists, Certificate Transparency known-answer
//! vectors and log entries.

use rfcodec::ErrorKind;
use rfcodec::tls::{Decode, Encode};
use rfcodec_tests::generated::rfc5246::{HashAlgorithm, SignatureAlgorithm};
use rfcodec_tests::generated::rfc6962::{
    Asn1Cert, CtExtensions, LogEntryType, MerkleTreeLeaf, MerkleTreeLeafBody, PreCert,
    SignedCertificateTimestamp, SignedCertificateTimestampList, SignedEntry, TbsCertificate,
    TreeHeadSignature, Version,
};
use rfcodec_tests::{bundled_sct_list, data};

#[test]
fn generated_sct_list_decodes_bundled_certificate() {
    let bytes = bundled_sct_list();
    let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
    let scts: Vec<SignedCertificateTimestamp> = list
        .sct_list
        .iter()
        .map(|serialized| SignedCertificateTimestamp::decode(serialized.0).unwrap())
        .collect();
    assert_eq!(scts.len(), 2);

    let expected = [
        (
            "db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64",
            1_522_349_107_993u64,
            70,
        ),
        (
            "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478",
            1_522_349_108_010,
            72,
        ),
    ];
    for (sct, (log_id, timestamp, signature_len)) in scts.iter().zip(expected) {
        assert_eq!(sct.sct_version, Version::V1);
        assert_eq!(hex::encode(sct.id.key_id), log_id);
        assert_eq!(sct.timestamp, timestamp);
        assert_eq!(sct.extensions.0, b"");
        assert_eq!(sct.signature.algorithm.hash, HashAlgorithm::Sha256);
        assert_eq!(sct.signature.algorithm.signature, SignatureAlgorithm::Ecdsa);
        assert_eq!(sct.signature.signature.len(), signature_len);
    }
    assert_eq!(list.encoded_len(), bytes.len());
    assert_eq!(list.encode().unwrap(), bytes);
}

#[test]
fn generated_sct_reencodes_each_sct() {
    let bytes = bundled_sct_list();
    let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
    for serialized in list.sct_list.iter() {
        let sct = SignedCertificateTimestamp::decode(serialized.0).unwrap();
        assert_eq!(sct.encoded_len(), serialized.0.len());
        assert_eq!(sct.encode().unwrap(), serialized.0);
    }
}

#[test]
fn signed_data_matches_go_known_answers() {
    let bytes = data("sct/ctgo-defaultSCT.sct");
    let sct = SignedCertificateTimestamp::decode(&bytes).unwrap();
    assert_eq!(sct.timestamp, 1234);

    let certificate = sct
        .signature_signed_data(
            LogEntryType::X509Entry,
            SignedEntry::X509Entry(Asn1Cert(b"certificate")),
        )
        .unwrap();
    assert_eq!(
        certificate,
        data("sct/ctgo-defaultCertSCTSignatureInput.bin")
    );

    let precert = sct
        .signature_signed_data(
            LogEntryType::PrecertEntry,
            SignedEntry::PrecertEntry(PreCert {
                issuer_key_hash: b"iamapublickeyshatwofivesixdigest",
                tbs_certificate: TbsCertificate(b"tbs"),
            }),
        )
        .unwrap();
    assert_eq!(
        precert,
        data("sct/ctgo-defaultPrecertSCTSignatureInput.bin")
    );
}

#[test]
fn signed_data_rejects_mismatched_entry() {
    let bytes = data("sct/ctgo-defaultSCT.sct");
    let sct = SignedCertificateTimestamp::decode(&bytes).unwrap();
    let error = sct
        .signature_signed_data(
            LogEntryType::PrecertEntry,
            SignedEntry::X509Entry(Asn1Cert(b"certificate")),
        )
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::SelectorMismatch);
}

#[test]
fn tree_head_signature_matches_go_known_answer() {
    let bytes = data("sct/ctgo-defaultSTHSigned.bin");
    let signed = TreeHeadSignature::decode(&bytes).unwrap();
    assert_eq!(signed.version, Version::V1);
    assert_eq!(signed.timestamp, 2345);
    assert_eq!(signed.tree_size, 6);
    assert_eq!(signed.sha256_root_hash, b"imustbeexactlythirtytwobyteslong");
    assert_eq!(signed.encode().unwrap(), bytes);
}

#[test]
fn tree_head_signature_checks_fixed_signature_type() {
    let mut bytes = data("sct/ctgo-defaultSTHSigned.bin");
    bytes[1] = 0;
    let error = TreeHeadSignature::decode(&bytes).unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::FixedValueMismatch {
            expected: 1,
            actual: 0
        }
    );
    assert_eq!(
        error.to_string(),
        "TreeHeadSignature.signature_type: fixed-value field holds 0 instead of 1 at offset 1"
    );
}

#[test]
fn merkle_tree_leaves_decode_log_entries() {
    for (path, timestamp, entry_type) in [
        (
            "ct-entries/ctgo-CertEntry.mtl",
            1_415_843_953_342u64,
            LogEntryType::X509Entry,
        ),
        (
            "ct-entries/ctgo-PrecertEntry.mtl",
            1_422_867_427_528,
            LogEntryType::PrecertEntry,
        ),
    ] {
        let bytes = data(path);
        let leaf = MerkleTreeLeaf::decode(&bytes).unwrap();
        let MerkleTreeLeafBody::TimestampedEntry(entry) = &leaf.body;
        assert_eq!(entry.timestamp, timestamp, "{path}");
        assert_eq!(entry.entry_type, entry_type, "{path}");
        assert_eq!(entry.extensions, CtExtensions(b""), "{path}");
        assert_eq!(leaf.encode().unwrap(), bytes, "{path}");
    }
}

#[test]
fn generated_errors_name_the_field_path() {
    let bytes = data("sct/ctcpp-derived-SCT-bad-hash-0xff.sct");
    let error = SignedCertificateTimestamp::decode(&bytes).unwrap_err();
    assert_eq!(
        error.to_string(),
        "SignedCertificateTimestamp.signature.algorithm.hash: unknown enumerated value 255 \
         at offset 43"
    );
    let list = data("sct/ctcpp-derived-SCTList-empty.tls");
    let error = SignedCertificateTimestampList::decode(&list).unwrap_err();
    assert_eq!(
        error.to_string(),
        "SignedCertificateTimestampList.sct_list: length 0 is outside <1..65535> at offset 0"
    );
}
