//! Binding files: how they load, which fields they decode further, and the diagnostics of
//! a binding that names a type no schema defines.

use rfcodec_interpreter::{Node, Schemas, Value, decode};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/data/");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{DATA}{path}")).unwrap()
}

fn nodes_named(root: &Node, name: &str) -> Vec<Node> {
    let mut found = Vec::new();
    root.walk(&mut |node| {
        if node.name == name {
            found.push(node.clone());
        }
    });
    found
}

#[test]
fn poison_extension_decodes_as_null() {
    let schemas = Schemas::bundled();
    let input = read("precerts/ctgo-TestPreCert.der");
    let root = decode(&schemas, schemas.certificate().unwrap(), &input)
        .root
        .unwrap();
    let layers: Vec<Node> = nodes_named(&root, "extnValue")
        .into_iter()
        .filter_map(|node| node.layer.map(|layer| *layer))
        .collect();
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0].value, Value::Null);
    assert_eq!(layers[0].type_name, "NULL");
}

#[test]
fn non_ecdsa_signature_stays_raw() {
    let schemas = Schemas::bundled();
    let input = read("sct/ctgo-DigitallySigned-md5-dsa.bin");
    let ty = schemas.find_type("DigitallySigned").unwrap();
    let root = decode(&schemas, ty, &input).root.unwrap();
    let signature = root.child("signature").unwrap();
    assert!(signature.layer.is_none());
    assert!(signature.problem.is_none());
    assert_eq!(signature.value, Value::Bytes(b"SiGnAtUrE!".to_vec()));
}

#[test]
fn ecdsa_signature_decodes_r_and_s() {
    let schemas = Schemas::bundled();
    let input = read("sct/ctgo-DigitallySigned-valid.bin");
    let ty = schemas.find_type("DigitallySigned").unwrap();
    let root = decode(&schemas, ty, &input).root.unwrap();
    let layer = root.child("signature").unwrap().layer.as_deref().unwrap();
    assert_eq!(layer.type_name, "ECDSA-Sig-Value");
    assert_eq!(layer.path, "DigitallySigned.signature/ECDSA-Sig-Value");
    assert_eq!(layer.offset, 4);
    assert!(layer.child("r").is_some());
    assert!(layer.child("s").is_some());
}

#[test]
fn unknown_bound_type_reported_with_location() {
    let files = vec![
        ("rfc5246.tls".to_string(), include_str!("../../schemas/rfc5246.tls").to_string()),
        (
            "ct.bind".to_string(),
            "use \"rfc5246.tls\" as tls12;\nbind tls12.DigitallySigned.signature as tls tls12.Nope;\n"
                .to_string(),
        ),
    ];
    let error = Schemas::load(&files).unwrap_err();
    let expected = [
        "ct.bind:2:45: error: type `Nope` is not defined in `rfc5246.tls`",
        "  |",
        "2 | bind tls12.DigitallySigned.signature as tls tls12.Nope;",
        "  |                                             ^^^^^^^^^^",
        "  = help: check the name and load the schema file the alias points to",
    ];
    assert_eq!(error.to_string(), expected.join("\n"));
}
