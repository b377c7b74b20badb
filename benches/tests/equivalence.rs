//! Checks that every benchmarked implementation decodes the same values from the same
//! inputs and re-encodes the same bytes, so the benchmarks compare equal work.

use rfcodec_benches::implementations::{asn1, rfcodec, tls_codec, x509_cert, x509_parser};
use rfcodec_benches::values::{Certificate, EcdsaSignature, Extension, Sct, unix_seconds};
use rfcodec_benches::{Inputs, handwritten};

fn handwritten_sct(sct: &handwritten::Sct<'_>) -> Sct {
    Sct {
        version: sct.version,
        log_id: *sct.log_id,
        timestamp: sct.timestamp,
        extensions: sct.extensions.to_vec(),
        hash: sct.hash,
        signature_algorithm: sct.signature_algorithm,
        signature: sct.signature.to_vec(),
    }
}

fn handwritten_ecdsa(signature: &handwritten::EcdsaSigValue<'_>) -> EcdsaSignature {
    EcdsaSignature::from_integers(signature.r, signature.s)
}

fn handwritten_certificate(certificate: &handwritten::Certificate<'_>) -> Certificate {
    let tbs = &certificate.tbs_certificate;
    let seconds = |time: handwritten::DateTime| {
        let year = i64::from(time.year);
        unix_seconds(
            year,
            time.month,
            time.day,
            time.hour,
            time.minute,
            time.second,
        )
    };
    let extensions = tbs.extensions.map(|extensions| {
        extensions
            .iter()
            .map(|extension| Extension {
                id: oid_string(extension.id),
                critical: extension.critical,
                value: extension.value.to_vec(),
            })
            .collect()
    });
    Certificate {
        version: tbs.version,
        serial_number: tbs.serial_number.to_vec(),
        signature: oid_string(tbs.signature.algorithm),
        issuer: tbs.issuer.to_vec(),
        not_before: seconds(tbs.not_before),
        not_after: seconds(tbs.not_after),
        subject: tbs.subject.to_vec(),
        key_algorithm: oid_string(tbs.key_algorithm.algorithm),
        subject_public_key: tbs.subject_public_key[1..].to_vec(),
        extensions: extensions.unwrap_or_default(),
        signature_algorithm: oid_string(certificate.signature_algorithm.algorithm),
        signature_value: certificate.signature_value[1..].to_vec(),
    }
}

/// Formats OBJECT IDENTIFIER content octets in dotted form (X.690 8.19).
fn oid_string(content: &[u8]) -> String {
    let mut arcs = Vec::new();
    let mut arc: u128 = 0;
    for &octet in content {
        arc = (arc << 7) | u128::from(octet & 0x7f);
        if octet & 0x80 == 0 {
            arcs.push(arc);
            arc = 0;
        }
    }
    let first = arcs[0];
    let (head, second) = if first < 80 {
        (first / 40, first % 40)
    } else {
        (2, first - 80)
    };
    let mut text = format!("{head}.{second}");
    for arc in &arcs[1..] {
        text.push_str(&format!(".{arc}"));
    }
    text
}

