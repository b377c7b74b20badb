//! Resolved ASN.1 modules (X.680): every name bound, every component's tag fixed under its
//! module's tagging mode, values evaluated. Code generation and the DER interpreter read
//! this and nothing else.

use crate::source::Span;

pub use super::ast::{ListKind, StructureKind, TagClass, TagDefault, TagMode};

/// All modules of one `check` run, in the order of the files and of the modules in them.
#[derive(Debug, Clone, PartialEq)]
pub struct Ir {
    pub modules: Vec<Module>,
}

/// A type assignment's place: `modules[module].types[index]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId {
    pub module: usize,
    pub index: usize,
}

impl Ir {
    /// Returns the module with this name.
    pub fn module(&self, name: &str) -> Option<&Module> {
        self.modules.iter().find(|module| module.name == name)
    }

    /// Returns the type assignment a reference points to.
    pub fn type_assignment(&self, id: TypeId) -> &TypeAssignment {
        &self.modules[id.module].types[id.index]
    }

    /// Follows references from `ty` to the first type that is not a bare reference, and
    /// returns it. The tags of the types passed on the way are not collected. A chain of
    /// references that loops, which the resolver rejects, ends where it repeats.
    pub fn underlying<'a>(&'a self, mut ty: &'a Type) -> &'a Type {
        let limit = self.modules.iter().map(|m| m.types.len()).sum::<usize>();
        for _ in 0..limit {
            match &ty.kind {
                TypeKind::Reference { target, .. } => ty = &self.type_assignment(*target).ty,
                _ => break,
            }
        }
        ty
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub name: String,
    /// The file the module was read from, as given to `check`.
    pub file: String,
    /// The definitive OID of the module header, resolved to arcs.
    pub oid: Option<Vec<u64>>,
    pub tag_default: TagDefault,
    pub extensibility_implied: bool,
    pub imports: Vec<Import>,
    pub types: Vec<TypeAssignment>,
    pub values: Vec<ValueAssignment>,
}

/// Symbols taken from another module: `modules[module]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    pub module: usize,
    pub symbols: Vec<String>,
}

/// `Name ::= Type`.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeAssignment {
    pub name: String,
    /// The Rust type name (`UpperCamelCase`), distinct within the module.
    pub rust_name: String,
    pub span: Span,
    /// 1-based line of the assignment in its file.
    pub line: usize,
    /// The assignment exactly as written, for doc comments in generated code.
    pub definition: String,
    pub ty: Type,
    /// The type refers back to itself through its components, SEQUENCE OF included.
    pub recursive: bool,
}

/// `name Type ::= value`.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAssignment {
    pub name: String,
    /// The Rust constant name (`SHOUTY_SNAKE_CASE`), distinct within the module.
    pub rust_name: String,
    pub span: Span,
    pub line: usize,
    pub definition: String,
    pub ty: Type,
    pub value: Value,
}

/// A type with its tags and constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct Type {
    /// Tags in front of the type, outermost first, each with its resolved mode. Tags
    /// given by AUTOMATIC tagging are here too, marked `automatic`. An IMPLICIT tag
    /// replaces the tag after it: the next one in this list, or else the outermost tag
    /// of the referenced or builtin type.
    pub tags: Vec<Tag>,
    pub kind: TypeKind,
    pub constraints: Vec<Constraint>,
}

/// A tag with the mode X.680 31.2.7 gives it: written, or from the module's tag default,
/// and always EXPLICIT on an untagged CHOICE or ANY.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    pub class: TagClass,
    pub number: u64,
    pub mode: TagMode,
    pub automatic: bool,
}

/// The tags a component's encoding may start with, which a decoder matches on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OuterTags {
    One(TagClass, u64),
    /// An untagged CHOICE starts with the tag of whichever alternative is present.
    AnyOf(Vec<(TagClass, u64)>),
    /// An untagged ANY may start with any tag.
    Open,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Boolean,
    Null,
    Integer {
        named_numbers: Vec<NamedNumber>,
    },
    Enumerated {
        root: Vec<NamedNumber>,
        extensible: bool,
        additions: Vec<NamedNumber>,
    },
    Real,
    BitString {
        named_bits: Vec<NamedNumber>,
    },
    OctetString,
    ObjectIdentifier,
    RelativeOid,
    CharacterString(StringType),
    UtcTime,
    GeneralizedTime,
    Any {
        defined_by: Option<DefinedBy>,
    },
    List {
        kind: ListKind,
        element_name: Option<String>,
        element: Box<Type>,
    },
    Structure {
        kind: StructureKind,
        components: Vec<Component>,
        /// An extension marker is present, or the module declares EXTENSIBILITY IMPLIED.
        extensible: bool,
    },
    Reference {
        target: TypeId,
        /// The name as written, `Module.Type` when qualified.
        name: String,
        /// The reference closes a cycle of types that contain each other directly, so a
        /// Rust field of this type needs a `Box`.
        boxed: bool,
    },
}

