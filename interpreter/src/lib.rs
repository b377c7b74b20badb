//! Decodes bytes as any type of loaded schemas, without compiling, into an annotated
//! value tree: each node has its field path, schema type, byte offset, header and content
//! lengths, and value.
//!
//! The interpreter reads the same IRs as the Rust emitter (`rfcodec-codegen`). It decodes
//! through the runtime's own readers and primitive types (`rfcodec::tls::Reader`,
//! `rfcodec::der::Reader`, `der::Integer`, `der::ObjectIdentifier`, the time and string
//! types). So it rejects the inputs generated code rejects, with the same error kinds and
//! offsets. Binding files (`.bind`) link the layers: a bound field's bytes are decoded
//! as another schema's type, and a bound layer that fails is reported at its node while
//! the rest of the tree is kept.
//!
//! It does not encode, and it does not check signatures: callers add facts such as
//! `signature_valid` to nodes through [`Node::annotations`].

mod der;
mod json;
mod layers;
mod schemas;
mod text;
mod tls;
mod tree;

pub use json::to_json;
pub use schemas::{Encoding, LoadError, Schemas, TypeRef};
pub use text::to_text;
pub use tree::{Annotation, Decoded, Node, Problem, ProblemKind, Value};

/// Decodes all of `input` as type `ty`, following the bindings of `schemas`.
pub fn decode(schemas: &Schemas, ty: TypeRef, input: &[u8]) -> Decoded {
    layers::decode_root(schemas, ty, input)
}
