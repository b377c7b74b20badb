//! Random bytes, truncations and single-byte changes of real inputs never make the
//! interpreter panic, for certificates and for TLS SCT lists.

use proptest::prelude::*;
use rfcodec_interpreter::{Schemas, TypeRef, decode, to_json, to_text};

const CERTIFICATE: &[u8] = include_bytes!("../../tests/data/certs/letsencrypt-2018-two-scts.der");

fn schemas() -> &'static Schemas {
    static SCHEMAS: std::sync::OnceLock<Schemas> = std::sync::OnceLock::new();
    SCHEMAS.get_or_init(Schemas::bundled)
}

fn certificate_type() -> TypeRef {
    schemas().certificate().expect("Certificate is bundled")
}

fn sct_list_type() -> TypeRef {
    schemas()
        .find_type("SignedCertificateTimestampList")
        .expect("SCT list is bundled")
}

/// Decodes and renders both ways, returning whether any problem was reported.
fn inspect(ty: TypeRef, input: &[u8]) -> bool {
    let decoded = decode(schemas(), ty, input);
    let _ = to_text(&decoded, input);
    let _ = to_json(&decoded);
    !decoded.problems().is_empty()
}

#[test]
fn every_truncation_of_certificate_rejected() {
    for length in 0..CERTIFICATE.len() {
        assert!(
            inspect(certificate_type(), &CERTIFICATE[..length]),
            "length {length}"
        );
    }
}

#[test]
fn sct_list_extension_bytes_decode() {
    let list = &CERTIFICATE[1069..1069 + 242];
    assert!(!inspect(sct_list_type(), list));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        inspect(certificate_type(), &bytes);
        inspect(sct_list_type(), &bytes);
    }

    #[test]
    fn changed_certificate_byte_never_panics(index in 0..CERTIFICATE.len(), byte in any::<u8>()) {
        let mut input = CERTIFICATE.to_vec();
        input[index] = byte;
        inspect(certificate_type(), &input);
    }

    #[test]
    fn changed_sct_list_byte_never_panics(index in 0usize..242, byte in any::<u8>()) {
        let mut input = CERTIFICATE[1069..1069 + 242].to_vec();
        input[index] = byte;
        inspect(sct_list_type(), &input);
    }
}
