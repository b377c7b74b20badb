//! Generated accessors from `schemas/ct.bind`: from certificate bytes down through the TLS
//! SCT list to each SCT's DER ECDSA signature, with no hand-written glue.

use rfcodec::ErrorKind;
use rfcodec::der::Decode;
use rfcodec_tests::bound::rfc5280_explicit::Certificate;
use rfcodec_tests::data;

#[test]
fn certificate_leads_to_r_and_s() {
    let bytes = data("certs/letsencrypt-2018-two-scts.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let extensions = certificate
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .0
        .to_vec();

    let lists: Vec<_> = extensions
        .iter()
        .filter_map(|extension| {
            extension.extn_value_as_signed_certificate_timestamp_list_within(&bytes)
        })
        .collect();
    assert_eq!(lists.len(), 1, "one SCT list extension");
    let list = lists.into_iter().next().unwrap().unwrap();

    let mut signatures = Vec::new();
    for serialized in list.sct_list.iter() {
        let sct = serialized
            .as_signed_certificate_timestamp_within(&bytes)
            .unwrap();
        let ecdsa = sct
            .signature
            .signature_as_ecdsa_sig_value_within(&bytes)
            .expect("an ECDSA signature")
            .unwrap();
        signatures.push((
            sct.timestamp,
            ecdsa.r.as_bytes().len(),
            ecdsa.s.as_bytes().len(),
        ));
    }
    assert_eq!(
        signatures,
        [(1_522_349_107_993, 32, 32), (1_522_349_108_010, 33, 33)]
    );
}

#[test]
fn unrelated_extensions_are_not_bound() {
    let bytes = data("certs/letsencrypt-2018-two-scts.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let extensions = certificate
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .0
        .to_vec();
    let unbound = extensions
        .iter()
        .filter(|extension| {
            extension
                .extn_value_as_signed_certificate_timestamp_list()
                .is_none()
        })
        .count();
    assert_eq!(unbound, extensions.len() - 1);
}

#[test]
fn precertificate_poison_is_null() {
    let bytes = data("precerts/ctgo-TestPreCert.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let extensions = certificate
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .0
        .to_vec();
    let poison: Vec<_> = extensions
        .iter()
        .filter_map(|extension| extension.extn_value_as_null())
        .collect();
    assert_eq!(poison.len(), 1);
    assert!(poison[0].is_ok());
}

#[test]
fn bound_errors_name_both_layers_with_absolute_offsets() {
    // The SCT list extension of this certificate is empty, which `<1..2^16-1>` forbids.
    let bytes = data("certs/zlint-empty_sct_list_ko_01.der");
    let certificate = Certificate::decode(&bytes).unwrap();
    let extensions = certificate
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .0
        .to_vec();
    let error = extensions
        .iter()
        .find_map(|extension| {
            extension.extn_value_as_signed_certificate_timestamp_list_within(&bytes)
        })
        .unwrap()
        .unwrap_err();
    assert_eq!(
        error.kind(),
        ErrorKind::LengthOutOfRange {
            floor: 1,
            ceiling: 65535,
            actual: 0
        }
    );
    assert_eq!(error.offset(), 912);
    assert_eq!(
        error.to_string(),
        "Extension.extnValue.sct_list: length 0 is outside <1..65535> at offset 912"
    );
}

#[test]
fn raw_signature_bytes_are_not_decoded_as_ecdsa() {
    let bytes = data("sct/ctgo-DigitallySigned-md5-dsa.bin");
    let signed =
        <rfcodec_tests::bound::rfc5246::DigitallySigned as rfcodec::tls::Decode>::decode(&bytes)
            .unwrap();
    assert!(signed.signature_as_ecdsa_sig_value().is_none());
    assert_eq!(signed.signature, b"SiGnAtUrE!");
}
