//! The `rfcodec check` and `rfcodec extract` commands on ASN.1 modules (X.680), run as
//! the built binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rfcodec(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rfcodec"))
        .args(args)
        .current_dir(workspace())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rfcodec starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(stdin.unwrap_or_default().as_bytes())
        .expect("stdin accepts the text");
    drop(input);
    child.wait_with_output().expect("rfcodec finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes a file under the test's temporary folder and returns its path.
fn temporary(name: &str, contents: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, contents).expect("temporary file is written");
    path
}

#[test]
fn check_accepts_bundled_schemas() {
    let output = rfcodec(
        &[
            "check",
            "schemas/rfc5280-explicit.asn",
            "schemas/rfc5280-implicit.asn",
            "schemas/rfc3279.asn",
            "schemas/rfc6962-oids.asn",
        ],
        None,
    );
    assert_eq!(text(&output.stderr), "");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn check_reports_unknown_reference_location() {
    let path = temporary(
        "unknown-reference.asn",
        "M DEFINITIONS ::= BEGIN\nA ::= SEQUENCE {\n    a INTEGER,\n    b Missing\n}\nEND\n",
    );
    let output = rfcodec(&["check", path.to_str().expect("UTF-8 path")], None);
    let expected = format!(
        "{}:4:7: error: unknown type `Missing`\n  |\n4 |     b Missing\n  |       ^^^^^^^\n  \
         = help: define `Missing` in this module or import it from the module that defines it\n",
        path.display()
    );
    assert_eq!(text(&output.stderr), expected);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn check_needs_imported_module() {
    let output = rfcodec(&["check", "schemas/rfc5280-implicit.asn"], None);
    let stderr = text(&output.stderr);
    assert!(stderr.starts_with(
        "schemas/rfc5280-implicit.asn:19:12: error: unknown module `PKIX1Explicit88`\n"
    ));
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn extract_prints_rfc5280_modules() {
    let output = rfcodec(&["extract", "tests/data/rfc/rfc5280.txt"], None);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.starts_with("PKIX1Explicit88 { iso(1) identified-organization(3)"));
    assert!(stdout.contains("\nPKIX1Implicit88 { iso(1) identified-organization(3)"));
    assert!(stdout.ends_with("\nEND\n"));
    assert!(!stdout.contains("[Page "));
}

#[test]
fn extract_output_checks_from_stdin() {
    let extracted = rfcodec(&["extract", "tests/data/rfc/rfc5280.txt"], None);
    let checked = rfcodec(&["check", "-"], Some(&text(&extracted.stdout)));
    assert_eq!(text(&checked.stderr), "");
    assert_eq!(checked.status.code(), Some(0));
}

#[test]
fn extract_without_modules_fails() {
    let output = rfcodec(
        &[
            "extract",
            "--notation",
            "asn1",
            "tests/data/rfc/rfc6962.txt",
        ],
        None,
    );
    assert_eq!(
        text(&output.stderr),
        "error: tests/data/rfc/rfc6962.txt: no ASN.1 module found\n"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn check_rejects_unknown_notation() {
    let output = rfcodec(&["check", "tests/data/rfc/rfc5280.txt"], None);
    assert_eq!(
        text(&output.stderr),
        "tests/data/rfc/rfc5280.txt: error: unknown schema notation\n  = help: name TLS \
         presentation language files `*.tls` and ASN.1 modules `*.asn`\n"
    );
    assert_eq!(output.status.code(), Some(2));
}
