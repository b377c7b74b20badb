//! Runs `rfcodec inspect` on the bundled certificate, on every test certificate, on
//! certificates broken on purpose, on PEM and hex input, and with schemas given by hand.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BINARY: &str = env!("CARGO_BIN_EXE_rfcodec");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn inspect(args: &[&str]) -> Output {
    Command::new(BINARY)
        .arg("inspect")
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("run rfcodec")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Counts the JSON objects that hold an `sct_version` key: one per decoded SCT.
fn count_scts(json: &Value) -> usize {
    match json {
        Value::Object(object) => {
            let own = usize::from(object.contains_key("sct_version"));
            own + object.values().map(count_scts).sum::<usize>()
        }
        Value::Array(items) => items.iter().map(count_scts).sum(),
        _ => 0,
    }
}

#[test]
fn bundled_certificate_shows_both_scts() {
    let output = inspect(&[]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for expected in [
        "key_id: opaque db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64",
        "key_id: opaque 293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478",
        "timestamp: 1522349107993 (2018-03-29T18:45:07.993Z)",
        "timestamp: 1522349108010 (2018-03-29T18:45:08.010Z)",
        "r: 0x7e1fcd1e9a2bd2a50a0c81e713033a0762340da8f91ef27a48b3817640159cd3",
        "s: 0x659fe9f1d880e2e8f6b325be9f18956d17c6ca8a6f2b12cb0f55fb70f759a419",
        "r: 0xab72f1e4d6223ef87fc68491c208d29d4d57ebf47588bb7544d32f9537e2cec1",
        "s: 0x8affc40cc6c4e3b24578dade4f815ecbce2d57a579342119a1e65bc7e5e69ce2",
        "extnID: 1.3.6.1.4.1.11129.2.4.2 (id-ct-signedCertificateTimestampList)",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
    assert_eq!(text.matches("hash: sha256 (4)").count(), 2);
    assert_eq!(text.matches("signature: ecdsa (3)").count(), 2);
    assert_eq!(text.matches("=> der ECDSA-Sig-Value").count(), 2);
}

#[test]
fn bundled_certificate_line_layout() {
    let text = stdout(&inspect(&[]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "offset  tag/prefix      length  field: value");
    assert_eq!(
        lines[1],
        "     0  30 82 06 2f      1583  Certificate: Certificate"
    );
    assert_eq!(
        lines[3],
        "     8  a0 03 02 01         1      version: v3 (2)"
    );
    assert_eq!(
        lines[12],
        "    59  13 02               2            value: AttributeValue \"US\""
    );
    let list = lines
        .iter()
        .find(|line| line.contains("sct_list"))
        .expect("an sct_list line");
    assert_eq!(
        *list,
        "  1069  00 f0             240                sct_list: vector, 2 elements"
    );
}

#[test]
fn json_has_sct_fields_by_schema_name() {
    let output = inspect(&["--json"]);
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let extensions = json["tbsCertificate"]["extensions"].as_array().unwrap();
    let scts = extensions[8]["extnValue"]["sct_list"].as_array().unwrap();
    assert_eq!(scts.len(), 2);
    assert_eq!(scts[0]["sct_version"], "v1");
    assert_eq!(scts[0]["timestamp"], 1_522_349_107_993_u64);
    assert_eq!(
        scts[1]["id"]["key_id"],
        "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478"
    );
    assert_eq!(scts[1]["signature"]["algorithm"]["hash"], "sha256");
    assert_eq!(
        scts[1]["signature"]["signature"]["r"],
        "ab72f1e4d6223ef87fc68491c208d29d4d57ebf47588bb7544d32f9537e2cec1"
    );
    assert_eq!(json["tbsCertificate"]["version"], "v3");
}

/// SCT counts that `openssl x509 -text` reports, from `tests/data/README.md`.
const SCT_COUNTS: &[(&str, usize)] = &[
    ("ctcpp-test-embedded-cert.der", 1),
    ("ctcpp-test-embedded-with-intermediate-cert.der", 1),
    ("ctcpp-test-embedded-with-preca-cert.der", 1),
    ("ctcpp-test-invalid-embedded-cert.der", 1),
    ("ctgo-CACert.der", 0),
    ("ctgo-TestCert-noSCT.der", 0),
    ("ctgo-TestEmbeddedCert.der", 1),
    ("ctgo-TestInvalidEmbeddedCert.der", 1),
    ("ctgo-x509-certWithSCTList.der", 3),
    ("letsencrypt-2018-two-scts.der", 2),
    ("limbo-akamai.com.der", 3),
    ("limbo-apple.com.der", 4),
    ("limbo-aws.amazon.com.der", 3),
    ("limbo-bing.com.der", 3),
    ("limbo-cloudflare.com.der", 2),
    ("limbo-cryptography.io-2023.der", 2),
    ("limbo-facebook.com.der", 3),
    ("pyca-badssl-invalid-expected-sct.der", 1),
    ("pyca-cryptography.io-2018.der", 2),
    ("sctrs-google-cert.der", 0),
    ("zlint-cloudflare-ecdsa-2019.der", 2),
    ("zlint-ct3mo1SCTs.der", 1),
    ("zlint-empty_sct_list_ko_01.der", 0),
];

/// Files whose SCT layers are malformed on purpose: inspect reports them with status 1.
const BROKEN: &[&str] = &["zlint-ct3mo1SCTs.der", "zlint-empty_sct_list_ko_01.der"];

#[test]
fn json_sct_count_matches_openssl_for_every_certificate() {
    let listed = std::fs::read_dir(workspace().join("tests/data/certs"))
        .unwrap()
        .count();
    assert_eq!(
        listed,
        SCT_COUNTS.len(),
        "a certificate has no expected count"
    );
    for (file, expected) in SCT_COUNTS {
        let path = format!("tests/data/certs/{file}");
        let output = inspect(&["--json", &path]);
        let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
        assert_eq!(count_scts(&json), *expected, "{file}");
        let status = if BROKEN.contains(file) { 1 } else { 0 };
        assert_eq!(
            output.status.code(),
            Some(status),
            "{file}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn empty_sct_list_reported_at_its_offset() {
    let output = inspect(&["tests/data/certs/zlint-empty_sct_list_ko_01.der"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: Certificate.tbsCertificate.extensions[8].extnValue/OCTET STRING/\
         SignedCertificateTimestampList.sct_list: length 0 is outside <1..65535> at offset 912 \
         (LengthOutOfRange)\n"
    );
    let text = stdout(&output);
    assert!(
        text.contains("error: Certificate.tbsCertificate.extensions[8]"),
        "{text}"
    );
    assert!(
        text.contains("signatureAlgorithm: AlgorithmIdentifier"),
        "{text}"
    );
}

#[test]
fn non_der_ecdsa_signature_reported_at_its_node() {
    let output = inspect(&["--json", "tests/data/certs/zlint-ct3mo1SCTs.der"]);
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let extensions = json["tbsCertificate"]["extensions"].as_array().unwrap();
    let sct = &extensions[4]["extnValue"]["sct_list"][0];
    assert_eq!(sct["sct_version"], "v1");
    let error = &sct["signature"]["signature"]["error"];
    // The 32 random bytes start with 0xf3, not the SEQUENCE tag 0x30.
    assert_eq!(error["kind"], "UnexpectedTag");
    assert_eq!(error["offset"], 398);
    assert_eq!(
        error["path"],
        "Certificate.tbsCertificate.extensions[4].extnValue/OCTET STRING/\
         SignedCertificateTimestampList.sct_list[0]/SignedCertificateTimestamp.signature.\
         signature/ECDSA-Sig-Value"
    );
    assert_eq!(
        sct["signature"]["signature"]["bytes"],
        "f3868f1fa202b23b820d82cd7a392497eb2ae0da0e977985668aaff9d2377ba7"
    );
}

#[test]
fn pem_and_hex_input_match_der() {
    let directory = std::env::temp_dir().join(format!("rfcodec-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let der =
        std::fs::read(workspace().join("tests/data/certs/letsencrypt-2018-two-scts.der")).unwrap();
    let expected = stdout(&inspect(&["--json"]));

    let hex_path = directory.join("cert.hex");
    std::fs::write(&hex_path, hex::encode(&der)).unwrap();
    let from_hex = inspect(&["--json", hex_path.to_str().unwrap()]);
    assert_eq!(stdout(&from_hex), expected);

    let pem =
        std::fs::read_to_string(workspace().join("tests/data/sct/ctgo-test-cert.pem")).unwrap();
    let pem_path = directory.join("cert.pem");
    std::fs::write(&pem_path, &pem).unwrap();
    let from_pem = inspect(&[pem_path.to_str().unwrap()]);
    assert_eq!(from_pem.status.code(), Some(0), "{}", stderr(&from_pem));
    assert!(stdout(&from_pem).contains("tbsCertificate: TBSCertificate"));
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn sct_list_type_with_bundled_schemas() {
    let output = inspect(&[
        "--type",
        "SignedCertificateTimestampList",
        "tests/data/sct/ctcpp-derived-SCTList-multi-hello.tls",
    ]);
    assert_eq!(output.status.code(), Some(1));
    // "hello" is no SCT; the second element is, but its 9-byte signature is no DER.
    assert_eq!(
        stderr(&output),
        "error: SignedCertificateTimestampList.sct_list[0]/SignedCertificateTimestamp.\
         sct_version: unknown enumerated value 104 at offset 4 (UnknownEnumValue)\n\
         error: SignedCertificateTimestampList.sct_list[1]/SignedCertificateTimestamp.\
         signature.signature/ECDSA-Sig-Value: expected tag SEQUENCE, found [APPLICATION 19] \
         (constructed) at offset 58 (UnexpectedTag)\n"
    );
    assert_eq!(
        stdout(&output)
            .matches("=> tls SignedCertificateTimestamp")
            .count(),
        1
    );
}

#[test]
fn schema_files_replace_bundled_ones() {
    let output = inspect(&[
        "--schema",
        "schemas/rfc6962.tls",
        "--type",
        "SignedCertificateTimestampList",
        "--json",
        "tests/data/sct/chromium-SCTList-abc-def.tls",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(json["sct_list"], serde_json::json!(["616263", "646566"]));
}

#[test]
fn unknown_type_is_a_usage_error() {
    let output = inspect(&["--type", "NoSuchType"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: type `NoSuchType` is not defined in the loaded schemas; check its spelling\n"
    );
}
