//! insta snapshots of the resolved IR of the schemas under `schemas/`, starting with RFC
//! 6962, which builds on RFC 5246 through `use`.

use rfcodec_codegen::SourceFile;
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::tls::{self, FsLoader, ir};

/// Compiles `schemas/NAME` from disk, with `use` paths relative to that folder.
fn compile_schema(name: &str) -> ir::Schema {
    let path = format!("{}/../schemas/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    match tls::compile(SourceFile::new(path, text), &mut FsLoader) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{}", render_all(&diagnostics)),
    }
}

#[test]
fn rfc6962_resolves_to_snapshot() {
    let schema = compile_schema("rfc6962.tls");
    // The files' text is left out: the declarations quote what matters.
    insta::assert_debug_snapshot!((&schema.types, &schema.constants, schema.signature_algorithm));
}

#[test]
fn rfc6962_files_are_root_then_used() {
    let schema = compile_schema("rfc6962.tls");
    let names: Vec<&str> = schema
        .files
        .iter()
        .map(|file| file.name.rsplit('/').next().unwrap_or_default())
        .collect();
    assert_eq!(names, ["rfc6962.tls", "rfc5246.tls"]);
}

#[test]
fn rfc8446_schema_compiles() {
    let schema = compile_schema("rfc8446.tls");
    assert_eq!(schema.types.len(), 52);
    let handshake = schema.type_def(schema.find("Handshake").unwrap());
    let ir::TypeBody::Struct(body) = &handshake.body else {
        panic!("Handshake is a struct");
    };
    assert_eq!(
        body.length_links,
        [ir::LengthLink {
            length: ir::FieldPath {
                root: ir::PathRoot::Enclosing { levels_up: 0 },
                fields: vec!["length".to_string()],
            },
            counted: 2,
            kind: ir::LinkKind::Implied,
        }]
    );
}
