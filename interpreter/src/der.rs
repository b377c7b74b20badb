//! Decoding by the ASN.1 IR into DER values (X.690 clauses 8, 10 and 11): the same runtime
//! reads, tag checks and presence tests as the code the DER emitter generates.

use rfcodec::der::{self, Class, Reader, Tag};
use rfcodec::{Error, ErrorKind};
use rfcodec_codegen::asn1::ir::{
    self, Component, Constraint, Element, ElementSet, Endpoint, ListKind, Placement, Presence,
    StringType, StructureKind, TagClass, TagMode, Type, TypeId, TypeKind,
};

use crate::layers::Context;
use crate::schemas::{Encoding, TypeRef};
use crate::tree::{AtPath, Node, Problem, Value};

pub(crate) struct DerDecoder<'c, 's> {
    context: &'c Context<'s>,
    ir: &'s ir::Ir,
}

impl<'c, 's> DerDecoder<'c, 's> {
    pub fn new(context: &'c Context<'s>) -> Self {
        Self {
            context,
            ir: context.schemas.asn1(),
        }
    }

    /// Decodes one value of the assignment `id`, then applies the bindings about it.
    pub fn decode_assignment(
        &self,
        reader: &mut Reader<'_>,
        id: TypeId,
        name: &str,
        path: &str,
        implicit: Option<Tag>,
    ) -> Result<Node, Problem> {
        let assignment = self.ir.type_assignment(id);
        let ty = &assignment.ty;
        let mut node = self.decode_tagged(reader, &ty.tags, ty, name, path, implicit)?;
        if let (TypeKind::List { .. }, Some((floor, ceiling))) =
            (&ty.kind, size_range(&ty.constraints))
        {
            let count = node.children().len() as u64;
            let ceiling = ceiling.unwrap_or(u64::MAX);
            if !(floor..=ceiling).contains(&count) {
                let kind = ErrorKind::LengthOutOfRange {
                    floor,
                    ceiling,
                    actual: count,
                };
                return Err(Problem::decode(Error::new(kind, node.offset), path));
            }
        }
        node.type_name = assignment.name.clone();
        self.context.apply_bindings(TypeRef::Der(id), &mut node);
        Ok(node)
    }

    /// Decodes a type whose remaining tags are `tags`; `implicit` replaces the outermost
    /// tag (X.680 31.2.7).
    pub fn decode_tagged(
        &self,
        reader: &mut Reader<'_>,
        tags: &[ir::Tag],
        ty: &Type,
        name: &str,
        path: &str,
        implicit: Option<Tag>,
    ) -> Result<Node, Problem> {
        let Some((first, rest)) = tags.split_first() else {
            return self.decode_kind(reader, ty, name, path, implicit);
        };
        let tag = match implicit {
            Some(tag) => tag,
            None => to_tag(first, reader.offset(), path)?,
        };
        match first.mode {
            TagMode::Implicit => self.decode_tagged(reader, rest, ty, name, path, Some(tag)),
            TagMode::Explicit => {
                let start = reader.offset();
                let mut content = reader.read_tlv(tag.constructed()).at(path)?;
                let mut node = self.decode_tagged(&mut content, rest, ty, name, path, None)?;
                content.finish().at(path)?;
                node.header_len += node.offset - start;
                node.offset = start;
                Ok(node)
            }
        }
    }

    fn node(&self, name: &str, path: &str, type_name: &str, value: Value) -> Node {
        Node {
            name: name.to_string(),
            path: path.to_string(),
            type_name: type_name.to_string(),
            encoding: Encoding::Der,
            offset: 0,
            header_len: 0,
            content_len: 0,
            value,
            layer: None,
            problem: None,
            annotations: Vec::new(),
        }
    }

    /// Reads one primitive TLV with the runtime type `T` and records where it was.
    fn primitive<'a, T: der::DecodeValue<'a>>(
        &self,
        reader: &mut Reader<'a>,
        universal: Tag,
        implicit: Option<Tag>,
        path: &str,
    ) -> Result<(T, usize, usize, usize), Problem> {
        let tag = implicit.map_or(universal, |tag| {
            tag.with_constructed(universal.is_constructed())
        });
        let start = reader.offset();
        let header = reader.clone().read_header().ok();
        let value = reader.read_value::<T>(tag).at(path)?;
        let (header_len, length) =
            header.map_or((0, 0), |header| (header.header_len, header.length));
        Ok((value, start, header_len, length))
    }