fn expected_scts() -> [(&'static str, u64, usize); 2] {
    [
        (
            "db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64",
            1_522_349_107_993,
            70,
        ),
        (
            "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478",
            1_522_349_108_010,
            72,
        ),
    ]
}

fn handwritten_scts(list: &[u8]) -> Vec<Sct> {
    let mut scts = Vec::new();
    handwritten::decode_sct_list(list, |sct| scts.push(handwritten_sct(sct))).unwrap();
    scts
}

#[test]
fn sct_list_handwritten_matches_known_values() {
    let inputs = Inputs::load();
    let scts = handwritten_scts(inputs.sct_list());
    assert_eq!(scts.len(), 2);
    for (sct, (log_id, timestamp, signature_len)) in scts.iter().zip(expected_scts()) {
        assert_eq!(sct.version, 0);
        assert_eq!(hex::encode(sct.log_id), log_id);
        assert_eq!(sct.timestamp, timestamp);
        assert_eq!(sct.extensions, b"");
        assert_eq!(sct.hash, 4, "sha256");
        assert_eq!(sct.signature_algorithm, 3, "ecdsa");
        assert_eq!(sct.signature.len(), signature_len);
    }
}

#[test]
fn sct_list_decodes_same_values() {
    let inputs = Inputs::load();
    let list = inputs.sct_list();
    let octet_string = inputs.sct_list_octet_string();
    let expected = handwritten_scts(list);

    let mut scts = Vec::new();
    rfcodec::decode_sct_list(list, |sct| scts.push(rfcodec::sct_values(sct))).unwrap();
    assert_eq!(scts, expected, "rfcodec");

    let mut scts = Vec::new();
    tls_codec::decode_sct_list(list, |sct| scts.push(tls_codec::sct_values(sct))).unwrap();
    assert_eq!(scts, expected, "tls_codec");

    let mut scts = Vec::new();
    x509_cert::decode_sct_list(octet_string, |sct| scts.push(x509_cert::sct_values(sct))).unwrap();
    assert_eq!(scts, expected, "x509-cert");

    let mut scts = Vec::new();
    x509_parser::decode_sct_list(octet_string, |sct| scts.push(x509_parser::sct_values(sct)))
        .unwrap();
    assert_eq!(scts, expected, "x509-parser");
}

#[test]
fn sct_list_reencodes_same_bytes() {
    let inputs = Inputs::load();
    let list = inputs.sct_list();

    let mut scts = Vec::new();
    handwritten::decode_sct_list(list, |sct| scts.push(*sct)).unwrap();
    assert_eq!(
        handwritten::encode_sct_list(&scts).unwrap(),
        list,
        "handwritten"
    );

    let mut scts = Vec::new();
    rfcodec::decode_sct_list(list, |sct| scts.push(sct.clone())).unwrap();
    assert_eq!(rfcodec::encode_sct_list(&scts).unwrap(), list, "rfcodec");

    let mut scts = Vec::new();
    tls_codec::decode_sct_list(list, |sct| scts.push(sct.clone())).unwrap();
    assert_eq!(
        tls_codec::encode_sct_list(&scts).unwrap(),
        list,
        "tls_codec"
    );

    let octet_string = inputs.sct_list_octet_string();
    let scts = x509_cert::decode_owned_scts(octet_string).unwrap();
    assert_eq!(
        x509_cert::encode_sct_list(scts).unwrap(),
        octet_string,
        "x509-cert"
    );
}

#[test]
fn sct_list_changed_timestamp_is_seen() {
    let inputs = Inputs::load();
    let mut list = inputs.sct_list().to_vec();
    // The first SCT's timestamp ends at 2 + 2 + 1 + 32 + 8 bytes into the list.
    list[44] ^= 1;
    let mut scts = Vec::new();
    rfcodec::decode_sct_list(&list, |sct| scts.push(rfcodec::sct_values(sct))).unwrap();
    assert_eq!(scts[0].timestamp, 1_522_349_107_993 ^ 1);
    assert_ne!(scts, handwritten_scts(inputs.sct_list()));
}

/// r and s of the first SCT's Ecdsa-Sig-Value, read off its DER encoding.
const EXPECTED_R: &str = "7e1fcd1e9a2bd2a50a0c81e713033a0762340da8f91ef27a48b3817640159cd3";
const EXPECTED_S: &str = "659fe9f1d880e2e8f6b325be9f18956d17c6ca8a6f2b12cb0f55fb70f759a419";

#[test]
fn ecdsa_decodes_same_values() {
    let inputs = Inputs::load();
    let bytes = inputs.ecdsa_signature();
    let expected = handwritten_ecdsa(&handwritten::decode_ecdsa_sig_value(bytes).unwrap());
    assert_eq!(hex::encode(&expected.r), EXPECTED_R);
    assert_eq!(hex::encode(&expected.s), EXPECTED_S);

    let decoded = rfcodec::decode_ecdsa(bytes).unwrap();
    assert_eq!(rfcodec::ecdsa_values(&decoded), expected, "rfcodec");
    let decoded = x509_cert::decode_ecdsa(bytes).unwrap();
    assert_eq!(x509_cert::ecdsa_values(&decoded), expected, "der");
    let decoded = asn1::decode_ecdsa(bytes).unwrap();
    assert_eq!(asn1::ecdsa_values(&decoded), expected, "asn1");
    let decoded = x509_parser::decode_ecdsa(bytes).unwrap();
    assert_eq!(x509_parser::ecdsa_values(&decoded), expected, "x509-parser");
}

#[test]
fn ecdsa_reencodes_same_bytes() {
    use ::der::Encode as _;
    use ::rfcodec::der::Encode as _;

    let inputs = Inputs::load();
    let bytes = inputs.ecdsa_signature();
    let decoded = rfcodec::decode_ecdsa(bytes).unwrap();
    assert_eq!(decoded.encode().unwrap(), bytes, "rfcodec");
    let decoded = x509_cert::decode_ecdsa(bytes).unwrap();
    assert_eq!(decoded.to_der().unwrap(), bytes, "der");
    let decoded = asn1::decode_ecdsa(bytes).unwrap();
    assert_eq!(::asn1::write_single(&decoded).unwrap(), bytes, "asn1");
}

#[test]
fn ecdsa_rejects_nonminimal_integer() {
    // r = 1 written with a leading zero octet.
    let bytes = [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x02];
    assert!(handwritten::decode_ecdsa_sig_value(&bytes).is_err());
    assert!(rfcodec::decode_ecdsa(&bytes).is_err());
    assert!(x509_cert::decode_ecdsa(&bytes).is_err());
    assert!(asn1::decode_ecdsa(&bytes).is_err());
}

/// Decodes one certificate with every implementation and returns the values of each
/// implementation that accepted it, by name.
fn certificate_values(bytes: &[u8]) -> Vec<(&'static str, Option<Certificate>)> {
    vec![
        (
            "handwritten",
            handwritten::decode_certificate(bytes)
                .ok()
                .map(|certificate| handwritten_certificate(&certificate)),
        ),
        (
            "rfcodec",
            rfcodec::decode_certificate(bytes)
                .ok()
                .map(|certificate| rfcodec::certificate_values(&certificate)),
        ),
        (
            "x509-cert",
            x509_cert::decode_certificate(bytes)
                .ok()
                .map(|certificate| x509_cert::certificate_values(&certificate)),
        ),
        (
            "asn1",
            asn1::decode_certificate(bytes)
                .ok()
                .map(|certificate| asn1::certificate_values(&certificate)),
        ),
        (
            "x509-parser",
            x509_parser::decode_certificate(bytes)
                .ok()
                .map(|certificate| x509_parser::certificate_values(&certificate)),
        ),
    ]
}

#[test]
fn certificate_handwritten_matches_known_values() {
    let inputs = Inputs::load();
    let certificate = handwritten::decode_certificate(&inputs.certificate).unwrap();
    let values = handwritten_certificate(&certificate);
    assert_eq!(values.version, 2);
    assert_eq!(values.signature, "1.2.840.113549.1.1.11");
    assert_eq!(values.not_before, 1_522_345_507);
    assert_eq!(values.key_algorithm, "1.2.840.113549.1.1.1");
    let sct = values
        .extensions
        .iter()
        .find(|extension| extension.id == "1.3.6.1.4.1.11129.2.4.2")
        .expect("SCT list extension");
    assert!(!sct.critical);
    assert_eq!(sct.value.len(), 245);
    assert_eq!(sct.value[3..], *inputs.sct_list());
}

#[test]
fn certificate_decodes_same_values() {
    let inputs = Inputs::load();
    let results = certificate_values(&inputs.certificate);
    let expected = results[0].1.clone().expect("handwritten decodes");
    for (name, values) in &results[1..] {
        assert_eq!(values.as_ref(), Some(&expected), "{name}");
    }
}

#[test]
fn certificate_reencodes_same_bytes() {
    use ::der::Encode as _;
    use ::rfcodec::der::Encode as _;

    let inputs = Inputs::load();
    let bytes = inputs.certificate.as_slice();
    let decoded = rfcodec::decode_certificate(bytes).unwrap();
    assert_eq!(decoded.encode().unwrap(), bytes, "rfcodec");
    let decoded = x509_cert::decode_certificate(bytes).unwrap();
    assert_eq!(decoded.to_der().unwrap(), bytes, "x509-cert");
}

/// The certificates of tests/data/certs that an implementation rejects, by name.
const REJECTED: &[(&str, &str)] = &[];

#[test]
fn every_certificate_decodes_same_values() {
    let inputs = Inputs::load();
    assert_eq!(inputs.certificates.len(), 23);
    let mut rejected = Vec::new();
    for (file, bytes) in &inputs.certificates {
        let results = certificate_values(bytes);
        let expected = results[0].1.clone();
        let expected = expected.unwrap_or_else(|| panic!("handwritten rejects {file}"));
        for (name, values) in &results[1..] {
            match values {
                Some(values) => assert_eq!(values, &expected, "{name} on {file}"),
                None => rejected.push((*name, file.as_str())),
            }
        }
    }
    assert_eq!(rejected, REJECTED);
}

fn handwritten_signatures(bytes: &[u8]) -> Vec<EcdsaSignature> {
    let mut signatures = Vec::new();
    handwritten::certificate_signatures(bytes, |signature| {
        signatures.push(handwritten_ecdsa(&signature))
    })
    .unwrap();
    signatures
}

#[test]
fn certificate_to_r_and_s_gives_same_values() {
    let inputs = Inputs::load();
    let bytes = inputs.certificate.as_slice();
    let expected = handwritten_signatures(bytes);
    assert_eq!(expected.len(), 2);
    assert_eq!(hex::encode(&expected[0].r), EXPECTED_R);
    assert_eq!(hex::encode(&expected[0].s), EXPECTED_S);

    let mut signatures = Vec::new();
    rfcodec::certificate_signatures(bytes, |signature| {
        signatures.push(rfcodec::ecdsa_values(signature))
    })
    .unwrap();
    assert_eq!(signatures, expected, "rfcodec");

    let mut signatures = Vec::new();
    x509_cert::certificate_signatures(bytes, |signature| {
        signatures.push(x509_cert::ecdsa_values(signature))
    })
    .unwrap();
    assert_eq!(signatures, expected, "x509-cert");

    let mut signatures = Vec::new();
    asn1::certificate_signatures(bytes, |signature| {
        signatures.push(asn1::ecdsa_values(signature))
    })
    .unwrap();
    assert_eq!(signatures, expected, "asn1");

    let mut signatures = Vec::new();
    x509_parser::certificate_signatures(bytes, |signature| {
        signatures.push(x509_parser::ecdsa_values(signature))
    })
    .unwrap();
    assert_eq!(signatures, expected, "x509-parser");
}
