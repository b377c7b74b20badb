//! `rfcodec inspect --issuer --log-key`: each embedded SCT is marked with whether its
//! signature verifies over the RFC 6962 signed data.

use std::path::{Path, PathBuf};
use std::process::Command;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(path)
}

/// Runs `inspect --json` with the issuer and log keys and returns each SCT's
/// `signature_valid` in order.
fn signature_verdicts(certificate: &Path, issuer: &str, keys: &[&str]) -> Vec<bool> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rfcodec"));
    command
        .arg("inspect")
        .arg("--json")
        .arg(certificate)
        .arg("--issuer")
        .arg(data(issuer));
    for key in keys {
        command.arg("--log-key").arg(data(key));
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
        .lines()
        .filter_map(|line| line.trim().strip_prefix("\"signature_valid\": "))
        .map(|value| value.trim_end_matches(',') == "true")
        .collect()
}

const LETSENCRYPT_KEYS: [&str; 2] = ["ct/nimbus2018-spki.der", "ct/icarus-spki.der"];

#[test]
fn bundled_certificate_scts_verify() {
    let verdicts = signature_verdicts(
        &data("certs/letsencrypt-2018-two-scts.der"),
        "ct/letsencrypt-authority-x3.der",
        &LETSENCRYPT_KEYS,
    );
    assert_eq!(verdicts, [true, true]);
}

#[test]
fn changed_certificate_byte_fails_both() {
    let mut bytes = std::fs::read(data("certs/letsencrypt-2018-two-scts.der")).unwrap();
    // A byte of the subject's common name "5c9a7f.le-test.hoffman-andrews.com".
    assert_eq!(bytes[169], b'5');
    bytes[169] = b'6';
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join("inspect-signatures");
    std::fs::create_dir_all(&directory).unwrap();
    let changed = directory.join("changed.der");
    std::fs::write(&changed, bytes).unwrap();

    let verdicts = signature_verdicts(
        &changed,
        "ct/letsencrypt-authority-x3.der",
        &LETSENCRYPT_KEYS,
    );
    assert_eq!(verdicts, [false, false]);
}

#[test]
fn go_test_certificates_verify_against_test_log() {
    let key = ["ct/ctcpp-issuers/ct-server-key-public.pem"];
    let valid = signature_verdicts(
        &data("certs/ctgo-TestEmbeddedCert.der"),
        "certs/ctgo-CACert.der",
        &key,
    );
    assert_eq!(valid, [true]);
    let invalid = signature_verdicts(
        &data("certs/ctgo-TestInvalidEmbeddedCert.der"),
        "certs/ctgo-CACert.der",
        &key,
    );
    assert_eq!(invalid, [false]);
}

#[test]
fn cpp_test_certificates_verify_against_their_issuers() {
    let key = ["ct/ctcpp-issuers/ct-server-key-public.pem"];
    let rows = [
        (
            "certs/ctcpp-test-embedded-cert.der",
            "ct/ctcpp-issuers/ca-cert.pem",
            true,
        ),
        (
            "certs/ctcpp-test-embedded-with-intermediate-cert.der",
            "ct/ctcpp-issuers/intermediate-cert.pem",
            true,
        ),
        (
            "certs/ctcpp-test-embedded-with-preca-cert.der",
            "ct/ctcpp-issuers/ca-cert.pem",
            true,
        ),
        (
            "certs/ctcpp-test-invalid-embedded-cert.der",
            "ct/ctcpp-issuers/ca-cert.pem",
            false,
        ),
    ];
    for (certificate, issuer, expected) in rows {
        let verdicts = signature_verdicts(&data(certificate), issuer, &key);
        assert_eq!(verdicts, [expected], "{certificate}");
    }
}
