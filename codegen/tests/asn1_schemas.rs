//! The bundled schemas and RFC 5280's Appendix A resolved end to end (X.680 modules as
//! RFCs print them), with snapshots of the resolved IR of both RFC 5280 modules.

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

fn schemas() -> ir::Ir {
    let files: Vec<_> = [
        "schemas/rfc5280-explicit.asn",
        "schemas/rfc5280-implicit.asn",
        "schemas/rfc3279.asn",
        "schemas/rfc6962-oids.asn",
    ]
    .iter()
    .map(|path| workspace_file(path))
    .collect();
    match asn1::check_files(&files) {
        Ok(ir) => ir,
        Err(found) => panic!("{}", rfcodec_codegen::diagnostic::render_all(&found)),
    }
}

fn type_named<'a>(ir: &'a ir::Ir, module: &str, name: &str) -> &'a ir::TypeAssignment {
    let module = ir.module(module).expect("module present");
    module
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("{name} not found"))
}

fn components(ty: &ir::Type) -> &[ir::Component] {
    match &ty.kind {
        ir::TypeKind::Structure { components, .. } => components,
        other => panic!("not a structure: {other:?}"),
    }
}

fn value_named<'a>(ir: &'a ir::Ir, module: &str, name: &str) -> &'a ir::Value {
    let module = ir.module(module).expect("module present");
    &module
        .values
        .iter()
        .find(|v| v.name == name)
        .expect(name)
        .value
}

#[test]
fn schemas_resolve_together() {
    let ir = schemas();
    let names: Vec<&str> = ir.modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "PKIX1Explicit88",
            "PKIX1Implicit88",
            "PKIX1Algorithms88",
            "CertificateTransparency"
        ]
    );
}

#[test]
fn module_oids_resolve_to_arcs() {
    let ir = schemas();
    assert_eq!(ir.modules[0].oid, Some(vec![1, 3, 6, 1, 5, 5, 7, 0, 18]));
    assert_eq!(ir.modules[1].oid, Some(vec![1, 3, 6, 1, 5, 5, 7, 0, 19]));
    assert_eq!(ir.modules[1].tag_default, ir::TagDefault::Implicit);
}

#[test]
fn implicit_module_imports_resolve_into_explicit_module() {
    let ir = schemas();
    let general_name = type_named(&ir, "PKIX1Implicit88", "GeneralName");
    let directory_name = &components(&general_name.ty)[4];
    let ir::TypeKind::Reference { target, name, .. } = &directory_name.ty.kind else {
        panic!("directoryName is not a reference");
    };
    assert_eq!(name, "Name");
    assert_eq!(ir.type_assignment(*target).name, "Name");
    assert_eq!(target.module, 0);
}

#[test]
fn tagged_choice_under_implicit_tags_is_explicit() {
    let ir = schemas();
    let general_name = type_named(&ir, "PKIX1Implicit88", "GeneralName");
    let directory_name = &components(&general_name.ty)[4];
    assert_eq!(directory_name.name, "directoryName");
    assert_eq!(
        directory_name.ty.tags,
        [ir::Tag {
            class: ir::TagClass::ContextSpecific,
            number: 4,
            mode: ir::TagMode::Explicit,
            automatic: false,
        }]
    );
    let rfc822_name = &components(&general_name.ty)[1];
    assert_eq!(rfc822_name.ty.tags[0].mode, ir::TagMode::Implicit);
}

#[test]
fn version_default_resolves_named_number() {
    let ir = schemas();
    let tbs = type_named(&ir, "PKIX1Explicit88", "TBSCertificate");
    let version = &components(&tbs.ty)[0];
    assert_eq!(
        version.presence,
        ir::Presence::Default(ir::Value::Integer(0))
    );
    assert_eq!(
        version.outer_tags,
        ir::OuterTags::One(ir::TagClass::ContextSpecific, 0)
    );
    assert_eq!(version.ty.tags[0].mode, ir::TagMode::Explicit);
    let unique_id = &components(&tbs.ty)[7];
    assert_eq!(unique_id.name, "issuerUniqueID");
    assert_eq!(unique_id.presence, ir::Presence::Optional);
    assert_eq!(unique_id.ty.tags[0].mode, ir::TagMode::Implicit);
}

