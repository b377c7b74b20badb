//! Decoding by the TLS presentation language IR (RFC 8446 section 3): the same runtime
//! reads, in the same order, as the code the TLS emitter generates.

use rfcodec::tls::{Reader, VectorRange};
use rfcodec::{Error, ErrorKind};
use rfcodec_codegen::tls::ir::{
    CaseLabel, Enum, Field, FixedLength, FixedValue, LengthPrefix, Member, Modifier, PathRoot,
    Schema, Select, SelectorSource, Shape, Struct, TypeBody, TypeId, TypeRef,
};
use rfcodec_codegen::tls::sizes;

use crate::layers::Context;
use crate::schemas::{Encoding, TypeRef as AnyType};
use crate::tree::{AtPath, Node, Problem, Value};

/// Largest `<V>` length the emitter allows: RFC 9420 section 2.1.2 limits variable-length
/// integers to 2^30-1.
const VARINT_MAX: u64 = (1 << 30) - 1;

/// Numbers decoded so far in each enclosing struct body, innermost last, for selectors
/// and length fields.
type Scopes = Vec<Vec<(String, u64)>>;

pub(crate) struct TlsDecoder<'c, 's> {
    context: &'c Context<'s>,
    index: usize,
    schema: &'s Schema,
    sizes: Vec<Option<u64>>,
}

impl<'c, 's> TlsDecoder<'c, 's> {
    pub fn new(context: &'c Context<'s>, index: usize) -> Self {
        let schema = &context.schemas.tls[index];
        let sizes = sizes::fixed_sizes(schema, &sizes::edges(schema));
        Self {
            context,
            index,
            schema,
            sizes,
        }
    }

    /// Decodes one value of the type `id`, then applies the bindings about that type.
    pub fn decode_type(
        &self,
        reader: &mut Reader<'_>,
        id: TypeId,
        name: &str,
        path: &str,
    ) -> Result<Node, Problem> {
        let def = self.schema.type_def(id);
        let start = reader.offset();
        let mut node = match &def.body {
            TypeBody::Enum(body) => self.decode_enum(reader, body, &def.name, name, path)?,
            TypeBody::Alias(alias) => {
                if alias.modifier.is_some() {
                    return Err(Problem::unsupported("a modified alias", start, path));
                }
                self.decode_shaped(reader, &alias.element, &alias.shape, name, path)?
            }
            TypeBody::Struct(body) => {
                let children = self.decode_members(reader, body, path, &mut Vec::new())?;
                self.node(
                    name,
                    path,
                    start,
                    0,
                    reader.offset() - start,
                    Value::Struct(children),
                )
            }
        };
        node.type_name = def.name.clone();
        let ty = AnyType::Tls {
            schema: self.index,
            id,
        };
        self.context.apply_bindings(ty, &mut node);
        Ok(node)
    }

    fn node(
        &self,
        name: &str,
        path: &str,
        offset: usize,
        header_len: usize,
        content_len: usize,
        value: Value,
    ) -> Node {
        Node {
            name: name.to_string(),
            path: path.to_string(),
            type_name: String::new(),
            encoding: Encoding::Tls,
            offset,
            header_len,
            content_len,
            value,
            layer: None,
            problem: None,
            annotations: Vec::new(),
        }
    }

    fn decode_enum(
        &self,
        reader: &mut Reader<'_>,
        body: &Enum,
        type_name: &str,
        name: &str,
        path: &str,
    ) -> Result<Node, Problem> {
        let offset = reader.offset();
        let number = reader.read_uint(usize::from(body.width)).at(path)?;
        let member = body
            .members
            .iter()
            .find(|member| (member.first..=member.last).contains(&number));
        if member.is_none() && !self.context.schemas.open_enums.contains(type_name) {
            let error = Error::new(ErrorKind::UnknownEnumValue { value: number }, offset);
            return Err(Problem::decode(error, path));
        }
        let value = Value::Enum {
            name: member.map(|member| member.name.clone()),
            number: i128::from(number),
        };
        Ok(self.node(name, path, offset, 0, usize::from(body.width), value))
    }

