//! JSON form of a value tree: structs as objects keyed by schema field names, integers as
//! numbers (hex strings past 64 bits), enums by name, OIDs dotted, opaque data as
//! lowercase hex. A bound field shows the value its bytes decode to.

use serde_json::{Map, Value as Json, json};

use crate::text::{dotted, hex, integer_hex, small_integer};
use crate::tree::{Annotation, Decoded, Node, Problem, Value};

/// Returns the tree of `decoded` as JSON; an outermost failure becomes `{"error": ...}`.
pub fn to_json(decoded: &Decoded) -> Json {
    match &decoded.root {
        Ok(root) => node_json(root),
        Err(problem) => json!({ "error": problem_json(problem) }),
    }
}

fn node_json(node: &Node) -> Json {
    if let Some(problem) = &node.problem {
        return json!({ "error": problem_json(problem), "bytes": own_json(node) });
    }
    // NOTE: a bound field shows only its decoded layer, so the JSON lacks the field's raw
    // bytes; the text dump shows both.
    if let Some(layer) = &node.layer {
        return node_json(layer);
    }
    own_json(node)
}

fn own_json(node: &Node) -> Json {
    match &node.value {
        Value::Struct(children) => {
            let mut object = Map::new();
            for child in children {
                object.insert(child.name.clone(), node_json(child));
            }
            for (key, annotation) in &node.annotations {
                let value = match annotation {
                    Annotation::Bool(flag) => Json::Bool(*flag),
                    Annotation::Text(text) => Json::String(text.clone()),
                };
                object.insert(key.clone(), value);
            }
            Json::Object(object)
        }
        Value::List(children) => Json::Array(children.iter().map(node_json).collect()),
        Value::Choice(inner) => {
            let mut object = Map::new();
            object.insert(inner.name.clone(), node_json(inner));
            Json::Object(object)
        }
        Value::Uint(number) => json!(number),
        Value::Integer(bytes) => match small_integer(bytes) {
            Some(number) => json!(number),
            None => Json::String(integer_hex(bytes)),
        },
        Value::Enum { name, number } => match name {
            Some(name) => Json::String(name.clone()),
            None => json!(i64::try_from(*number).unwrap_or(i64::MAX)),
        },
        Value::Boolean(flag) => Json::Bool(*flag),
        Value::Null | Value::Absent => Json::Null,
        Value::ObjectIdentifier { arcs, .. } => Json::String(dotted(arcs)),
        Value::Bytes(bytes) => Json::String(hex(bytes)),
        Value::BitString { bytes, .. } => Json::String(hex(bytes)),
        Value::Text(text) | Value::Time(text) => Json::String(text.clone()),
    }
}

fn problem_json(problem: &Problem) -> Json {
    json!({
        "kind": problem.kind_name(),
        "offset": problem.offset,
        "path": problem.path,
        "message": problem.to_string(),
    })
}