    fn decode_kind(
        &self,
        reader: &mut Reader<'_>,
        ty: &Type,
        name: &str,
        path: &str,
        implicit: Option<Tag>,
    ) -> Result<Node, Problem> {
        macro_rules! leaf {
            ($rust:ty, $tag:expr, $type_name:expr, |$value:ident| $convert:expr) => {{
                let ($value, offset, header_len, content_len) =
                    self.primitive::<$rust>(reader, $tag, implicit, path)?;
                let mut node = self.node(name, path, $type_name, $convert);
                node.offset = offset;
                node.header_len = header_len;
                node.content_len = content_len;
                Ok(node)
            }};
        }
        match &ty.kind {
            TypeKind::Reference { target, .. } => {
                self.decode_assignment(reader, *target, name, path, implicit)
            }
            TypeKind::Boolean => {
                leaf!(bool, Tag::BOOLEAN, "BOOLEAN", |value| Value::Boolean(value))
            }
            TypeKind::Null => leaf!(der::Null, Tag::NULL, "NULL", |_value| Value::Null),
            TypeKind::Integer { named_numbers } => {
                leaf!(der::Integer, Tag::INTEGER, "INTEGER", |value| {
                    let small = value.to_i64().ok().map(i128::from);
                    match named_numbers
                        .iter()
                        .find(|named| Some(named.value) == small)
                    {
                        Some(named) => Value::Enum {
                            name: Some(named.name.clone()),
                            number: named.value,
                        },
                        None => Value::Integer(value.as_bytes().to_vec()),
                    }
                })
            }
            TypeKind::Enumerated {
                root, additions, ..
            } => {
                leaf!(der::Enumerated, Tag::ENUMERATED, "ENUMERATED", |value| {
                    let number = i128::from(value.0);
                    let named = root
                        .iter()
                        .chain(additions)
                        .find(|named| named.value == number);
                    Value::Enum {
                        name: named.map(|named| named.name.clone()),
                        number,
                    }
                })
            }
            TypeKind::BitString { named_bits } => {
                let (value, offset, header_len, content_len) =
                    self.primitive::<der::BitString>(reader, Tag::BIT_STRING, implicit, path)?;
                if !named_bits.is_empty() {
                    value.check_named_bits(offset).at(path)?;
                }
                let bits = Value::BitString {
                    unused_bits: value.unused_bits(),
                    bytes: value.raw_bytes().to_vec(),
                };
                let mut node = self.node(name, path, "BIT STRING", bits);
                node.offset = offset;
                node.header_len = header_len;
                node.content_len = content_len;
                Ok(node)
            }
            TypeKind::OctetString => {
                leaf!(&[u8], Tag::OCTET_STRING, "OCTET STRING", |value| {
                    Value::Bytes(value.to_vec())
                })
            }
            TypeKind::ObjectIdentifier => {
                leaf!(
                    der::ObjectIdentifier,
                    Tag::OBJECT_IDENTIFIER,
                    "OBJECT IDENTIFIER",
                    |value| {
                        let arcs: Vec<u128> = value.arcs().collect();
                        let name = self.context.schemas.oid_names.get(&arcs).cloned();
                        Value::ObjectIdentifier { arcs, name }
                    }
                )
            }
            TypeKind::CharacterString(string) => {
                self.decode_string(reader, *string, name, path, implicit)
            }
            TypeKind::UtcTime => leaf!(der::UtcTime, Tag::UTC_TIME, "UTCTime", |value| {
                Value::Time(format_time(value.date_time()))
            }),
            TypeKind::GeneralizedTime => {
                leaf!(
                    der::GeneralizedTime,
                    Tag::GENERALIZED_TIME,
                    "GeneralizedTime",
                    |value| Value::Time(format_time(value.date_time()))
                )
            }
            TypeKind::Real | TypeKind::RelativeOid | TypeKind::Any { .. } => {
                // NOTE: like the generated code, REAL, RELATIVE-OID and ANY are kept as
                // raw TLVs, with no check of their content.
                self.decode_any(reader, name, path, "ANY")
            }
            TypeKind::List { kind, element, .. } => {
                self.decode_list(reader, *kind, element, name, path, implicit)
            }
            TypeKind::Structure {
                kind: StructureKind::Choice,
                components,
                extensible,
            } => self.decode_choice(reader, components, *extensible, name, path),
            TypeKind::Structure {
                kind,
                components,
                extensible,
            } => {
                self.decode_structure(reader, *kind, components, *extensible, name, path, implicit)
            }
        }
    }