    /// Decodes the members of a struct body or select case in wire order.
    fn decode_members(
        &self,
        reader: &mut Reader<'_>,
        body: &Struct,
        path: &str,
        scopes: &mut Scopes,
    ) -> Result<Vec<Node>, Problem> {
        scopes.push(Vec::new());
        let mut children = Vec::new();
        for (index, member) in body.members.iter().enumerate() {
            let counted = body.length_links.iter().find(|link| {
                link.counted == index
                    && link.length.root == PathRoot::Enclosing { levels_up: 0 }
                    && link.length.fields.len() == 1
            });
            let decoded = match counted {
                Some(link) => {
                    let length = lookup(scopes, 0, &link.length.fields[0]).unwrap_or(0);
                    let options = reader.options();
                    let length = usize::try_from(length).unwrap_or(usize::MAX);
                    let bytes = reader.read_bytes(length).at(path)?;
                    let mut counted = Reader::with_options(bytes, options);
                    let decoded = self.decode_member(&mut counted, member, path, scopes)?;
                    counted.finish().at(path)?;
                    decoded
                }
                None => self.decode_member(reader, member, path, scopes)?,
            };
            for child in decoded {
                record(scopes, &child);
                children.push(child);
            }
        }
        scopes.pop();
        Ok(children)
    }

    fn decode_member(
        &self,
        reader: &mut Reader<'_>,
        member: &Member,
        path: &str,
        scopes: &mut Scopes,
    ) -> Result<Vec<Node>, Problem> {
        match member {
            Member::Field(field) => {
                let path = format!("{path}.{}", field.name);
                Ok(vec![self.decode_field(reader, field, &path)?])
            }
            Member::Struct(nested) if nested.body.modifier == Some(Modifier::DigitallySigned) => {
                // RFC 5246 section 4.7: on the wire, the algorithm and the signature.
                let name = nested.name.clone().unwrap_or_else(|| "signature".into());
                let path = format!("{path}.{name}");
                let Some(id) = self.schema.find("DigitallySigned") else {
                    let what = "`digitally-signed` without RFC 5246's DigitallySigned";
                    return Err(Problem::unsupported(what, reader.offset(), &path));
                };
                Ok(vec![self.decode_type(reader, id, &name, &path)?])
            }
            Member::Struct(nested) => match &nested.name {
                Some(name) => {
                    let path = format!("{path}.{name}");
                    let start = reader.offset();
                    let children = self.decode_members(reader, &nested.body, &path, scopes)?;
                    let length = reader.offset() - start;
                    let mut node =
                        self.node(name, &path, start, 0, length, Value::Struct(children));
                    node.type_name = "struct".into();
                    Ok(vec![node])
                }
                None => self.decode_members(reader, &nested.body, path, scopes),
            },
            Member::Select(select) => Ok(vec![self.decode_select(reader, select, path, scopes)?]),
            Member::Value { ty, .. } => {
                let path = format!("{path}.value");
                Ok(vec![self.decode_ref(reader, ty, "value", &path)?])
            }
        }
    }

    fn decode_field(
        &self,
        reader: &mut Reader<'_>,
        field: &Field,
        path: &str,
    ) -> Result<Node, Problem> {
        let start = reader.offset();
        if field.modifier == Some(Modifier::PublicKeyEncrypted) {
            // RFC 5246 section 4.7: encoded as opaque<0..2^16-1>.
            let bytes = reader.read_opaque(VectorRange::new(0, 0xffff)).at(path)?;
            let value = Value::Bytes(bytes.to_vec());
            let mut node = self.node(&field.name, path, start, 2, bytes.len(), value);
            node.type_name = "opaque".into();
            return Ok(node);
        }
        if let (Some(fixed), Shape::Single) = (&field.fixed_value, &field.shape) {
            if let Some(node) = self.decode_fixed_value(reader, field, fixed, path)? {
                return Ok(node);
            }
        }
        if let Shape::Fixed(FixedLength::Field(_) | FixedLength::External(_)) = field.shape {
            // The length lives outside this struct; the generated code keeps the rest.
            let rest = reader.remaining().len();
            let bytes = reader.read_bytes(rest).at(path)?;
            let value = Value::Bytes(bytes.to_vec());
            let mut node = self.node(&field.name, path, start, 0, rest, value);
            node.type_name = "opaque".into();
            return Ok(node);
        }
        self.decode_shaped(reader, &field.element, &field.shape, &field.name, path)
    }

