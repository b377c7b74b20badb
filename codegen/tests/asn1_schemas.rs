//! The bundled schemas and RFC 5280's Appendix A resolved end to end (X.680 modules
//! as RFCs print them), with snapshots of the resolved IR.

use std::path::PathBuf;
use std::sync::Arc;

use rfcodec_codegen::SourceFile;
use rfcodec_codegen::asn1::{self, ir};

fn workspace_file(relative: &str) -> Arc<SourceFile> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    SourceFile::new(relative, text)
}

fn schemas() -> Vec<Arc<SourceFile>> {
    [
        "schemas/rfc5280-explicit.asn",
        "schemas/rfc5280-implicit.asn",
        "schemas/rfc3279.asn",
        "schemas/rfc6962.asn",
    ]
    .iter()
    .map(|path| workspace_file(path))
    .collect()
}

#[test]
fn dump() {
    let ir = asn1::check_files(&schemas()).unwrap();
    print!("{}", ir.modules[0]);
    print!("{}", ir.modules[1]);
    let _ = ir::TagMode::Explicit;
}
