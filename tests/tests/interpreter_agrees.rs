//! The interpreter and the generated codecs decode every certificate and SCT file of the
//! test data with the same outcome: both accept, or both reject with the same error kind at
//! the same offset. Bound layers are compared with the generated type of each layer.

use std::path::Path;

use rfcodec::{DecodeOptions, der, tls};
use rfcodec_interpreter::{Node, Problem, Schemas, Value};
use rfcodec_tests::generated::{rfc3279, rfc5246, rfc5280_explicit, rfc6962};
use rfcodec_tests::{data_files, data_path};

/// Outcome of one decode: `None` on success, else the error kind and offset.
type Outcome = Option<(rfcodec::ErrorKind, usize)>;

fn generated_outcome<T>(result: rfcodec::Result<T>) -> Outcome {
    result.err().map(|error| (error.kind(), error.offset()))
}

fn interpreter_outcome(result: &Result<Node, Problem>) -> Outcome {
    result.as_ref().err().map(|problem| {
        let kind = problem
            .error_kind()
            .expect("a decode error, not an unsupported construct");
        (kind, problem.offset)
    })
}

fn interpret(schemas: &Schemas, type_name: &str, bytes: &[u8]) -> Result<Node, Problem> {
    let ty = schemas.find_type(type_name).expect("type is loaded");
    rfcodec_interpreter::decode(schemas, ty, bytes).root
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// Compares a bound layer with the generated decode of the same bytes, placed at the
/// layer's offset in the certificate.
fn compare_layer(holder: &Node, generated: Outcome, what: &str) -> usize {
    let interpreted = holder
        .problem
        .as_ref()
        .map(|problem| (problem.error_kind().expect("decode error"), problem.offset));
    assert_eq!(interpreted, generated, "{what} at {}", holder.path);
    1
}

fn options_at(node: &Node) -> DecodeOptions {
    DecodeOptions::default().with_base_offset(node.offset + node.header_len)
}

/// Walks the interpreter's tree and checks every bound layer against generated code;
/// returns how many layers were compared.
fn compare_bound_layers(node: &Node, input: &[u8], name: &str) -> usize {
    let mut compared = 0;
    node.walk(&mut |node| {
        let bytes = node.content(input);
        let Some(layer_type) = node
            .layer
            .as_ref()
            .map(|layer| layer.type_name.as_str())
            .or_else(|| node.problem.as_ref().map(|_| ""))
        else {
            return;
        };
        let options = options_at(node);
        if node.name == "extnValue" && layer_type == "OCTET STRING" {
            let outcome = generated_outcome(<&[u8] as der::Decode>::decode_with(bytes, options));
            compared += compare_layer(node, outcome, name);
            let octets = node.layer.as_ref().expect("OCTET STRING layer");
            if octets.layer.is_some() || octets.problem.is_some() {
                let inner = octets.content(input);
                let outcome = generated_outcome(
                    <rfc6962::SignedCertificateTimestampList as tls::Decode>::decode_with(
                        inner,
                        options_at(octets),
                    ),
                );
                compared += compare_layer(octets, outcome, name);
            }
        } else if node.type_name == "SerializedSCT" {
            let outcome = generated_outcome(
                <rfc6962::SignedCertificateTimestamp as tls::Decode>::decode_with(bytes, options),
            );
            compared += compare_layer(node, outcome, name);
        } else if node.path.ends_with("signature.signature") && node.encoding_is_tls() {
            let outcome = generated_outcome(<rfc3279::EcdsaSigValue as der::Decode>::decode_with(
                bytes, options,
            ));
            compared += compare_layer(node, outcome, name);
        }
    });
    compared
}

trait EncodingIsTls {
    fn encoding_is_tls(&self) -> bool;
}

impl EncodingIsTls for Node {
    fn encoding_is_tls(&self) -> bool {
        self.encoding == rfcodec_interpreter::Encoding::Tls
    }
}

#[test]
fn certificates_agree_with_generated_code() {
    let schemas = Schemas::bundled();
    let mut layers = 0;
    let mut files = 0;
    for path in data_files("certs") {
        let name = file_name(&path);
        let input = std::fs::read(&path).unwrap();
        let interpreted = interpret(&schemas, "PKIX1Explicit88.Certificate", &input);
        let generated = <rfc5280_explicit::Certificate as der::Decode>::decode(&input);
        assert_eq!(
            interpreter_outcome(&interpreted),
            generated_outcome(generated),
            "{name}"
        );
        if let Ok(root) = &interpreted {
            layers += compare_bound_layers(root, &input, &name);
        }
        files += 1;
    }
    assert_eq!(files, 23);
    // Every SCT extension gives two layers, every SCT and every ECDSA signature one.
    assert!(layers >= 100, "only {layers} bound layers compared");
}

#[test]
fn certificate_values_agree_with_generated_code() {
    let schemas = Schemas::bundled();
    let input = std::fs::read(data_path("certs/letsencrypt-2018-two-scts.der")).unwrap();
    let root = interpret(&schemas, "PKIX1Explicit88.Certificate", &input).unwrap();
    let generated = <rfc5280_explicit::Certificate as der::Decode>::decode(&input).unwrap();

    let tbs = root.child("tbsCertificate").unwrap();
    let Value::Integer(serial) = &tbs.child("serialNumber").unwrap().value else {
        panic!("serialNumber is not an INTEGER");
    };
    assert_eq!(
        serial.as_slice(),
        generated.tbs_certificate.serial_number.as_bytes()
    );

    let mut timestamps = Vec::new();
    let mut key_ids = Vec::new();
    root.walk(&mut |node| {
        if node.type_name == "SignedCertificateTimestamp" {
            if let Value::Uint(timestamp) = node.child("timestamp").unwrap().value {
                timestamps.push(timestamp);
            }
            let id = node.child("id").unwrap().child("key_id").unwrap();
            if let Value::Bytes(bytes) = &id.value {
                key_ids.push(bytes.clone());
            }
        }
    });

    let extension = generated
        .tbs_certificate
        .extensions
        .as_ref()
        .unwrap()
        .0
        .iter()
        .find(|extension| extension.extn_id.to_string() == "1.3.6.1.4.1.11129.2.4.2")
        .unwrap();
    let octets = <&[u8] as der::Decode>::decode(extension.extn_value).unwrap();
    let list = <rfc6962::SignedCertificateTimestampList as tls::Decode>::decode(octets).unwrap();
    let scts: Vec<rfc6962::SignedCertificateTimestamp> = list
        .sct_list
        .iter()
        .map(|serialized| tls::Decode::decode(serialized.0).unwrap())
        .collect();
    let generated_timestamps: Vec<u64> = scts.iter().map(|sct| sct.timestamp).collect();
    let generated_key_ids: Vec<Vec<u8>> = scts.iter().map(|sct| sct.id.key_id.to_vec()).collect();
    assert_eq!(timestamps, generated_timestamps);
    assert_eq!(key_ids, generated_key_ids);
}

/// Returns the type an SCT file is decoded as, from its name, or `None` for files that
/// contain other structures (signature inputs, JSON, PEM).
fn sct_file_type(name: &str) -> Option<&'static str> {
    if name.contains("SCTList") {
        Some("SignedCertificateTimestampList")
    } else if name.ends_with(".sct") {
        Some("SignedCertificateTimestamp")
    } else if name.contains("DigitallySigned") {
        Some("DigitallySigned")
    } else {
        None
    }
}

