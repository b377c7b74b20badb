//! Snapshots of the formatted Rust code generated from every bundled schema, so a change
//! to the emitters shows up as a reviewable diff of the code users get.

use std::path::PathBuf;

use rfcodec_codegen::emit::tls::TlsOptions;
use rfcodec_codegen::generate::generate_files;

fn schema(name: &str) -> PathBuf {
    PathBuf::from("../schemas").join(name)
}

fn generated(names: &[&str]) -> Vec<(String, String)> {
    let paths: Vec<PathBuf> = names.iter().map(|name| schema(name)).collect();
    let files = generate_files(&paths, &TlsOptions::default()).unwrap_or_else(|diagnostics| {
        panic!("{}", rfcodec_codegen::diagnostic::render_all(&diagnostics))
    });
    files
        .into_iter()
        .map(|file| (file.module, file.code))
        .collect()
}

#[test]
fn tls_schemas_generate_stable_code() {
    for (module, code) in generated(&["rfc5246.tls", "rfc6962.tls", "rfc8446.tls"]) {
        insta::assert_snapshot!(format!("tls_{module}"), code);
    }
}

#[test]
fn asn1_schemas_generate_stable_code() {
    let names = [
        "rfc5280-explicit.asn",
        "rfc5280-implicit.asn",
        "rfc3279.asn",
        "rfc6962-oids.asn",
    ];
    for (module, code) in generated(&names) {
        insta::assert_snapshot!(format!("asn1_{module}"), code);
    }
}

#[test]
fn generation_is_deterministic() {
    let first = generated(&[
        "rfc6962.tls",
        "rfc5280-explicit.asn",
        "rfc5280-implicit.asn",
    ]);
    let second = generated(&[
        "rfc6962.tls",
        "rfc5280-explicit.asn",
        "rfc5280-implicit.asn",
    ]);
    assert_eq!(first, second);
}
