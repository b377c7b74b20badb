//! `rfcodec generate` prints code that compiles in a fresh crate depending only on the
//! `rfcodec` runtime.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Generates code from `schemas` into a new crate named `name` and runs `cargo check` on
/// it, sharing one target folder between the crates so the runtime compiles once.
fn generate_and_check(name: &str, schemas: &[&str]) {
    let root = workspace();
    let directory = root.join("target/generated-crates").join(name);
    std::fs::create_dir_all(directory.join("src")).unwrap();

    let generated = Command::new(env!("CARGO_BIN_EXE_rfcodec"))
        .current_dir(&root)
        .arg("generate")
        .args(schemas)
        .arg("-o")
        .arg(directory.join("src/lib.rs"))
        .output()
        .unwrap();
    assert_eq!(
        generated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );

    let runtime = root.join("runtime").canonicalize().unwrap();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nrfcodec = {{ path = {:?} }}\n\n[workspace]\n",
        runtime.display().to_string()
    );
    std::fs::write(directory.join("Cargo.toml"), manifest).unwrap();
    let checked = Command::new(env!("CARGO"))
        .current_dir(&directory)
        .args(["check", "--quiet", "--offline"])
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/generated-crates/target"),
        )
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{name} does not compile:\n{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn generated_schemas_compile_in_fresh_crates() {
    generate_and_check("ct_tls", &["schemas/rfc5246.tls", "schemas/rfc6962.tls"]);
    generate_and_check("tls13", &["schemas/rfc8446.tls"]);
    generate_and_check(
        "pkix",
        &[
            "schemas/rfc5280-explicit.asn",
            "schemas/rfc5280-implicit.asn",
        ],
    );
}