/// The restricted character string types (X.680 41) and ObjectDescriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringType {
    Bmp,
    General,
    Graphic,
    Ia5,
    Numeric,
    ObjectDescriptor,
    Printable,
    Teletex,
    Universal,
    Utf8,
    Videotex,
    Visible,
}

impl StringType {
    /// Returns the type's name in the notation, such as `IA5String`.
    pub fn asn1_name(self) -> &'static str {
        match self {
            Self::Bmp => "BMPString",
            Self::General => "GeneralString",
            Self::Graphic => "GraphicString",
            Self::Ia5 => "IA5String",
            Self::Numeric => "NumericString",
            Self::ObjectDescriptor => "ObjectDescriptor",
            Self::Printable => "PrintableString",
            Self::Teletex => "TeletexString",
            Self::Universal => "UniversalString",
            Self::Utf8 => "UTF8String",
            Self::Videotex => "VideotexString",
            Self::Visible => "VisibleString",
        }
    }
}

/// `name(number)` of INTEGER, ENUMERATED or BIT STRING, with the number resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedNumber {
    pub name: String,
    pub rust_name: String,
    pub value: i128,
}

/// The component an ANY DEFINED BY names, by name and index in its SEQUENCE or SET.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinedBy {
    pub component: String,
    pub index: usize,
}

/// A component of a SEQUENCE or SET, or an alternative of a CHOICE.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    pub name: String,
    /// The Rust field name (`snake_case`) for SEQUENCE and SET, the variant name
    /// (`UpperCamelCase`) for CHOICE; distinct within the type.
    pub rust_name: String,
    pub ty: Type,
    pub presence: Presence,
    pub outer_tags: OuterTags,
    pub placement: Placement,
    /// The type whose components `COMPONENTS OF` copied this one from.
    pub copied_from: Option<TypeId>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    Required,
    Optional,
    Default(Value),
}

/// Position of a component relative to the extension marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    Root,
    Addition,
    /// Inside the `index`-th `[[ ]]` group, which may carry a version number.
    AdditionGroup {
        index: usize,
        version: Option<u64>,
    },
}

/// `( root , ... , additions )` with values resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub root: Option<ElementSet>,
    pub extensible: bool,
    pub additions: Option<ElementSet>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ElementSet {
    Union(Vec<ElementSet>),
    Intersection(Vec<ElementSet>),
    Except(Box<ElementSet>, Box<ElementSet>),
    AllExcept(Box<ElementSet>),
    Element(Element),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    SingleValue(Value),
    Range { lower: Endpoint, upper: Endpoint },
    Size(Box<Constraint>),
    PermittedAlphabet(Box<Constraint>),
    Includes(Type),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Endpoint {
    Min,
    Max,
    /// A value; `open` leaves it out of the range (`<` in the notation).
    Value {
        value: Value,
        open: bool,
    },
}

/// A value checked against its type.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Boolean(bool),
    Null,
    Integer(i128),
    Enumerated {
        name: String,
        value: i128,
    },
    Real(RealValue),
    /// Bits in order, first bit first.
    BitString(Vec<bool>),
    OctetString(Vec<u8>),
    ObjectIdentifier(Vec<u64>),
    RelativeOid(Vec<u64>),
    String(String),
    /// A SEQUENCE OF or SET OF value.
    List(Vec<Value>),
    /// A SEQUENCE or SET value: the components given, by name.
    Structure(Vec<(String, Value)>),
    Choice {
        alternative: String,
        value: Box<Value>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RealValue {
    PlusInfinity,
    MinusInfinity,
    /// mantissa × base ^ exponent, base 2 or 10.
    Finite {
        mantissa: i128,
        base: u8,
        exponent: i128,
    },
}
