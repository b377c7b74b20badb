//! Bound layers: after a node is decoded, the bindings about its type decode the bytes of
//! the node or of one of its fields as another schema's type. A layer that fails is kept
//! as a problem on the node that contains its bytes.

use std::cell::Cell;

use rfcodec::{DecodeOptions, Error, ErrorKind, der, tls};
use rfcodec_codegen::asn1::ir::{Type, TypeKind};
use rfcodec_codegen::bind::ConditionValue;

use crate::der::DerDecoder;
use crate::schemas::{ResolvedLayer, Schemas, TypeRef};
use crate::tls::TlsDecoder;
use crate::tree::{AtPath, Decoded, Node, Problem, Value};

/// How many bound layers may nest: bindings may name each other, and each layer restarts
/// the runtime's depth limit.
const MAX_LAYERS: u32 = 8;

pub(crate) struct Context<'s> {
    pub schemas: &'s Schemas,
    /// The top-level input: nodes give absolute offsets into it.
    input: &'s [u8],
    layers: Cell<u32>,
}

pub(crate) fn decode_root(schemas: &Schemas, ty: TypeRef, input: &[u8]) -> Decoded {
    let context = Context {
        schemas,
        input,
        layers: Cell::new(0),
    };
    let name = schemas.type_name(ty).to_string();
    Decoded {
        root: context.decode_type(ty, input, DecodeOptions::default(), &name, &name),
    }
}

impl Context<'_> {
    /// Decodes all of `bytes` as `ty`; `options.base_offset` places them in the input.
    fn decode_type(
        &self,
        ty: TypeRef,
        bytes: &[u8],
        options: DecodeOptions,
        name: &str,
        path: &str,
    ) -> Result<Node, Problem> {
        match ty {
            TypeRef::Tls { schema, id } => {
                let mut reader = tls::Reader::with_options(bytes, options);
                let node =
                    TlsDecoder::new(self, schema).decode_type(&mut reader, id, name, path)?;
                reader.finish().at(path)?;
                Ok(node)
            }
            TypeRef::Der(id) => {
                let mut reader = der::Reader::with_options(bytes, options);
                let node =
                    DerDecoder::new(self).decode_assignment(&mut reader, id, name, path, None)?;
                reader.finish().at(path)?;
                Ok(node)
            }
        }
    }

    /// Applies the bindings about type `ty` to `node`, a value of that type.
    pub fn apply_bindings(&self, ty: TypeRef, node: &mut Node) {
        let key = self.schemas.key(ty);
        for binding in self.schemas.bindings_of(&key) {
            if let Some((path, expected)) = &binding.condition {
                let holds = find(node, path).is_some_and(|found| matches(&found.value, expected));
                if !holds {
                    continue;
                }
            }
            let Some(target) = find_mut(node, &binding.fields) else {
                continue;
            };
            if target.layer.is_some() || target.problem.is_some() {
                continue;
            }
            match self.decode_layer(&binding.layer, target) {
                Ok(layer) => target.layer = Some(Box::new(layer)),
                Err(problem) => target.problem = Some(problem),
            }
        }
    }

    /// Decodes the content bytes of `holder` as `layer`.
    fn decode_layer(&self, layer: &ResolvedLayer, holder: &Node) -> Result<Node, Problem> {
        let start = holder.offset + holder.header_len;
        let bytes = self
            .input
            .get(start..start + holder.content_len)
            .unwrap_or(&[]);
        let options = DecodeOptions::default().with_base_offset(start);
        let depth = self.layers.get();
        if depth >= MAX_LAYERS {
            let error = Error::new(ErrorKind::DepthLimitExceeded { limit: MAX_LAYERS }, start);
            return Err(Problem::decode(error, &holder.path));
        }
        self.layers.set(depth + 1);
        let result = self.decode_layer_bytes(layer, bytes, options, holder);
        self.layers.set(depth);
        result
    }

    fn decode_layer_bytes(
        &self,
        layer: &ResolvedLayer,
        bytes: &[u8],
        options: DecodeOptions,
        holder: &Node,
    ) -> Result<Node, Problem> {
        match layer {
            ResolvedLayer::Type(ty) => {
                let name = self.schemas.type_name(*ty).to_string();
                let path = format!("{}/{name}", holder.path);
                self.decode_type(*ty, bytes, options, &name, &path)
            }
            ResolvedLayer::DerNull => {
                self.decode_builtin(TypeKind::Null, "NULL", bytes, options, holder)
            }
            ResolvedLayer::DerOctetString(inner) => {
                let mut node = self.decode_builtin(
                    TypeKind::OctetString,
                    "OCTET STRING",
                    bytes,
                    options,
                    holder,
                )?;
                match self.decode_layer(inner, &node) {
                    Ok(layer) => node.layer = Some(Box::new(layer)),
                    Err(problem) => node.problem = Some(problem),
                }
                Ok(node)
            }
        }
    }

    fn decode_builtin(
        &self,
        kind: TypeKind,
        name: &str,
        bytes: &[u8],
        options: DecodeOptions,
        holder: &Node,
    ) -> Result<Node, Problem> {
        let path = format!("{}/{name}", holder.path);
        let ty = Type {
            tags: Vec::new(),
            kind,
            constraints: Vec::new(),
        };
        let mut reader = der::Reader::with_options(bytes, options);
        let node = DerDecoder::new(self).decode_tagged(&mut reader, &[], &ty, name, &path, None)?;
        reader.finish().at(&path)?;
        Ok(node)
    }
}

/// Follows field names down from `node`, through CHOICE alternatives and select cases.
fn find<'n>(node: &'n Node, path: &[String]) -> Option<&'n Node> {
    let mut current = node;
    for name in path {
        current = step(current, name)?;
    }
    Some(current)
}

fn step<'n>(node: &'n Node, name: &str) -> Option<&'n Node> {
    match &node.value {
        Value::Choice(inner) if inner.name != name => step(inner, name),
        _ => node.child(name),
    }
}

fn find_mut<'n>(node: &'n mut Node, path: &[String]) -> Option<&'n mut Node> {
    let Some((first, rest)) = path.split_first() else {
        return Some(node);
    };
    let child = match &mut node.value {
        Value::Struct(children) => children.iter_mut().find(|child| &child.name == first)?,
        _ => return None,
    };
    find_mut(child, rest)
}

/// Tells whether a decoded value is the one a binding's condition names.
fn matches(value: &Value, expected: &ConditionValue) -> bool {
    match (value, expected) {
        (Value::ObjectIdentifier { arcs, .. }, ConditionValue::ObjectIdentifier(wanted)) => {
            arcs.len() == wanted.len()
                && arcs
                    .iter()
                    .zip(wanted)
                    .all(|(arc, wanted)| *arc == u128::from(*wanted))
        }
        (Value::ObjectIdentifier { name, .. }, ConditionValue::Name(wanted)) => {
            name.as_ref() == Some(wanted)
        }
        (Value::Enum { name, .. }, ConditionValue::Name(wanted)) => name.as_ref() == Some(wanted),
        (Value::Enum { number, .. }, ConditionValue::Number(wanted)) => {
            *number == i128::from(*wanted)
        }
        (Value::Uint(number), ConditionValue::Number(wanted)) => number == wanted,
        (Value::Boolean(flag), ConditionValue::Name(wanted)) => {
            wanted == if *flag { "TRUE" } else { "FALSE" }
        }
        _ => false,
    }
}