    fn decode_string(
        &self,
        reader: &mut Reader<'_>,
        string: StringType,
        name: &str,
        path: &str,
        implicit: Option<Tag>,
    ) -> Result<Node, Problem> {
        macro_rules! text {
            ($rust:ty, $tag:expr, |$value:ident| $convert:expr) => {{
                let ($value, offset, header_len, content_len) =
                    self.primitive::<$rust>(reader, $tag, implicit, path)?;
                let mut node = self.node(name, path, string.asn1_name(), Value::Text($convert));
                node.offset = offset;
                node.header_len = header_len;
                node.content_len = content_len;
                Ok(node)
            }};
        }
        match string {
            StringType::Utf8 => text!(der::Utf8String, Tag::UTF8_STRING, |v| v.as_str().into()),
            StringType::Printable => {
                text!(der::PrintableString, Tag::PRINTABLE_STRING, |v| v
                    .as_str()
                    .into())
            }
            StringType::Ia5 => text!(der::Ia5String, Tag::IA5_STRING, |v| v.as_str().into()),
            StringType::Numeric => {
                text!(der::NumericString, Tag::NUMERIC_STRING, |v| v
                    .as_str()
                    .into())
            }
            StringType::Visible => {
                text!(der::VisibleString, Tag::VISIBLE_STRING, |v| v
                    .as_str()
                    .into())
            }
            StringType::Teletex => text!(der::TeletexString, Tag::TELETEX_STRING, |v| {
                v.as_bytes().iter().map(|&byte| char::from(byte)).collect()
            }),
            StringType::Bmp => text!(der::BmpString, Tag::BMP_STRING, |v| v.chars().collect()),
            StringType::Universal => {
                text!(der::UniversalString, Tag::UNIVERSAL_STRING, |v| v
                    .chars()
                    .collect())
            }
            StringType::General
            | StringType::Graphic
            | StringType::Videotex
            | StringType::ObjectDescriptor => {
                self.decode_any(reader, name, path, string.asn1_name())
            }
        }
    }

    fn decode_any(
        &self,
        reader: &mut Reader<'_>,
        name: &str,
        path: &str,
        type_name: &str,
    ) -> Result<Node, Problem> {
        let start = reader.offset();
        let any = reader.read_any().at(path)?;
        let mut node = match readable_text(any.tag(), any.value()) {
            // An open type (an attribute value) often contains a string: show it as text,
            // without the character set checks a declared string type gets.
            Some((string, text)) => self.node(name, path, string, Value::Text(text)),
            None => self.node(name, path, type_name, Value::Bytes(any.value().to_vec())),
        };
        node.offset = start;
        node.content_len = any.value().len();
        node.header_len = reader.offset() - start - node.content_len;
        Ok(node)
    }

    fn decode_list(
        &self,
        reader: &mut Reader<'_>,
        kind: ListKind,
        element: &Type,
        name: &str,
        path: &str,
        implicit: Option<Tag>,
    ) -> Result<Node, Problem> {
        let (universal, type_name) = match kind {
            ListKind::SequenceOf => (Tag::SEQUENCE, "SEQUENCE OF"),
            ListKind::SetOf => (Tag::SET, "SET OF"),
        };
        let tag = implicit.map_or(universal, Tag::constructed);
        let start = reader.offset();
        let mut content = reader.read_tlv(tag).at(path)?;
        let content_start = content.offset();
        let content_len = content.remaining().len();

        let mut elements: Vec<Node> = Vec::new();
        let mut previous: Option<&[u8]> = None;
        while !content.is_empty() {
            let offset = content.offset();
            let before = content.remaining();
            let index = elements.len();
            let element_path = format!("{path}[{index}]");
            let node = self.decode_tagged(
                &mut content,
                &element.tags,
                element,
                &format!("[{index}]"),
                &element_path,
                None,
            )?;
            let encoding = &before[..before.len() - content.remaining().len()];
            if kind == ListKind::SetOf {
                if let Some(previous) = previous {
                    der::check_set_of_order(previous, encoding, offset).at(&element_path)?;
                }
                previous = Some(encoding);
            }
            elements.push(node);
        }

        let mut node = self.node(name, path, type_name, Value::List(elements));
        node.offset = start;
        node.header_len = content_start - start;
        node.content_len = content_len;
        Ok(node)
    }

