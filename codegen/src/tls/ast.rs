//! Syntax tree of one TLS presentation language schema file (RFC 8446 section 3), as
//! written: names are still text, numbers are evaluated, spans point into the file.

use crate::source::Span;

/// One parsed schema file.
#[derive(Debug, Clone, Default)]
pub struct SchemaFile {
    pub uses: Vec<Use>,
    pub definitions: Vec<Definition>,
}

/// `use "other.tls";`.
#[derive(Debug, Clone)]
pub struct Use {
    pub path: String,
    /// Span of the quoted path.
    pub span: Span,
}

/// A word of the schema and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A number or number expression, evaluated. `value` is `None` when the expression does
/// not fit in 64 bits or is negative; the parser has reported it already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number {
    pub value: Option<u64>,
    pub span: Span,
}

/// A top-level definition.
#[derive(Debug, Clone)]
pub struct Definition {
    pub name: Name,
    /// Formal parameters of `struct { ... } optional<T>;`.
    pub params: Vec<Name>,
    pub kind: DefinitionKind,
    pub span: Span,
    /// Text of the nearest comment before the definition that names an RFC section.
    pub section: Option<String>,
}

#[derive(Debug, Clone)]
pub enum DefinitionKind {
    Struct(StructBody),
    Enum {
        members: Vec<EnumMember>,
        maximum: Option<Number>,
    },
    Alias {
        modifier: Option<Modifier>,
        ty: TypeRef,
        vector: Option<Vector>,
    },
    Constant {
        ty: TypeRef,
        value: Value,
    },
}

/// `digitally-signed` and the RFC 5246 section 6.2.3 cipher modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    DigitallySigned,
    StreamCiphered,
    BlockCiphered,
    AeadCiphered,
    PublicKeyEncrypted,
}

/// The braces of a struct, top-level or nested.
#[derive(Debug, Clone)]
pub struct StructBody {
    pub modifier: Option<Modifier>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub enum Member {
    Field(Field),
    Struct(NestedStruct),
    Select(Select),
    /// `case a: T;`: a case holding one value of type `T` with no field name.
    TypeOnly(TypeRef),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub modifier: Option<Modifier>,
    pub ty: TypeRef,
    pub name: Name,
    pub vector: Option<Vector>,
    pub fixed_value: Option<Vec<Value>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct NestedStruct {
    pub body: StructBody,
    pub name: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Select {
    pub selector: Name,
    pub arms: Vec<CaseArm>,
    pub name: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CaseArm {
    pub labels: Vec<CaseLabel>,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub enum CaseLabel {
    Number(Number),
    Name(Name),
}

/// A type as written at a use: name plus type arguments (`optional<Node>`).
#[derive(Debug, Clone)]
pub struct TypeRef {
    pub name: Name,
    pub args: Vec<TypeRef>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Vector {
    /// `[n]` with a number.
    Fixed { size: Number, span: Span },
    /// `[path]`: the size lives in another field.
    Linked { path: Name, span: Span },
    /// `<floor..ceiling>` or `<ceiling>` (floor 0).
    Variable {
        floor: Number,
        ceiling: Number,
        span: Span,
    },
    /// `<V>`.
    Varint { span: Span },
}

#[derive(Debug, Clone)]
pub enum EnumValue {
    Single(Number),
    Range(Number, Number),
    /// No value written: the previous member's value plus one.
    Implicit,
}

#[derive(Debug, Clone)]
pub struct EnumMember {
    pub name: Name,
    pub value: EnumValue,
}

/// A value after `=`.
#[derive(Debug, Clone)]
pub enum Value {
    Number(Number),
    List(Vec<Number>, Span),
    String(String, Span),
    Name(Name),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Number(number) => number.span,
            Value::List(_, span) | Value::String(_, span) => *span,
            Value::Name(name) => name.span,
        }
    }
}
