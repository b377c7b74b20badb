//! Resolved form of TLS presentation language schemas (RFC 8446 section 3, RFC 5246
//! section 4): what code generation and the byte interpreter read. Every name is
//! resolved to a [`TypeId`], every width is computed, every span is kept.

use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// All definitions reachable from one root schema file, across its `use` declarations.
#[derive(Debug, Clone)]
pub struct Schema {
    /// The root file first, then each file reached through `use`, in the order reached.
    pub files: Vec<Arc<SourceFile>>,
    /// Types in the order defined, files in the order of `files`; a [`TypeId`] indexes it.
    pub types: Vec<TypeDef>,
    /// Top-level values such as RFC 5246's `CipherSuite TLS_NULL_WITH_NULL_NULL = {...};`.
    pub constants: Vec<Constant>,
    /// `SignatureAndHashAlgorithm`, the algorithm field of every `digitally-signed`
    /// element (RFC 5246 section 4.7); `None` when no definition uses the modifier.
    pub signature_algorithm: Option<TypeId>,
}

impl Schema {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Finds a type by its name as written in the schema.
    pub fn find(&self, name: &str) -> Option<TypeId> {
        self.types
            .iter()
            .position(|def| def.name == name)
            .map(TypeId)
    }
}

/// Index into [`Schema::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Index into [`Schema::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(pub usize);

/// One named type definition.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub file: FileId,
    /// The whole declaration, from its first keyword to its `;`.
    pub span: Span,
    /// Text of the nearest comment before the declaration that starts with `RFC `, such
    /// as `RFC 6962 section 3.2: Structure of the Signed Certificate Timestamp`.
    pub section_comment: Option<String>,
    /// The declaration exactly as written, for `///` docs of generated code.
    pub declaration: String,
    /// Formal parameters of a parameterized definition (`optional<T>` has `["T"]`).
    pub params: Vec<String>,
    pub body: TypeBody,
}

#[derive(Debug, Clone)]
pub enum TypeBody {
    Struct(Struct),
    Enum(Enum),
    /// `opaque Random[32];`, `uint16 ProtocolVersion;`, `opaque DistinguishedName<1..2^16-1>;`.
    Alias(Alias),
}

/// A type used by a field or an alias, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// `uint8` .. `uint64` (and `uint48` of DTLS): big-endian, this many bytes.
    Uint {
        bytes: u8,
    },
    /// `opaque`: one byte of uninterpreted data.
    Opaque,
    Named(TypeId),
    /// `optional<T>` of RFC 9420 when no schema defines `optional`: one
    /// presence byte (0 or 1), then the value when present.
    Optional(Box<TypeRef>),
    /// A parameterized definition applied to arguments, as `optional<Node>` when the
    /// schema defines `struct { ... } optional<T>;`.
    Generic {
        def: TypeId,
        args: Vec<TypeRef>,
    },
    /// The n-th formal parameter of the enclosing parameterized definition.
    Param(usize),
}

/// Number of elements in a field or alias, and how their count is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// One value.
    Single,
    /// `T x[n]`: exactly n bytes of elements, no length prefix.
    Fixed(FixedLength),
    /// `T x<floor..ceiling>`: a length prefix counting bytes, then the elements.
    Variable {
        floor: u64,
        /// `None` for `<V>`, whose length is bounded only by the varint.
        ceiling: Option<u64>,
        prefix: LengthPrefix,
    },
}

/// The byte count of a fixed vector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixedLength {
    Bytes(u64),
    /// The count is the value of another field (`opaque fragment[TLSPlaintext.length]`).
    Field(FieldPath),
    /// The count is a quantity the RFC defines in prose, not in a field
    /// (`opaque verify_data[verify_data_length]`): the caller supplies it.
    External(String),
}

/// Length prefix of a variable vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthPrefix {
    /// Big-endian byte count in 1 to 4 bytes, the fewest that hold the ceiling.
    Bytes(u8),
    /// RFC 9000 section 16 variable-length integer (`<V>` of RFC 9420).
    Varint,
}

#[derive(Debug, Clone)]
pub struct Alias {
    pub modifier: Option<Modifier>,
    pub element: TypeRef,
    pub shape: Shape,
}

pub use crate::tls::ast::Modifier;