    #[allow(clippy::too_many_arguments)]
    fn decode_structure(
        &self,
        reader: &mut Reader<'_>,
        kind: StructureKind,
        components: &[Component],
        extensible: bool,
        name: &str,
        path: &str,
        implicit: Option<Tag>,
    ) -> Result<Node, Problem> {
        let (universal, type_name) = match kind {
            StructureKind::Set => (Tag::SET, "SET"),
            _ => (Tag::SEQUENCE, "SEQUENCE"),
        };
        let tag = implicit.map_or(universal, Tag::constructed);
        let start = reader.offset();
        let mut content = reader.read_tlv(tag).at(path)?;
        let content_start = content.offset();
        let content_len = content.remaining().len();

        let mut children = Vec::new();
        for component in set_order(kind, components) {
            if let Some(child) = self.decode_component(&mut content, component, path)? {
                children.push(child);
            }
        }
        if extensible {
            // Components after the extension marker that the schema does not name.
            while !content.is_empty() {
                content.read_any().at(path)?;
            }
        }
        content.finish().at(path)?;

        let mut node = self.node(name, path, type_name, Value::Struct(children));
        node.offset = start;
        node.header_len = content_start - start;
        node.content_len = content_len;
        Ok(node)
    }

    /// Decodes one SEQUENCE or SET component, or returns `None` when an OPTIONAL or
    /// DEFAULT component is absent.
    fn decode_component(
        &self,
        reader: &mut Reader<'_>,
        component: &Component,
        path: &str,
    ) -> Result<Option<Node>, Problem> {
        let path = format!("{path}.{}", component.name);
        let addition = matches!(
            component.placement,
            Placement::Addition | Placement::AdditionGroup { .. }
        );
        let optional = matches!(component.presence, Presence::Optional)
            || (addition && matches!(component.presence, Presence::Required));
        let may_be_absent = optional || matches!(component.presence, Presence::Default(_));
        if may_be_absent
            && !reader
                .peek_tag()
                .is_some_and(|tag| self.component_accepts(component, tag))
        {
            return Ok(None);
        }
        let offset = reader.offset();
        let node = self.decode_tagged(
            reader,
            &component.ty.tags,
            &component.ty,
            &component.name,
            &path,
            None,
        )?;
        if let Presence::Default(default) = &component.presence {
            if equals_default(&node.value, default) {
                return Err(Problem::decode(
                    Error::new(ErrorKind::EncodedDefault, offset),
                    &path,
                ));
            }
        }
        Ok(Some(node))
    }

    fn decode_choice(
        &self,
        reader: &mut Reader<'_>,
        components: &[Component],
        extensible: bool,
        name: &str,
        path: &str,
    ) -> Result<Node, Problem> {
        let offset = reader.offset();
        let tag = reader.next_tag().at(path)?;
        let chosen = components
            .iter()
            .find(|component| self.component_accepts(component, tag));
        let alternative = match chosen {
            Some(component) => {
                let path = format!("{path}.{}", component.name);
                self.decode_tagged(
                    reader,
                    &component.ty.tags,
                    &component.ty,
                    &component.name,
                    &path,
                    None,
                )?
            }
            None if extensible => self.decode_any(reader, "unknown", path, "ANY")?,
            None => {
                let error = Error::new(ErrorKind::UnknownTag { actual: tag }, offset);
                return Err(Problem::decode(error, path));
            }
        };
        let (offset, header_len, content_len) = (
            alternative.offset,
            alternative.header_len,
            alternative.content_len,
        );
        let mut node = self.node(name, path, "CHOICE", Value::Choice(Box::new(alternative)));
        node.offset = offset;
        node.header_len = header_len;
        node.content_len = content_len;
        Ok(node)
    }