    /// Decodes a field with a fixed value (`SignatureType signature_type = tree_hash;`),
    /// or returns `None` when the value is not a number.
    fn decode_fixed_value(
        &self,
        reader: &mut Reader<'_>,
        field: &Field,
        fixed: &FixedValue,
        path: &str,
    ) -> Result<Option<Node>, Problem> {
        let expected = match fixed {
            FixedValue::Number(number) => *number,
            FixedValue::EnumMember { value, .. } => *value,
            _ => return Ok(None),
        };
        let width = match &field.element {
            TypeRef::Uint { bytes } => *bytes,
            TypeRef::Named(id) => match &self.schema.type_def(*id).body {
                TypeBody::Enum(body) => body.width,
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let offset = reader.offset();
        let actual = reader.read_uint(usize::from(width)).at(path)?;
        rfcodec::tls::check_fixed(expected, actual, offset).at(path)?;
        let value = match fixed {
            FixedValue::EnumMember { name, .. } => Value::Enum {
                name: Some(name.clone()),
                number: i128::from(actual),
            },
            _ => Value::Uint(actual),
        };
        Ok(Some(self.node(
            &field.name,
            path,
            offset,
            0,
            usize::from(width),
            value,
        )))
    }

    fn decode_shaped(
        &self,
        reader: &mut Reader<'_>,
        element: &TypeRef,
        shape: &Shape,
        name: &str,
        path: &str,
    ) -> Result<Node, Problem> {
        let start = reader.offset();
        let bytes_only = matches!(element, TypeRef::Opaque | TypeRef::Uint { bytes: 1 });
        match shape {
            Shape::Single => self.decode_ref(reader, element, name, path),
            Shape::Fixed(FixedLength::Bytes(size)) => {
                let size = usize::try_from(*size).unwrap_or(usize::MAX);
                let bytes = reader.read_bytes(size).at(path)?;
                if bytes_only {
                    let mut node =
                        self.node(name, path, start, 0, size, Value::Bytes(bytes.to_vec()));
                    node.type_name = "opaque".into();
                    return Ok(node);
                }
                let options = reader.options().with_base_offset(start);
                let mut content = Reader::with_options(bytes, options);
                let elements = self.decode_elements(&mut content, element, path)?;
                let mut node = self.node(name, path, start, 0, size, Value::List(elements));
                node.type_name = "vector".into();
                Ok(node)
            }
            Shape::Fixed(_) => Err(Problem::unsupported(
                "a fixed vector sized by another field",
                start,
                path,
            )),
            Shape::Variable {
                floor,
                ceiling,
                prefix,
            } => {
                let ceiling = ceiling.unwrap_or(VARINT_MAX);
                let element_size = sizes::size_of_type(element, &self.sizes)
                    .unwrap_or(1)
                    .max(1);
                let range = VectorRange::new(to_usize(*floor), to_usize(ceiling))
                    .with_element_size(to_usize(element_size));
                if bytes_only {
                    let bytes = match prefix {
                        LengthPrefix::Bytes(_) => reader.read_opaque(range).at(path)?,
                        LengthPrefix::Varint => reader.read_varint_opaque(ceiling).at(path)?,
                    };
                    let header = reader.offset() - start - bytes.len();
                    let value = Value::Bytes(bytes.to_vec());
                    let mut node = self.node(name, path, start, header, bytes.len(), value);
                    node.type_name = "opaque".into();
                    return Ok(node);
                }
                let mut content = match prefix {
                    LengthPrefix::Bytes(_) => reader.read_vector(range).at(path)?,
                    LengthPrefix::Varint => reader.read_varint_vector(ceiling).at(path)?,
                };
                let content_start = content.offset();
                let content_len = content.remaining().len();
                let elements = self.decode_elements(&mut content, element, path)?;
                let header = content_start - start;
                let mut node = self.node(
                    name,
                    path,
                    start,
                    header,
                    content_len,
                    Value::List(elements),
                );
                node.type_name = "vector".into();
                Ok(node)
            }
        }
    }

    /// Decodes the elements of a vector's content, as `rfcodec::tls::List` does.
    fn decode_elements(
        &self,
        content: &mut Reader<'_>,
        element: &TypeRef,
        path: &str,
    ) -> Result<Vec<Node>, Problem> {
        let mut elements = Vec::new();
        while !content.is_empty() {
            let before = content.offset();
            let index = elements.len();
            let name = format!("[{index}]");
            let element_path = format!("{path}[{index}]");
            let node = self.decode_ref(content, element, &name, &element_path)?;
            if content.offset() == before {
                let count = content.remaining().len();
                let error = Error::new(ErrorKind::TrailingData { count }, before);
                return Err(Problem::decode(error, &element_path));
            }
            elements.push(node);
        }
        Ok(elements)
    }

    fn decode_ref(
        &self,
        reader: &mut Reader<'_>,
        ty: &TypeRef,
        name: &str,
        path: &str,
    ) -> Result<Node, Problem> {
        let start = reader.offset();
        match ty {
            TypeRef::Uint { bytes } => {
                let value = reader.read_uint(usize::from(*bytes)).at(path)?;
                let mut node = self.node(
                    name,
                    path,
                    start,
                    0,
                    usize::from(*bytes),
                    Value::Uint(value),
                );
                node.type_name = format!("uint{}", u32::from(*bytes) * 8);
                Ok(node)
            }
            TypeRef::Opaque => {
                let byte = reader.read_u8().at(path)?;
                let mut node = self.node(name, path, start, 0, 1, Value::Bytes(vec![byte]));
                node.type_name = "opaque".into();
                Ok(node)
            }
            TypeRef::Named(id) => self.decode_type(reader, *id, name, path),
            TypeRef::Optional(inner) => {
                let presence = reader.read_u8().at(path)?;
                match presence {
                    0 => Ok(self.node(name, path, start, 1, 0, Value::Absent)),
                    1 => {
                        let decoded = reader
                            .enter(|reader| Ok(self.decode_ref(reader, inner, name, path)))
                            .at(path)?;
                        let mut node = decoded?;
                        node.header_len += 1;
                        node.offset = start;
                        Ok(node)
                    }
                    value => {
                        let error = Error::new(ErrorKind::InvalidPresence { value }, start);
                        Err(Problem::decode(error, path))
                    }
                }
            }
            TypeRef::Generic { .. } | TypeRef::Param(_) => {
                // NOTE: parameterized definitions (`optional<T>` defined in the schema)
                // are not interpreted yet; decoding them needs the arguments substituted
                // into the definition's members.
                Err(Problem::unsupported("a parameterized type", start, path))
            }
        }
    }

    fn decode_select(
        &self,
        reader: &mut Reader<'_>,
        select: &Select,
        path: &str,
        scopes: &mut Scopes,
    ) -> Result<Node, Problem> {
        let name = select.name.clone().unwrap_or_else(|| "body".into());
        let path = format!("{path}.{name}");
        let start = reader.offset();
        let selector = match &select.selector.source {
            SelectorSource::Presence => return self.decode_presence(reader, select, &path),
            SelectorSource::Field(field) => match field.root {
                PathRoot::Enclosing { levels_up } => {
                    lookup(scopes, levels_up, &field.fields.join("."))
                }
                PathRoot::Type(_) if field.fields.len() == 1 => {
                    lookup(scopes, scopes.len().saturating_sub(1), &field.fields[0])
                }
                PathRoot::Type(_) => None,
            },
            SelectorSource::Negotiated(_) => None,
        };
        // NOTE: a selector from outside the message (`select (Handshake.msg_type)` in an
        // extension, or a negotiated value) is reported as unsupported; generated code
        // takes it as a decode parameter, which `inspect` has no option for yet.
        let Some(selector) = selector else {
            let what = format!(
                "`select ({})` on a value from outside the message",
                select.selector.text
            );
            return Err(Problem::unsupported(what, start, &path));
        };
        let case = select.cases.iter().find(|case| {
            case.labels.iter().any(|label| match label {
                CaseLabel::Member { value, .. } | CaseLabel::Number(value) => *value == selector,
                CaseLabel::Bool(flag) => *flag == (selector != 0),
            })
        });
        let Some(case) = case else {
            let error = Error::new(ErrorKind::UnknownSelector { value: selector }, start);
            return Err(Problem::decode(error, &path));
        };
        let label = match &case.labels[0] {
            CaseLabel::Member { name, .. } => name.clone(),
            CaseLabel::Number(number) => number.to_string(),
            CaseLabel::Bool(flag) => flag.to_string(),
        };
        let body = Struct {
            modifier: None,
            members: case.members.clone(),
            length_links: Vec::new(),
        };
        let children = self.decode_members(reader, &body, &path, scopes)?;
        let length = reader.offset() - start;
        let mut case_node = self.node(&label, &path, start, 0, length, Value::Struct(children));
        case_node.type_name = "case".into();
        let mut node = self.node(
            &name,
            &path,
            start,
            0,
            length,
            Value::Choice(Box::new(case_node)),
        );
        node.type_name = "select".into();
        Ok(node)
    }

    /// RFC 5246's `select (extensions_present)`: present when bytes remain.
    fn decode_presence(
        &self,
        reader: &mut Reader<'_>,
        select: &Select,
        path: &str,
    ) -> Result<Node, Problem> {
        let start = reader.offset();
        let name = select.name.clone().unwrap_or_else(|| "body".into());
        if reader.is_empty() {
            return Ok(self.node(&name, path, start, 0, 0, Value::Absent));
        }
        let present = select
            .cases
            .iter()
            .find(|case| case.labels.contains(&CaseLabel::Bool(true)) && !case.members.is_empty());
        match present.and_then(|case| case.members.first()) {
            Some(Member::Field(field)) => {
                let path = format!("{path}.{}", field.name);
                self.decode_shaped(reader, &field.element, &field.shape, &field.name, &path)
            }
            _ => Err(Problem::unsupported("this presence select", start, path)),
        }
    }
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

/// Finds a number recorded `levels_up` struct bodies above the innermost one.
fn lookup(scopes: &Scopes, levels_up: usize, name: &str) -> Option<u64> {
    let index = scopes.len().checked_sub(1 + levels_up)?;
    scopes[index]
        .iter()
        .rev()
        .find(|(field, _)| field == name)
        .map(|(_, value)| *value)
}

/// Records a decoded number, and the numbers of a named nested struct as `name.field`,
/// so selectors and length fields can name them.
fn record(scopes: &mut Scopes, node: &Node) {
    let Some(scope) = scopes.last_mut() else {
        return;
    };
    match &node.value {
        Value::Uint(value) => scope.push((node.name.clone(), *value)),
        Value::Enum { number, .. } => {
            scope.push((
                node.name.clone(),
                u64::try_from(*number).unwrap_or(u64::MAX),
            ));
        }
        Value::Struct(children) => {
            for child in children {
                let number = match &child.value {
                    Value::Uint(value) => *value,
                    Value::Enum { number, .. } => u64::try_from(*number).unwrap_or(u64::MAX),
                    _ => continue,
                };
                scope.push((format!("{}.{}", node.name, child.name), number));
            }
        }
        _ => {}
    }
}
