//! Wycheproof's ECDSA P-256 / SHA-256 vectors (C2SP/wycheproof, testvectors_v1) decoded as
//! RFC 3279 Ecdsa-Sig-Value. Every signature whose flags mark a BER or DER encoding fault
//! must be rejected. Every other one must decode and re-encode byte for byte, unless it
//! is well-formed DER of another shape, as in Wycheproof's `ModifiedSignature` cases that
//! swap tags or add elements. Those must be rejected as not an Ecdsa-Sig-Value.

mod common;

use common::{EcdsaSigValue, data};
use rfcodec::der::{BitString, Decode, Encode, Integer, Null, ObjectIdentifier, Reader, Tag};
use rfcodec::{ErrorKind, Result};

/// Flags that Wycheproof sets on signatures whose encoding is not DER. `MissingZero` is
/// not among them: a missing leading zero makes a valid negative INTEGER, which DER
/// accepts and signature verification rejects.
const ENCODING_FAULTS: [&str; 3] = [
    "InvalidEncoding",
    "BerEncodedSignature",
    "InvalidTypesInSignature",
];

/// Checks that `reader` contains a run of well-formed DER TLVs, descending into constructed
/// ones and checking the content of the universal types that stand in for r and s.
fn check_well_formed(reader: &mut Reader<'_>) -> Result<()> {
    while !reader.is_empty() {
        let mut element = reader.clone();
        let any = reader.read_any()?;
        if any.tag().is_constructed() {
            check_well_formed(&mut element.read_tlv(any.tag())?)?;
            continue;
        }
        match any.tag() {
            Tag::INTEGER => Integer::decode_from(&mut element).map(drop)?,
            Tag::BOOLEAN => bool::decode_from(&mut element).map(drop)?,
            Tag::NULL => Null::decode_from(&mut element).map(drop)?,
            Tag::BIT_STRING => BitString::decode_from(&mut element).map(drop)?,
            Tag::OBJECT_IDENTIFIER => ObjectIdentifier::decode_from(&mut element).map(drop)?,
            _ => {}
        }
    }
    Ok(())
}

/// Returns whether `kind` means the bytes are DER but not shaped as SEQUENCE { INTEGER, INTEGER }.
fn is_shape_error(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::UnexpectedTag { .. }
            | ErrorKind::TrailingData { .. }
            | ErrorKind::Truncated { .. }
    )
}

#[test]
fn ecdsa_signatures_decode_unless_encoding_is_faulty() {
    let json: serde_json::Value =
        serde_json::from_slice(&data("wycheproof/ecdsa_secp256r1_sha256_test.json")).unwrap();
    let mut faults_rejected = 0;
    let mut unflagged_faults = Vec::new();
    let mut decoded = 0;
    let mut other_shapes_rejected = 0;
    let mut failures = Vec::new();

    for group in json["testGroups"].as_array().unwrap() {
        for test in group["tests"].as_array().unwrap() {
            let id = test["tcId"].as_u64().unwrap();
            let signature = hex::decode(test["sig"].as_str().unwrap()).unwrap();
            let flagged = test["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|flag| ENCODING_FAULTS.contains(&flag.as_str().unwrap()));
            let well_formed = check_well_formed(&mut Reader::new(&signature)).is_ok();

            match EcdsaSigValue::decode(&signature) {
                Err(_) if flagged => faults_rejected += 1,
                Err(_) if !well_formed => unflagged_faults.push(id),
                Err(error) if is_shape_error(error.kind()) => other_shapes_rejected += 1,
                Err(error) => failures.push(format!("tcId {id}: rejected: {error}")),
                Ok(_) if flagged || !well_formed => {
                    failures.push(format!("tcId {id}: faulty encoding accepted"));
                }
                Ok(value) => {
                    if value.encode().unwrap() != signature {
                        failures.push(format!("tcId {id}: re-encoding differs"));
                    }
                    decoded += 1;
                }
            }
        }
    }

    println!("encoding faults (flags {ENCODING_FAULTS:?}) rejected: {faults_rejected}");
    println!(
        "encoding faults without those flags rejected: {} (tcId {unflagged_faults:?})",
        unflagged_faults.len()
    );
    println!("signatures decoded and re-encoded byte-identical: {decoded}");
    println!("well-formed DER of another shape rejected: {other_shapes_rejected}");
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(
        faults_rejected + unflagged_faults.len() + decoded + other_shapes_rejected,
        json["numberOfTests"].as_u64().unwrap() as usize
    );
}