    /// Tells whether a TLV tagged `tag` starts `component`, as the generated presence
    /// test does: a tagged component by class and number alone.
    fn component_accepts(&self, component: &Component, tag: Tag) -> bool {
        match component.ty.tags.first() {
            Some(first) => to_tag(first, 0, "").is_ok_and(|own| tag.with_constructed(false) == own),
            None => self.type_accepts(&component.ty, tag, 0),
        }
    }

    /// Tells whether a TLV tagged `tag` can be a value of `ty`.
    fn type_accepts(&self, ty: &Type, tag: Tag, depth: usize) -> bool {
        if depth > 64 {
            return false;
        }
        if let Some(first) = ty.tags.first() {
            let Ok(own) = to_tag(first, 0, "") else {
                return false;
            };
            return match first.mode {
                TagMode::Explicit => tag == own.constructed(),
                TagMode::Implicit => tag.with_constructed(false) == own,
            };
        }
        let universal = |expected: Tag| tag == expected;
        match &ty.kind {
            TypeKind::Reference { target, .. } => {
                self.type_accepts(&self.ir.type_assignment(*target).ty, tag, depth + 1)
            }
            TypeKind::Structure {
                kind: StructureKind::Choice,
                components,
                extensible,
            } => {
                *extensible
                    || components.is_empty()
                    || components
                        .iter()
                        .any(|component| self.component_accepts(component, tag))
            }
            TypeKind::Structure {
                kind: StructureKind::Set,
                ..
            } => universal(Tag::SET),
            TypeKind::Structure { .. } => universal(Tag::SEQUENCE),
            TypeKind::List {
                kind: ListKind::SetOf,
                ..
            } => universal(Tag::SET),
            TypeKind::List { .. } => universal(Tag::SEQUENCE),
            TypeKind::Boolean => universal(Tag::BOOLEAN),
            TypeKind::Null => universal(Tag::NULL),
            TypeKind::Integer { .. } => universal(Tag::INTEGER),
            TypeKind::Enumerated { .. } => universal(Tag::ENUMERATED),
            TypeKind::BitString { .. } => universal(Tag::BIT_STRING),
            TypeKind::OctetString => universal(Tag::OCTET_STRING),
            TypeKind::ObjectIdentifier => universal(Tag::OBJECT_IDENTIFIER),
            TypeKind::UtcTime => universal(Tag::UTC_TIME),
            TypeKind::GeneralizedTime => universal(Tag::GENERALIZED_TIME),
            TypeKind::CharacterString(string) => match string_tag(*string) {
                Some(expected) => universal(expected),
                None => true,
            },
            TypeKind::Real | TypeKind::RelativeOid | TypeKind::Any { .. } => true,
        }
    }
}

/// Returns the universal tag of a string type the runtime checks, or `None` for those
/// kept raw.
fn string_tag(string: StringType) -> Option<Tag> {
    Some(match string {
        StringType::Utf8 => Tag::UTF8_STRING,
        StringType::Printable => Tag::PRINTABLE_STRING,
        StringType::Ia5 => Tag::IA5_STRING,
        StringType::Numeric => Tag::NUMERIC_STRING,
        StringType::Visible => Tag::VISIBLE_STRING,
        StringType::Teletex => Tag::TELETEX_STRING,
        StringType::Bmp => Tag::BMP_STRING,
        StringType::Universal => Tag::UNIVERSAL_STRING,
        _ => return None,
    })
}

/// Returns the type name and text of a TLV carrying a UTF-8 or ASCII string type, or
/// `None` for other tags and for content that is not UTF-8.
fn readable_text(tag: Tag, content: &[u8]) -> Option<(&'static str, String)> {
    let name = match tag {
        Tag::UTF8_STRING => "UTF8String",
        Tag::PRINTABLE_STRING => "PrintableString",
        Tag::IA5_STRING => "IA5String",
        Tag::VISIBLE_STRING => "VisibleString",
        Tag::NUMERIC_STRING => "NumericString",
        _ => return None,
    };
    let text = std::str::from_utf8(content).ok()?;
    Some((name, text.to_string()))
}