#[derive(Debug, Clone)]
pub struct Struct {
    pub modifier: Option<Modifier>,
    pub members: Vec<Member>,
    /// Fields of this struct whose byte length is the value of another field.
    pub length_links: Vec<LengthLink>,
}

#[derive(Debug, Clone)]
pub enum Member {
    Field(Field),
    /// A struct written inline, named (`} signed_params;`) or not (`};`).
    Struct(NestedStruct),
    Select(Select),
    /// `case x: T;`: one value of type `T` without a field name.
    Value {
        ty: TypeRef,
        span: Span,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub span: Span,
    pub modifier: Option<Modifier>,
    pub element: TypeRef,
    pub shape: Shape,
    pub fixed_value: Option<FixedValue>,
}

#[derive(Debug, Clone)]
pub struct NestedStruct {
    pub name: Option<String>,
    pub span: Span,
    pub body: Struct,
}

/// `select (selector) { case ...: ... }`.
#[derive(Debug, Clone)]
pub struct Select {
    pub name: Option<String>,
    pub span: Span,
    pub selector: Selector,
    pub cases: Vec<Case>,
}

#[derive(Debug, Clone)]
pub struct Selector {
    /// The selector as written (`Handshake.msg_type`).
    pub text: String,
    pub source: SelectorSource,
    pub discriminant: Discriminant,
}

/// Origin of a select's discriminant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectorSource {
    /// A field read earlier in the same message.
    Field(FieldPath),
    /// A value negotiated outside the message, named by its type
    /// (`select (KeyExchangeAlgorithm)` in RFC 5246): a decode parameter.
    Negotiated(TypeId),
    /// RFC 5246's `select (extensions_present)` with `case false:` / `case true:`:
    /// the optional part is present when bytes remain.
    Presence,
}

/// The type of a select's discriminant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discriminant {
    Enum(TypeId),
    Uint { bytes: u8 },
    Bool,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub labels: Vec<CaseLabel>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseLabel {
    /// An enum member and its value (the first value when it names a range).
    Member {
        name: String,
        value: u64,
    },
    Number(u64),
    Bool(bool),
}

/// A field named by a dotted path from where a select or vector sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    pub root: PathRoot,
    /// Field names from the root down; unnamed nested structs are looked through.
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRoot {
    /// A struct that encloses the use: 0 is the innermost struct body, 1 the one around
    /// it, up to the top-level definition.
    Enclosing { levels_up: usize },
    /// A struct that does not enclose the use (`select (Handshake.msg_type)` inside an
    /// extension body): the decoder receives the value from the caller.
    Type(TypeId),
}

/// `uint24 length` of RFC 8446's Handshake counting the bytes of the select after it, or
/// `opaque fragment[TLSPlaintext.length]` in RFC 5246.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LengthLink {
    /// The field that contains the byte count.
    pub length: FieldPath,
    /// Index into the struct's `members` of the member whose bytes it counts.
    pub counted: usize,
    pub kind: LinkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Written as the size of a fixed vector.
    Declared,
    /// An integer field named `length` right before a select or nested struct, which
    /// by the RFCs' convention counts that member's bytes.
    Implied,
}

/// `= value` on a field or a constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixedValue {
    Number(u64),
    EnumMember {
        name: String,
        value: u64,
    },
    /// `{ 0x00, 0x01 }`.
    Bytes(Vec<u64>),
    /// A value computed from parameters the RFC names in prose, as written:
    /// `"tls13 " + Label` in RFC 8446's HkdfLabel.
    Expression(String),
}

#[derive(Debug, Clone)]
pub struct Enum {
    /// Wire width in bytes: from the maximum `(255)` when written, else from the largest
    /// value.
    pub width: u8,
    pub maximum: Option<u64>,
    pub members: Vec<EnumMember>,
    /// Whether values not listed may appear on the wire: true when a maximum or a
    /// range leaves room for them.
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumMember {
    pub name: String,
    pub span: Span,
    /// `first == last` for a single value, else the range `first..last`.
    pub first: u64,
    pub last: u64,
}

#[derive(Debug, Clone)]
pub struct Constant {
    pub name: String,
    pub file: FileId,
    pub span: Span,
    pub ty: TypeRef,
    pub value: FixedValue,
}
