//! The value tree the interpreter builds: nodes with their place in the input, values, and
//! the problems found while decoding them.

use std::fmt;

use rfcodec::ErrorKind;

use crate::schemas::Encoding;

/// The result of one decode: the tree, or the error that stopped the outermost layer.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub root: Result<Node, Problem>,
}

impl Decoded {
    /// Returns every problem: the outermost layer's error, or those of bound layers.
    pub fn problems(&self) -> Vec<&Problem> {
        match &self.root {
            Ok(node) => {
                let mut found = Vec::new();
                node.collect_problems(&mut found);
                found
            }
            Err(problem) => vec![problem],
        }
    }
}

/// One decoded value and where its bytes are.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Field or component name, `[index]` for list elements, the type name for a root.
    pub name: String,
    /// Dotted path from the root; `/` separates a bound layer from the field holding it.
    pub path: String,
    /// Schema type name, or the ASN.1 builtin type (`INTEGER`) or TLS form (`uint64`).
    pub type_name: String,
    pub encoding: Encoding,
    /// Absolute offset of the first byte in the top-level input.
    pub offset: usize,
    /// Identifier and length octets (DER, EXPLICIT tags included), or the TLS length prefix.
    pub header_len: usize,
    pub content_len: usize,
    pub value: Value,
    /// The field's bytes decoded by a binding.
    pub layer: Option<Box<Node>>,
    /// The error of this field's bound layer, when it failed to decode.
    pub problem: Option<Problem>,
    /// Facts added after decoding, such as `signature_valid`.
    pub annotations: Vec<(String, Annotation)>,
}

/// A fact attached to a node after decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Annotation {
    Bool(bool),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A TLS `uint8` .. `uint64`.
    Uint(u64),
    /// A DER INTEGER: its two's complement content octets.
    Integer(Vec<u8>),
    /// A TLS enum member or DER ENUMERATED value; `name` is `None` for values the schema
    /// does not name.
    Enum {
        name: Option<String>,
        number: i128,
    },
    Boolean(bool),
    Null,
    ObjectIdentifier {
        arcs: Vec<u128>,
        name: Option<String>,
    },
    Bytes(Vec<u8>),
    BitString {
        unused_bits: u8,
        bytes: Vec<u8>,
    },
    Text(String),
    /// A UTCTime or GeneralizedTime in RFC 3339 form.
    Time(String),
    /// Fields of a TLS struct or components of a DER SEQUENCE or SET, in wire order.
    Struct(Vec<Node>),
    List(Vec<Node>),
    /// The alternative of a CHOICE or the case of a TLS select that is present.
    Choice(Box<Node>),
    /// An `optional<T>` or presence select with nothing present.
    Absent,
}

impl Node {
    /// Returns the children of a struct, list or choice.
    pub fn children(&self) -> &[Node] {
        match &self.value {
            Value::Struct(children) | Value::List(children) => children,
            Value::Choice(child) => std::slice::from_ref(child.as_ref()),
            _ => &[],
        }
    }

    /// Returns the child named `name` of a struct.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children().iter().find(|child| child.name == name)
    }

    /// Calls `visit` on this node, its children and its bound layers, parents first.
    pub fn walk_mut(&mut self, visit: &mut dyn FnMut(&mut Node)) {
        visit(self);
        match &mut self.value {
            Value::Struct(children) | Value::List(children) => {
                children.iter_mut().for_each(|child| child.walk_mut(visit));
            }
            Value::Choice(child) => child.walk_mut(visit),
            _ => {}
        }
        if let Some(layer) = &mut self.layer {
            layer.walk_mut(visit);
        }
    }

    /// Calls `visit` on this node, its children and its bound layers, parents first.
    pub fn walk(&self, visit: &mut dyn FnMut(&Node)) {
        visit(self);
        self.children().iter().for_each(|child| child.walk(visit));
        if let Some(layer) = &self.layer {
            layer.walk(visit);
        }
    }

    /// Returns the bytes the node's content occupies in `input`.
    pub fn content<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        let start = self.offset + self.header_len;
        input.get(start..start + self.content_len).unwrap_or(&[])
    }

    fn collect_problems<'n>(&'n self, found: &mut Vec<&'n Problem>) {
        if let Some(problem) = &self.problem {
            found.push(problem);
        }
        self.children()
            .iter()
            .for_each(|child| child.collect_problems(found));
        if let Some(layer) = &self.layer {
            layer.collect_problems(found);
        }
    }
}

/// A failure to decode, where it happened and in which field.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// Absolute offset in the top-level input.
    pub offset: usize,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    /// A rule of the encoding that the input breaks, as the runtime reports it.
    Decode(ErrorKind),
    /// A schema construct the interpreter cannot decode.
    Unsupported(String),
}

impl Problem {
    pub(crate) fn decode(error: rfcodec::Error, path: &str) -> Self {
        Self {
            kind: ProblemKind::Decode(error.kind()),
            offset: error.offset(),
            path: path.to_string(),
        }
    }

    pub(crate) fn unsupported(what: impl Into<String>, offset: usize, path: &str) -> Self {
        Self {
            kind: ProblemKind::Unsupported(what.into()),
            offset,
            path: path.to_string(),
        }
    }

    /// Returns the runtime error kind, unless the schema construct is unsupported.
    pub fn error_kind(&self) -> Option<ErrorKind> {
        match self.kind {
            ProblemKind::Decode(kind) => Some(kind),
            ProblemKind::Unsupported(_) => None,
        }
    }

    /// Returns the kind's variant name, such as `LengthOutOfRange`.
    pub fn kind_name(&self) -> String {
        match &self.kind {
            ProblemKind::Decode(kind) => {
                let debug = format!("{kind:?}");
                debug
                    .split([' ', '{', '('])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            }
            ProblemKind::Unsupported(_) => "Unsupported".to_string(),
        }
    }
}

/// Reads like `Certificate.signature: unexpected tag ... at offset 12 (UnknownTag)`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ProblemKind::Decode(kind) => write!(
                f,
                "{}: {kind} at offset {} ({})",
                self.path,
                self.offset,
                self.kind_name()
            ),
            ProblemKind::Unsupported(what) => write!(
                f,
                "{}: {what} is not supported by the interpreter, at offset {}",
                self.path, self.offset
            ),
        }
    }
}

/// Converts runtime results, recording the path of the node being decoded.
pub(crate) trait AtPath<T> {
    fn at(self, path: &str) -> Result<T, Problem>;
}

impl<T> AtPath<T> for rfcodec::Result<T> {
    fn at(self, path: &str) -> Result<T, Problem> {
        self.map_err(|error| Problem::decode(error, path))
    }
}