#[test]
fn underlying_follows_references() {
    let ir = schemas();
    let tbs = type_named(&ir, "PKIX1Explicit88", "TBSCertificate");
    let version = ir.underlying(&components(&tbs.ty)[0].ty);
    let ir::TypeKind::Integer { named_numbers } = &version.kind else {
        panic!("Version is not an INTEGER: {version:?}");
    };
    let names: Vec<&str> = named_numbers.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["v1", "v2", "v3"]);
    assert_eq!(named_numbers[2].rust_name, "V3");
}

#[test]
fn any_defined_by_points_at_component() {
    let ir = schemas();
    let algorithm = type_named(&ir, "PKIX1Explicit88", "AlgorithmIdentifier");
    let parameters = &components(&algorithm.ty)[1];
    assert_eq!(
        parameters.ty.kind,
        ir::TypeKind::Any {
            defined_by: Some(ir::DefinedBy {
                component: "algorithm".to_string(),
                index: 0,
            }),
        }
    );
    assert_eq!(parameters.outer_tags, ir::OuterTags::Open);
}

#[test]
fn local_universal_string_overrides_builtin() {
    let ir = schemas();
    let directory_string = type_named(&ir, "PKIX1Explicit88", "DirectoryString");
    let universal = &components(&directory_string.ty)[2];
    assert_eq!(
        universal.outer_tags,
        ir::OuterTags::One(ir::TagClass::Universal, 28)
    );
    assert!(matches!(universal.ty.kind, ir::TypeKind::Reference { .. }));
}

#[test]
fn oid_values_resolve_through_references() {
    let ir = schemas();
    assert_eq!(
        value_named(&ir, "PKIX1Implicit88", "id-kp-serverAuth"),
        &ir::Value::ObjectIdentifier(vec![1, 3, 6, 1, 5, 5, 7, 3, 1])
    );
    assert_eq!(
        value_named(&ir, "PKIX1Algorithms88", "ecdsa-with-SHA1"),
        &ir::Value::ObjectIdentifier(vec![1, 2, 840, 10045, 4, 1])
    );
    assert_eq!(
        value_named(
            &ir,
            "CertificateTransparency",
            "id-ct-signedCertificateTimestampList"
        ),
        &ir::Value::ObjectIdentifier(vec![1, 3, 6, 1, 4, 1, 11129, 2, 4, 2])
    );
    assert_eq!(
        value_named(&ir, "CertificateTransparency", "id-ct-precertificatePoison"),
        &ir::Value::ObjectIdentifier(vec![1, 3, 6, 1, 4, 1, 11129, 2, 4, 3])
    );
}

#[test]
fn ecdsa_signature_value_has_two_integers() {
    let ir = schemas();
    let signature = type_named(&ir, "PKIX1Algorithms88", "ECDSA-Sig-Value");
    assert_eq!(signature.rust_name, "EcdsaSigValue");
    let names: Vec<&str> = components(&signature.ty)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["r", "s"]);
    assert!(
        signature
            .definition
            .starts_with("ECDSA-Sig-Value ::= SEQUENCE {")
    );
}

#[test]
fn explicit_module_snapshot() {
    let ir = schemas();
    insta::assert_snapshot!("rfc5280_explicit", ir.modules[0].to_string());
}

#[test]
fn implicit_module_snapshot() {
    let ir = schemas();
    insta::assert_snapshot!("rfc5280_implicit", ir.modules[1].to_string());
}

#[test]
fn tbs_certificate_debug_snapshot() {
    let ir = schemas();
    let tbs = type_named(&ir, "PKIX1Explicit88", "TBSCertificate");
    insta::assert_debug_snapshot!("rfc5280_tbs_certificate_debug", tbs);
}
