//! `rfcodec::tls!` over snippets of RFC 6962 pasted verbatim, decoding the SCT list of
//! the bundled certificate with the types it generates in place.

use rfcodec::ErrorKind;
use rfcodec::tls::{Decode, Encode};
use rfcodec_tests::bundled_sct_list;

/// RFC 6962 section 3.3, as printed.
mod list {
    rfcodec::tls!(
        r#"
        opaque SerializedSCT<1..2^16-1>;

        struct {
            SerializedSCT sct_list <1..2^16-1>;
        } SignedCertificateTimestampList;
"#
    );
}

/// RFC 6962 section 3.2, as printed. `Version` is an open enum here.
mod header {
    rfcodec::tls!(
        r#"
       enum { certificate_timestamp(0), tree_hash(1), (255) }
         SignatureType;

       enum { v1(0), (255) }
         Version;

         struct {
             opaque key_id[32];
         } LogID;

         opaque TBSCertificate<1..2^24-1>;

         struct {
           opaque issuer_key_hash[32];
           TBSCertificate tbs_certificate;
         } PreCert;

         opaque CtExtensions<0..2^16-1>;
"#,
        open_enums = ["Version"]
    );
}

use header::{LogId, Version};
use list::SignedCertificateTimestampList;

#[test]
fn inline_list_decodes_bundled_certificate() {
    let bytes = bundled_sct_list();
    let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
    let lengths: Vec<usize> = list.sct_list.iter().map(|sct| sct.0.len()).collect();
    assert_eq!(lengths, [117, 119]);
    assert_eq!(list.encoded_len(), bytes.len());
    assert_eq!(list.encode().unwrap(), bytes);
}

#[test]
fn inline_header_decodes_each_sct_start() {
    let bytes = bundled_sct_list();
    let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
    let expected = [
        "db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64",
        "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478",
    ];
    for (sct, log_id) in list.sct_list.iter().zip(expected) {
        assert_eq!(Version::decode(&sct.0[..1]).unwrap(), Version::V1);
        let id = LogId::decode(&sct.0[1..33]).unwrap();
        assert_eq!(hex::encode(id.key_id), log_id);
    }
}

#[test]
fn inline_open_enum_keeps_unknown_value() {
    let version = Version::decode(&[7]).unwrap();
    assert_eq!(version, Version::Unknown(7));
    assert_eq!(version.encode().unwrap(), [7]);
}

#[test]
fn inline_list_rejects_empty_list() {
    let error = SignedCertificateTimestampList::decode(&[0, 0]).unwrap_err();
    let expected = ErrorKind::LengthOutOfRange {
        floor: 1,
        ceiling: 65535,
        actual: 0,
    };
    assert_eq!(error.kind(), expected, "{error}");
}
