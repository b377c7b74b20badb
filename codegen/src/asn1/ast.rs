//! Syntax tree of an ASN.1 module as written (X.680 clauses 13 to 51), names not yet
//! resolved, every node with its byte span in the source file.

use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// A reference, identifier or module name with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// The tag default of a module header (X.680 13.1); a module without one is EXPLICIT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagDefault {
    Explicit,
    Implicit,
    Automatic,
}

/// One module: `Name { oid } DEFINITIONS ... ::= BEGIN ... END`.
#[derive(Debug, Clone)]
pub struct Module {
    pub file: Arc<SourceFile>,
    pub name: Name,
    /// The definitive OID, as the items of a braced value.
    pub oid: Option<Vec<BracedItem>>,
    pub tag_default: TagDefault,
    pub extensibility_implied: bool,
    /// `None` when the module has no EXPORTS clause or exports ALL.
    pub exports: Option<Vec<Name>>,
    pub imports: Vec<Import>,
    pub assignments: Vec<Assignment>,
    pub span: Span,
}

/// One `symbols FROM Module` group of an IMPORTS clause.
#[derive(Debug, Clone)]
pub struct Import {
    pub symbols: Vec<Name>,
    pub module: Name,
}

/// A type or value assignment.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub name: Name,
    pub kind: AssignmentKind,
    /// The whole assignment, from its name to the end of its type or value.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum AssignmentKind {
    Type(Type),
    Value { ty: Type, value: Value },
}

/// A type with the constraints written after it.
#[derive(Debug, Clone)]
pub struct Type {
    pub kind: TypeKind,
    pub constraints: Vec<Constraint>,
    pub span: Span,
}

/// Tag classes of X.680 8.1; a tag without a class keyword is context-specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TagClass {
    Universal,
    Application,
    ContextSpecific,
    Private,
}

/// IMPLICIT or EXPLICIT as written after a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagMode {
    Implicit,
    Explicit,
}

/// `[class number]` as written; the number may be a value reference.
#[derive(Debug, Clone)]
pub struct Tag {
    pub class: TagClass,
    pub number: NumberRef,
    pub span: Span,
}

/// A number written as digits or as a reference to an INTEGER value.
#[derive(Debug, Clone)]
pub enum NumberRef {
    Literal(i128, Span),
    Reference(Name),
}

/// `name(number)` of INTEGER, ENUMERATED and BIT STRING.
#[derive(Debug, Clone)]
pub struct NamedNumber {
    pub name: Name,
    pub number: Option<NumberRef>,
}

/// SEQUENCE, SET or CHOICE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructureKind {
    Sequence,
    Set,
    Choice,
}

/// SEQUENCE OF or SET OF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    SequenceOf,
    SetOf,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Tagged {
        tag: Tag,
        mode: Option<(TagMode, Span)>,
        inner: Box<Type>,
    },
    Boolean,
    Null,
    Integer(Vec<NamedNumber>),
    /// Items in order, with `None` at the position of the extension marker.
    Enumerated(Vec<Option<NamedNumber>>),
    Real,
    BitString(Vec<NamedNumber>),
    OctetString,
    ObjectIdentifier,
    RelativeOid,
    Any {
        defined_by: Option<Name>,
    },
    List {
        kind: ListKind,
        size: Option<Box<Constraint>>,
        element_name: Option<Name>,
        element: Box<Type>,
    },
    Structure {
        kind: StructureKind,
        items: Vec<ComponentItem>,
    },
    Reference {
        module: Option<Name>,
        name: Name,
    },
    /// A construct this front end reports as not supported, with its description.
    Unsupported(String),
}

/// One entry of a SEQUENCE, SET or CHOICE body.
#[derive(Debug, Clone)]
pub enum ComponentItem {
    Named(Component),
    ComponentsOf(Type),
    ExtensionMarker(Span),
    VersionGroup {
        version: Option<u64>,
        items: Vec<ComponentItem>,
        span: Span,
    },
}

/// `name Type OPTIONAL` or `name Type DEFAULT value`.
#[derive(Debug, Clone)]
pub struct Component {
    pub name: Name,
    pub ty: Type,
    pub presence: Presence,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Presence {
    Required,
    Optional(Span),
    Default(Value),
}

/// `( root , ... , additions )`.
#[derive(Debug, Clone)]
pub struct Constraint {
    pub root: Option<ElementSet>,
    pub extensible: bool,
    pub additions: Option<ElementSet>,
    pub span: Span,
}

/// Set arithmetic over constraint elements (X.680 50.1).
#[derive(Debug, Clone)]
pub enum ElementSet {
    Union(Vec<ElementSet>),
    Intersection(Vec<ElementSet>),
    Except(Box<ElementSet>, Box<ElementSet>),
    AllExcept(Box<ElementSet>),
    Element(Box<Element>),
}

#[derive(Debug, Clone)]
pub enum Element {
    SingleValue(Value),
    Range {
        lower: Endpoint,
        upper: Endpoint,
        span: Span,
    },
    Size(Box<Constraint>),
    PermittedAlphabet(Box<Constraint>),
    Includes(Box<Type>),
    /// A constraint form reported as not supported, with its description and span.
    Unsupported(String, Span),
}

/// One end of a value range; `open` is the `<` that leaves the end out.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub bound: Bound,
    pub open: bool,
}

#[derive(Debug, Clone)]
pub enum Bound {
    Min,
    Max,
    Value(Value),
}

#[derive(Debug, Clone)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ValueKind {
    Boolean(bool),
    Null,
    Integer(i128),
    PlusInfinity,
    MinusInfinity,
    /// The binary digits of `'...'B`, blanks removed.
    BString(String),
    /// The hexadecimal digits of `'...'H`, blanks removed.
    HString(String),
    /// The characters of `"..."`, with `""` turned into `"`.
    CString(String),
    Reference {
        module: Option<Name>,
        name: Name,
    },
    Choice {
        alternative: Name,
        value: Box<Value>,
    },
    /// `{ ... }`: comma-separated groups, each a run of items.
    Braced(Vec<Vec<BracedItem>>),
}

/// One item of a braced value: `name(number)` or any other value.
#[derive(Debug, Clone)]
pub enum BracedItem {
    NameAndNumber { name: Name, number: NumberRef },
    Value(Value),
}