#[test]
fn sct_files_agree_with_generated_code() {
    let schemas = Schemas::bundled();
    let mut compared = 0;
    for path in data_files("sct") {
        let name = file_name(&path);
        let Some(type_name) = sct_file_type(&name) else {
            continue;
        };
        let input = std::fs::read(&path).unwrap();
        let interpreted = interpret(&schemas, type_name, &input);
        let generated = match type_name {
            "SignedCertificateTimestampList" => generated_outcome(
                <rfc6962::SignedCertificateTimestampList as tls::Decode>::decode(&input),
            ),
            "SignedCertificateTimestamp" => generated_outcome(
                <rfc6962::SignedCertificateTimestamp as tls::Decode>::decode(&input),
            ),
            _ => generated_outcome(<rfc5246::DigitallySigned as tls::Decode>::decode(&input)),
        };
        assert_eq!(interpreter_outcome(&interpreted), generated, "{name}");
        if let Ok(root) = &interpreted {
            compare_bound_layers(root, &input, &name);
        }
        compared += 1;
    }
    assert_eq!(compared, 20);
}

#[test]
fn empty_sct_list_rejected_by_both() {
    let input = std::fs::read(data_path("sct/ctcpp-derived-SCTList-empty.tls")).unwrap();
    let schemas = Schemas::bundled();
    let interpreted = interpret(&schemas, "SignedCertificateTimestampList", &input);
    let expected = rfcodec::ErrorKind::LengthOutOfRange {
        floor: 1,
        ceiling: 65535,
        actual: 0,
    };
    assert_eq!(interpreter_outcome(&interpreted), Some((expected, 0)));
    assert_eq!(
        interpreted.unwrap_err().path,
        "SignedCertificateTimestampList.sct_list"
    );
}

mod changed_bytes {
    use proptest::prelude::*;

    use super::*;

    fn certificate() -> &'static [u8] {
        static BYTES: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        BYTES.get_or_init(|| std::fs::read(data_path("certs/limbo-cloudflare.com.der")).unwrap())
    }

    fn schemas() -> &'static Schemas {
        static SCHEMAS: std::sync::OnceLock<Schemas> = std::sync::OnceLock::new();
        SCHEMAS.get_or_init(Schemas::bundled)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn changed_certificate_byte_agrees(index in 0usize..1000, byte in any::<u8>()) {
            let mut input = certificate().to_vec();
            let index = index % input.len();
            input[index] = byte;
            let interpreted = interpret(schemas(), "PKIX1Explicit88.Certificate", &input);
            let generated = <rfc5280_explicit::Certificate as der::Decode>::decode(&input);
            prop_assert_eq!(interpreter_outcome(&interpreted), generated_outcome(generated));
            if let Ok(root) = &interpreted {
                compare_bound_layers(root, &input, "changed certificate");
            }
        }

        #[test]
        fn changed_sct_list_byte_agrees(index in 0usize..242, byte in any::<u8>()) {
            let all = std::fs::read(data_path("certs/letsencrypt-2018-two-scts.der")).unwrap();
            let mut input = all[1069..1069 + 242].to_vec();
            input[index] = byte;
            let interpreted = interpret(schemas(), "SignedCertificateTimestampList", &input);
            let generated =
                <rfc6962::SignedCertificateTimestampList as tls::Decode>::decode(&input);
            prop_assert_eq!(interpreter_outcome(&interpreted), generated_outcome(generated));
            if let Ok(root) = &interpreted {
                compare_bound_layers(root, &input, "changed SCT list");
            }
        }
    }
}
