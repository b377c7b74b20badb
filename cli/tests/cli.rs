//! Runs the built `rfcodec` binary: `check` on the bundled schemas, on broken schemas and
//! on standard input, and `extract` followed by `check` on real RFC texts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BINARY: &str = env!("CARGO_BIN_EXE_rfcodec");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Creates a fresh directory under the system temporary directory, unique to this test.
fn scratch(test: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("rfcodec-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("create scratch directory");
    directory
}

fn run(directory: &Path, args: &[&str]) -> Output {
    Command::new(BINARY)
        .args(args)
        .current_dir(directory)
        .output()
        .expect("run rfcodec")
}

fn run_with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BINARY)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run rfcodec");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait for rfcodec")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_accepts_bundled_schemas() {
    let output = run(
        &workspace(),
        &[
            "check",
            "schemas/rfc5246.tls",
            "schemas/rfc6962.tls",
            "schemas/rfc8446.tls",
        ],
    );
    assert_eq!(stderr(&output), "");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn check_reports_undefined_type_with_position() {
    let directory = scratch("undefined");
    let schema = "struct {\n    opaque key_id[32];\n} LogID;\n\nstruct {\n    LogId id;\n} Sct;\n";
    std::fs::write(directory.join("ct.tls"), schema).expect("write schema");

    let output = run(&directory, &["check", "ct.tls"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "ct.tls:6:5: error: unknown type `LogId`\n  |\n6 |     LogId id;\n  |     ^^^^^\n  \
         = help: define `LogId` or `use` the file that defines it\n"
    );
}

#[test]
fn check_reads_standard_input() {
    let valid = run_with_stdin(&["check", "-"], "opaque Random[32];\n");
    assert_eq!(valid.status.code(), Some(0));

    let invalid = run_with_stdin(&["check", "-"], "opaque Random<32..1>;\n");
    assert_eq!(invalid.status.code(), Some(1));
    assert!(
        stderr(&invalid).starts_with("-:1:14: error: vector floor 32 is above its ceiling 1\n"),
        "{}",
        stderr(&invalid)
    );
}

#[test]
fn check_rejects_unknown_extension() {
    let directory = scratch("extension");
    std::fs::write(directory.join("schema.txt"), "opaque Random[32];\n").expect("write schema");

    let output = run(&directory, &["check", "schema.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "schema.txt: error: unknown schema notation\n  = help: name TLS presentation \
         language files `*.tls` and ASN.1 modules `*.asn`\n"
    );
}

/// Extracts `rfc` into `directory` as `name`, checks it, and returns the number of
/// blocks, definitions and commented definitions in the output.
fn extract_and_check(
    directory: &Path,
    rfc: &str,
    name: &str,
    uses: &[&str],
) -> (usize, usize, usize) {
    let rfc_path = workspace().join("tests/data/rfc").join(rfc);
    let mut args = vec!["extract".to_string()];
    for used in uses {
        args.push(format!("--use={used}"));
    }
    args.push(rfc_path.to_string_lossy().into_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let extracted = run(directory, &args);
    assert_eq!(extracted.status.code(), Some(0), "{}", stderr(&extracted));
    let text = String::from_utf8(extracted.stdout).expect("extraction is UTF-8");
    std::fs::write(directory.join(name), &text).expect("write extraction");

    let checked = run(directory, &["check", name]);
    assert_eq!(stderr(&checked), "", "{name} does not check");
    assert_eq!(checked.status.code(), Some(0));

    // The first line reads "// Extracted from RFC N by `rfcodec extract`: B blocks, D
    // definitions, C commented out."
    let summary = text.lines().next().expect("summary line");
    let numbers: Vec<usize> = summary
        .split([' ', ':'])
        .filter_map(|word| word.parse().ok())
        .collect();
    let [_, blocks, definitions, commented] = numbers[..] else {
        panic!("unexpected summary line: {summary}");
    };
    let headings = text
        .lines()
        .filter(|line| line.starts_with("/* RFC "))
        .count();
    assert_eq!(headings, blocks);
    (blocks, definitions, commented)
}

#[test]
fn extract_then_check_succeeds_on_rfcs() {
    let directory = scratch("extract");
    let counts = [
        (
            "RFC 5246",
            extract_and_check(&directory, "rfc5246.txt", "rfc5246.tls", &[]),
        ),
        (
            "RFC 8446",
            extract_and_check(&directory, "rfc8446.txt", "rfc8446.tls", &[]),
        ),
        (
            "RFC 6962",
            extract_and_check(&directory, "rfc6962.txt", "rfc6962.tls", &["rfc5246.tls"]),
        ),
    ];
    for (rfc, (blocks, definitions, commented)) in counts {
        println!(
            "{rfc}: {blocks} blocks found, {definitions} definitions checked, {commented} \
             commented out"
        );
    }
    assert_eq!(counts[0].1, (60, 87, 74));
    assert_eq!(counts[1].1, (56, 53, 71));
    assert_eq!(counts[2].1, (6, 18, 0));
}
