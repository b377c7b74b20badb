//! Extracts the presentation-language definitions of real RFC texts and checks that
//! each extraction compiles: RFC 5246, RFC 8446, and RFC 6962 on top of RFC 5246.

use rfcodec_codegen::SourceFile;
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::tls::extract::{Extraction, extract};
use rfcodec_codegen::tls::{self, MemoryLoader, ir};

fn rfc_text(name: &str) -> String {
    let path = format!("{}/../tests/data/rfc/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// Compiles `extraction` as `name`, with `loader` serving the files it uses.
fn compile(name: &str, extraction: &Extraction, loader: &mut MemoryLoader) -> ir::Schema {
    let root = SourceFile::new(name, extraction.text.clone());
    match tls::compile(root, loader) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{name} does not check:\n{}", render_all(&diagnostics)),
    }
}

fn report(rfc: &str, extraction: &Extraction, schema: &ir::Schema) {
    println!(
        "{rfc}: {} blocks, {} definitions checked, {} commented out, \
         {} types and {} constants resolved",
        extraction.blocks,
        extraction.definitions,
        extraction.commented,
        schema.types.len(),
        schema.constants.len()
    );
}

#[test]
fn rfc5246_extraction_checks() {
    let extraction = extract(&rfc_text("rfc5246.txt"), &[]);
    let schema = compile("rfc5246.tls", &extraction, &mut MemoryLoader::new());
    report("RFC 5246", &extraction, &schema);

    assert_eq!(extraction.blocks, 60);
    assert_eq!(extraction.definitions, 87);
    assert_eq!(extraction.commented, 74);
    // 37 cipher suites of appendix A.5 and `ProtocolVersion version = { 3, 3 };`.
    assert_eq!(schema.constants.len(), 38);
    assert!(schema.find("SignatureAndHashAlgorithm").is_some());
    assert!(schema.find("ServerKeyExchange").is_some());
}

#[test]
fn rfc8446_extraction_checks() {
    let extraction = extract(&rfc_text("rfc8446.txt"), &[]);
    let schema = compile("rfc8446.tls", &extraction, &mut MemoryLoader::new());
    report("RFC 8446", &extraction, &schema);

    assert_eq!(extraction.blocks, 56);
    assert_eq!(extraction.definitions, 53);
    assert_eq!(extraction.commented, 71);
    assert_eq!(schema.types.len(), 52);
    assert!(schema.find("HkdfLabel").is_some());
}

#[test]
fn rfc6962_extraction_checks_with_rfc5246() {
    let base = extract(&rfc_text("rfc5246.txt"), &[]);
    let extraction = extract(&rfc_text("rfc6962.txt"), &["rfc5246.tls".to_string()]);
    let mut loader = MemoryLoader::new().with_file("rfc5246.tls", base.text.clone());
    let schema = compile("rfc6962.tls", &extraction, &mut loader);
    report("RFC 6962", &extraction, &schema);

    assert_eq!(extraction.blocks, 6);
    assert_eq!(extraction.definitions, 18);
    assert_eq!(extraction.commented, 0);
    assert!(schema.find("SignedCertificateTimestamp").is_some());
    assert!(schema.signature_algorithm.is_some());
}

#[test]
fn rfc6962_extraction_alone_lacks_signature_algorithm() {
    let extraction = extract(&rfc_text("rfc6962.txt"), &[]);
    let root = SourceFile::new("rfc6962.tls", extraction.text);
    let diagnostics = tls::compile(root, &mut MemoryLoader::new()).unwrap_err();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].message,
        "`digitally-signed` needs the type `SignatureAndHashAlgorithm`"
    );
}