/// Returns the primitive form of a tag written in the schema.
fn to_tag(tag: &ir::Tag, offset: usize, path: &str) -> Result<Tag, Problem> {
    let class = match tag.class {
        TagClass::Universal => Class::Universal,
        TagClass::Application => Class::Application,
        TagClass::ContextSpecific => Class::ContextSpecific,
        TagClass::Private => Class::Private,
    };
    let number = u32::try_from(tag.number)
        .map_err(|_| Problem::unsupported("a tag number above 2^32-1", offset, path))?;
    Ok(Tag::new(class, false, number))
}

/// Components in decoding order: DER puts SET components in the canonical order of their
/// tags (X.690 10.3), which needs one known tag per component.
fn set_order(kind: StructureKind, components: &[Component]) -> Vec<&Component> {
    let mut ordered: Vec<&Component> = components.iter().collect();
    if kind != StructureKind::Set {
        return ordered;
    }
    let keys: Option<Vec<(u8, u64)>> = components
        .iter()
        .map(|component| match &component.outer_tags {
            ir::OuterTags::One(class, number) => Some((class_rank(*class), *number)),
            _ => None,
        })
        .collect();
    if let Some(keys) = keys {
        let mut indices: Vec<usize> = (0..components.len()).collect();
        indices.sort_by_key(|&index| keys[index]);
        ordered = indices
            .into_iter()
            .map(|index| &components[index])
            .collect();
    }
    ordered
}

fn class_rank(class: TagClass) -> u8 {
    match class {
        TagClass::Universal => 0,
        TagClass::Application => 1,
        TagClass::ContextSpecific => 2,
        TagClass::Private => 3,
    }
}

/// Tells whether a decoded value equals a DEFAULT value, for the kinds the generated code
/// compares (INTEGER, named numbers and BOOLEAN).
fn equals_default(value: &Value, default: &ir::Value) -> bool {
    match (value, default) {
        (Value::Integer(bytes), ir::Value::Integer(number)) => i64::try_from(*number)
            .is_ok_and(|number| der::Integer::from_i64(number).as_bytes() == bytes.as_slice()),
        (Value::Enum { number, .. }, ir::Value::Integer(default)) => number == default,
        (Value::Enum { number, .. }, ir::Value::Enumerated { value, .. }) => number == value,
        (Value::Boolean(flag), ir::Value::Boolean(default)) => flag == default,
        // NOTE: DEFAULT values of other kinds (strings, BIT STRINGs, structures) are not
        // compared. So an encoded default of those kinds is accepted here, where generated
        // code may reject it.
        _ => false,
    }
}

/// Returns the SIZE range of a SEQUENCE OF or SET OF, as the emitter reads it.
fn size_range(constraints: &[Constraint]) -> Option<(u64, Option<u64>)> {
    constraints.iter().find_map(|constraint| {
        let Some(ElementSet::Element(Element::Size(size))) = &constraint.root else {
            return None;
        };
        match &size.root {
            Some(ElementSet::Element(Element::Range { lower, upper })) => {
                let floor = match lower {
                    Endpoint::Min => 0,
                    Endpoint::Value {
                        value: ir::Value::Integer(number),
                        ..
                    } => u64::try_from(*number).ok()?,
                    _ => return None,
                };
                let ceiling = match upper {
                    Endpoint::Max => None,
                    Endpoint::Value {
                        value: ir::Value::Integer(number),
                        ..
                    } => Some(u64::try_from(*number).ok()?),
                    _ => return None,
                };
                Some((floor, ceiling))
            }
            Some(ElementSet::Element(Element::SingleValue(ir::Value::Integer(number)))) => {
                let size = u64::try_from(*number).ok()?;
                Some((size, Some(size)))
            }
            _ => None,
        }
    })
}

/// Formats a DER time as RFC 3339 UTC, with fractional seconds when there are any.
fn format_time(time: der::DateTime) -> String {
    let mut text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    );
    if time.nanosecond() != 0 {
        let fraction = format!("{:09}", time.nanosecond());
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text.push('Z');
    text
}
