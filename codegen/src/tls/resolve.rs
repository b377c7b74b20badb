//! Resolver of TLS presentation language schemas (RFC 8446 section 3, RFC 5246 section
//! 4): loads `use`d files, resolves names, computes widths, checks vectors, enums,
//! selects and recursion, and builds the IR. Every problem found is collected.

use std::collections::HashMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};
use crate::tls::ast;
use crate::tls::ir::*;
use crate::tls::loader::{Loader, join_use_path};
use crate::tls::parser::parse_file;
use crate::tls::scope::{PathEnd, Scope, uint_bytes};
use crate::tls::sizes;

/// Largest ceiling a length prefix can hold: 4 bytes (RFC 8446 section 3.4).
const MAX_CEILING: u64 = 0xFFFF_FFFF;

pub fn compile(root: Arc<SourceFile>, loader: &mut dyn Loader) -> Result<Schema, Vec<Diagnostic>> {
    let (files, parsed, mut diagnostics) = load_all(root, loader);
    if !diagnostics.is_empty() {
        sort(&mut diagnostics, &files);
        return Err(diagnostics);
    }

    let mut resolver = Resolver::new(&files, &parsed);
    let schema = resolver.resolve();
    let mut diagnostics = resolver.diagnostics;
    if diagnostics.is_empty() {
        Ok(schema)
    } else {
        sort(&mut diagnostics, &files);
        Err(diagnostics)
    }
}

/// Orders diagnostics by file, then by position, for stable output.
fn sort(diagnostics: &mut [Diagnostic], files: &[Arc<SourceFile>]) {
    let order = |diagnostic: &Diagnostic| {
        let file = files
            .iter()
            .position(|file| Arc::ptr_eq(file, &diagnostic.file))
            .unwrap_or(usize::MAX);
        (file, diagnostic.span.start)
    };
    diagnostics.sort_by_key(order);
}

/// Reads the root file and every file reached through `use`, each once.
fn load_all(
    root: Arc<SourceFile>,
    loader: &mut dyn Loader,
) -> (Vec<Arc<SourceFile>>, Vec<ast::SchemaFile>, Vec<Diagnostic>) {
    let mut files = vec![root];
    let mut parsed = Vec::new();
    let mut diagnostics = Vec::new();
    let mut index = 0;
    while index < files.len() {
        let file = Arc::clone(&files[index]);
        let (schema, problems) = parse_file(&file);
        diagnostics.extend(problems);
        for used in &schema.uses {
            let name = join_use_path(&file.name, &used.path);
            if files.iter().any(|known| known.name == name) {
                continue;
            }
            match loader.load(&name) {
                Ok(text) => files.push(SourceFile::new(name, text)),
                Err(error) => diagnostics.push(
                    Diagnostic::error(&file, used.span, format!("cannot read `{name}`: {error}"))
                        .with_help("`use` paths are relative to the file that contains the `use`"),
                ),
            }
        }
        parsed.push(schema);
        index += 1;
    }
    (files, parsed, diagnostics)
}

/// A fixed vector whose byte count must be a multiple of its element's size, checked
/// once all sizes are known.
struct PendingMultiple {
    file: FileId,
    span: Span,
    element: TypeRef,
    element_text: String,
    bytes: u64,
}

/// Position of the struct being resolved: its definition and the bodies around the
/// current member, outermost first.
struct Context<'a> {
    file: FileId,
    def: &'a ast::Definition,
    bodies: Vec<&'a [ast::Member]>,
}

struct Resolver<'a> {
    files: &'a [Arc<SourceFile>],
    scope: Scope<'a>,
    def_files: Vec<FileId>,
    constants: Vec<(FileId, &'a ast::Definition)>,
    diagnostics: Vec<Diagnostic>,
    pending_multiples: Vec<PendingMultiple>,
    digitally_signed_use: Option<(FileId, Span)>,
}

impl<'a> Resolver<'a> {
    /// Declares every name, reporting duplicates. A definition repeated verbatim in
    /// another file (RFC 6962 repeats RFC 5246's `opaque ASN.1Cert<1..2^24-1>;`) is the
    /// same definition and is kept once.
    fn new(files: &'a [Arc<SourceFile>], parsed: &'a [ast::SchemaFile]) -> Self {
        let mut resolver = Resolver {
            files,
            scope: Scope {
                defs: Vec::new(),
                by_name: HashMap::new(),
            },
            def_files: Vec::new(),
            constants: Vec::new(),
            diagnostics: Vec::new(),
            pending_multiples: Vec::new(),
            digitally_signed_use: None,
        };
        let mut constant_names: HashMap<&str, (FileId, &ast::Definition)> = HashMap::new();
        for (file_index, schema) in parsed.iter().enumerate() {
            let file = FileId(file_index);
            for def in &schema.definitions {
                if matches!(def.kind, ast::DefinitionKind::Constant { .. }) {
                    match constant_names.get(def.name.text.as_str()) {
                        Some(&(first_file, first)) => {
                            resolver.duplicate(file, def, first_file, first)
                        }
                        None => {
                            constant_names.insert(&def.name.text, (file, def));
                            resolver.constants.push((file, def));
                        }
                    }
                    continue;
                }
                if let Some(&id) = resolver.scope.by_name.get(def.name.text.as_str()) {
                    let first_file = resolver.def_files[id.0];
                    let first = resolver.scope.defs[id.0];
                    let same = first_file != file
                        && squeeze(resolver.text(first_file, first.span))
                            == squeeze(resolver.text(file, def.span));
                    if !same {
                        resolver.duplicate(file, def, first_file, first);
                    }
                    continue;
                }
                if uint_bytes(&def.name.text).is_some() || def.name.text == "opaque" {
                    let message = format!(
                        "`{}` is a built-in type and cannot be redefined",
                        def.name.text
                    );
                    resolver.error(
                        file,
                        def.name.span,
                        message,
                        "choose another name for this type",
                    );
                    continue;
                }
                let id = TypeId(resolver.scope.defs.len());
                resolver.scope.by_name.insert(&def.name.text, id);
                resolver.scope.defs.push(def);
                resolver.def_files.push(file);
            }
        }
        resolver
    }

    fn text(&self, file: FileId, span: Span) -> &'a str {
        &self.files[file.0].text[span.start..span.end]
    }

    fn error(
        &mut self,
        file: FileId,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::error(&self.files[file.0], span, message).with_help(help);
        self.diagnostics.push(diagnostic);
    }

    fn duplicate(
        &mut self,
        file: FileId,
        def: &ast::Definition,
        first_file: FileId,
        first: &ast::Definition,
    ) {
        let (line, column) = self.files[first_file.0].line_col(first.name.span.start);
        let first_name = &self.files[first_file.0].name;
        let message = format!("duplicate definition of `{}`", def.name.text);
        let help = format!(
            "the first definition is at {first_name}:{line}:{column}; rename or remove one of them"
        );
        self.error(file, def.name.span, message, help);
    }

    fn resolve(&mut self) -> Schema {
        let mut types = Vec::with_capacity(self.scope.defs.len());
        for index in 0..self.scope.defs.len() {
            let def = self.scope.defs[index];
            let file = self.def_files[index];
            let body = match &def.kind {
                ast::DefinitionKind::Struct(body) => {
                    let mut context = Context {
                        file,
                        def,
                        bodies: Vec::new(),
                    };
                    TypeBody::Struct(self.struct_body(&mut context, body, def.span))
                }
                ast::DefinitionKind::Enum { members, maximum } => {
                    TypeBody::Enum(self.enum_body(file, def, members, maximum.as_ref()))
                }
                ast::DefinitionKind::Alias {
                    modifier,
                    ty,
                    vector,
                } => {
                    self.note_modifier(file, *modifier, def.span);
                    let element = self.type_ref(file, def, ty);
                    let shape = self.shape(file, None, &element, ty, vector.as_ref());
                    TypeBody::Alias(Alias {
                        modifier: *modifier,
                        element,
                        shape,
                    })
                }
                ast::DefinitionKind::Constant { .. } => unreachable!("constants are kept apart"),
            };
            types.push(TypeDef {
                name: def.name.text.clone(),
                file,
                span: def.span,
                section_comment: def.section.clone(),
                declaration: self.text(file, def.span).to_string(),
                params: def.params.iter().map(|param| param.text.clone()).collect(),
                body,
            });
        }

        let constants = self.constants();
        let signature_algorithm = self.signature_algorithm();
        let mut schema = Schema {
            files: self.files.to_vec(),
            types,
            constants,
            signature_algorithm,
        };
        self.check_types(&mut schema);
        schema
    }

    fn constants(&mut self) -> Vec<Constant> {
        let mut out = Vec::new();
        for (file, def) in self.constants.clone() {
            let ast::DefinitionKind::Constant { ty, value } = &def.kind else {
                continue;
            };
            let resolved = self.type_ref(file, def, ty);
            let value = self.fixed_value(file, ty, std::slice::from_ref(value));
            out.push(Constant {
                name: def.name.text.clone(),
                file,
                span: def.span,
                ty: resolved,
                value,
            });
        }
        out
    }

    /// Finds `SignatureAndHashAlgorithm`, which every `digitally-signed` element starts
    /// with (RFC 5246 section 4.7).
    fn signature_algorithm(&mut self) -> Option<TypeId> {
        let (file, span) = self.digitally_signed_use?;
        let found = self.scope.by_name.get("SignatureAndHashAlgorithm").copied();
        if found.is_none() {
            self.error(
                file,
                span,
                "`digitally-signed` needs the type `SignatureAndHashAlgorithm`",
                "`use` a schema that defines it as RFC 5246 section 7.4.1.4.1 does",
            );
        }
        found
    }

    /// Records the first `digitally-signed`, whose keyword starts `span`.
    fn note_modifier(&mut self, file: FileId, modifier: Option<Modifier>, span: Span) {
        if modifier == Some(Modifier::DigitallySigned) && self.digitally_signed_use.is_none() {
            let keyword = "digitally-signed".len();
            self.digitally_signed_use = Some((file, Span::new(span.start, span.start + keyword)));
        }
    }

    /// Resolves a type name: built-ins, formal parameters, then definitions.
    fn type_ref(&mut self, file: FileId, def: &ast::Definition, ty: &ast::TypeRef) -> TypeRef {
        let name = ty.name.text.as_str();
        let args: Vec<TypeRef> = ty
            .args
            .iter()
            .map(|arg| self.type_ref(file, def, arg))
            .collect();
        let simple = |resolved: TypeRef, this: &mut Self| {
            if !ty.args.is_empty() {
                let message = format!("`{name}` takes no type arguments");
                this.error(
                    file,
                    ty.span,
                    message,
                    format!("write `{name}` without `<...>`"),
                );
            }
            resolved
        };

        if let Some(bytes) = uint_bytes(name) {
            return simple(TypeRef::Uint { bytes }, self);
        }
        if name == "opaque" {
            return simple(TypeRef::Opaque, self);
        }
        if let Some(index) = def.params.iter().position(|param| param.text == name) {
            return simple(TypeRef::Param(index), self);
        }
        match self.scope.by_name.get(name).copied() {
            Some(id) => {
                let params = self.scope.defs[id.0].params.len();
                if params == 0 {
                    return simple(TypeRef::Named(id), self);
                }
                if args.len() != params {
                    let message = format!(
                        "`{name}` takes {params} type argument(s), found {}",
                        args.len()
                    );
                    let help = format!("write `{name}<T>` with one type per parameter");
                    self.error(file, ty.span, message, help);
                }
                TypeRef::Generic { def: id, args }
            }
            None if name == "optional" && args.len() == 1 => {
                TypeRef::Optional(Box::new(args.into_iter().next().expect("one argument")))
            }
            None => {
                let message = format!("unknown type `{name}`");
                let help = format!("define `{name}` or `use` the file that defines it");
                self.error(file, ty.name.span, message, help);
                TypeRef::Opaque
            }
        }
    }

    /// Resolves a vector suffix and checks its numbers.
    fn shape(
        &mut self,
        file: FileId,
        context: Option<&Context<'a>>,
        element: &TypeRef,
        ty: &ast::TypeRef,
        vector: Option<&ast::Vector>,
    ) -> Shape {
        match vector {
            None => Shape::Single,
            Some(ast::Vector::Fixed { size, span }) => {
                let bytes = size.value.unwrap_or(0);
                self.pending_multiples.push(PendingMultiple {
                    file,
                    span: *span,
                    element: element.clone(),
                    element_text: ty.name.text.clone(),
                    bytes,
                });
                Shape::Fixed(FixedLength::Bytes(bytes))
            }
            Some(ast::Vector::Linked { path, .. }) => {
                Shape::Fixed(self.length_path(file, context, path))
            }
            Some(ast::Vector::Varint { .. }) => Shape::Variable {
                floor: 0,
                ceiling: None,
                prefix: LengthPrefix::Varint,
            },
            Some(ast::Vector::Variable {
                floor,
                ceiling,
                span,
            }) => {
                let (Some(floor_value), Some(ceiling_value)) = (floor.value, ceiling.value) else {
                    return Shape::Single;
                };
                if floor_value > ceiling_value {
                    let message =
                        format!("vector floor {floor_value} is above its ceiling {ceiling_value}");
                    self.error(
                        file,
                        *span,
                        message,
                        "write `<floor..ceiling>` with floor <= ceiling",
                    );
                }
                // Floor and ceiling are not checked against the element size: RFC 8446
                // prints `NamedGroup named_group_list<2..2^16-1>` for 2-byte elements.
                let prefix = match ceiling_value {
                    0..=0xFF => 1,
                    0x100..=0xFFFF => 2,
                    0x1_0000..=0xFF_FFFF => 3,
                    0x100_0000..=MAX_CEILING => 4,
                    _ => {
                        let message = format!(
                            "vector ceiling {ceiling_value} does not fit a 4-byte length prefix"
                        );
                        let help =
                            "keep the ceiling at or below 2^32-1, or use `<V>` for a varint length";
                        self.error(file, ceiling.span, message, help);
                        4
                    }
                };
                Shape::Variable {
                    floor: floor_value,
                    ceiling: Some(ceiling_value),
                    prefix: LengthPrefix::Bytes(prefix),
                }
            }
        }
    }

    /// Resolves the size of `T x[path]`: a field of an enclosing struct or of a named
    /// struct, or, for a single undotted name, a quantity the RFC defines in prose.
    fn length_path(
        &mut self,
        file: FileId,
        context: Option<&Context<'a>>,
        path: &ast::Name,
    ) -> FixedLength {
        match self.field_path(context, &path.text) {
            Ok((field_path, PathEnd::Scalar(Discriminant::Uint { .. }))) => {
                FixedLength::Field(field_path)
            }
            Ok((_, PathEnd::Unknown)) => FixedLength::External(path.text.clone()),
            Ok((_, _)) => {
                let message = format!("length `{}` is not an integer field", path.text);
                self.error(
                    file,
                    path.span,
                    message,
                    "name a uint8, uint16, uint24 or uint32 field",
                );
                FixedLength::External(path.text.clone())
            }
            // `opaque verify_data[Hash.length]` (RFC 8446 section 4.4.4) names the
            // output length of the negotiated hash, which no type of the schema holds.
            Err(_) if !self.names_struct(&path.text) => FixedLength::External(path.text.clone()),
            Err(_) => {
                let message = format!("length field `{}` not found", path.text);
                let help = "name an integer field of this struct, of an enclosing struct, or of a named struct";
                self.error(file, path.span, message, help);
                FixedLength::External(path.text.clone())
            }
        }
    }

    /// Returns whether the first part of a dotted path names a struct type.
    fn names_struct(&self, text: &str) -> bool {
        let first = text.split('.').next().unwrap_or_default();
        text.contains('.') && self.scope.struct_members(first).is_some()
    }

    /// Resolves a dotted path to a field, trying in turn: the top-level struct by name,
    /// a field of an enclosing struct (innermost first), then a named struct type.
    // A field declared after its user is accepted: RFC 5246's GenericBlockCipher sizes
    // `padding` by the `padding_length` after it, which a decoder reads from the end.
    // NOTE: fields inside case arms are not searched yet.
    fn field_path(
        &self,
        context: Option<&Context<'a>>,
        text: &str,
    ) -> Result<(FieldPath, PathEnd), ()> {
        let parts: Vec<&str> = text.split('.').collect();
        if let Some(context) = context {
            let levels = context.bodies.len();
            if parts.len() > 1 && parts[0] == context.def.name.text {
                if let Ok(end) = self.scope.walk(context.bodies[0], &parts[1..]) {
                    let root = PathRoot::Enclosing {
                        levels_up: levels - 1,
                    };
                    return Ok((path(root, &parts[1..]), end));
                }
            }
            for (up, body) in context.bodies.iter().rev().enumerate() {
                if Scope::has_member(body, parts[0]) {
                    return match self.scope.walk(body, &parts) {
                        Ok(end) => Ok((path(PathRoot::Enclosing { levels_up: up }, &parts), end)),
                        Err(_) => Err(()),
                    };
                }
            }
        }
        if parts.len() > 1 {
            if let Some(&id) = self.scope.by_name.get(parts[0]) {
                if let Some(members) = self.scope.struct_members(parts[0]) {
                    if let Ok(end) = self.scope.walk(members, &parts[1..]) {
                        return Ok((path(PathRoot::Type(id), &parts[1..]), end));
                    }
                }
            }
        }
        Err(())
    }

    /// Resolves the members of a struct whose text, modifier included, starts at `span`.
    fn struct_body(
        &mut self,
        context: &mut Context<'a>,
        body: &'a ast::StructBody,
        span: Span,
    ) -> Struct {
        self.note_modifier(context.file, body.modifier, span);
        context.bodies.push(&body.members);
        let members = self.members(context, &body.members);
        context.bodies.pop();

        let mut length_links = Vec::new();
        for (index, member) in members.iter().enumerate() {
            if let Member::Field(Field {
                shape: Shape::Fixed(FixedLength::Field(length)),
                ..
            }) = member
            {
                length_links.push(LengthLink {
                    length: length.clone(),
                    counted: index,
                    kind: LinkKind::Declared,
                });
            }
            let counts_next = matches!(
                member,
                Member::Field(Field { name, element: TypeRef::Uint { .. }, shape: Shape::Single, .. })
                    if name == "length"
            );
            if counts_next
                && matches!(
                    members.get(index + 1),
                    Some(Member::Select(_) | Member::Struct(_))
                )
            {
                length_links.push(LengthLink {
                    length: path(PathRoot::Enclosing { levels_up: 0 }, &["length"]),
                    counted: index + 1,
                    kind: LinkKind::Implied,
                });
            }
        }
        Struct {
            modifier: body.modifier,
            members,
            length_links,
        }
    }

    fn members(&mut self, context: &mut Context<'a>, members: &'a [ast::Member]) -> Vec<Member> {
        let mut out = Vec::with_capacity(members.len());
        for member in members {
            out.push(match member {
                ast::Member::Field(field) => Member::Field(self.field(context, field)),
                ast::Member::Struct(nested) => Member::Struct(NestedStruct {
                    name: nested.name.as_ref().map(|name| name.text.clone()),
                    span: nested.span,
                    body: self.struct_body(context, &nested.body, nested.span),
                }),
                ast::Member::Select(select) => Member::Select(self.select(context, select)),
                ast::Member::TypeOnly(ty) => Member::Value {
                    ty: self.type_ref(context.file, context.def, ty),
                    span: ty.span,
                },
            });
        }
        out
    }

    fn field(&mut self, context: &mut Context<'a>, field: &'a ast::Field) -> Field {
        let file = context.file;
        self.note_modifier(file, field.modifier, field.span);
        let element = self.type_ref(file, context.def, &field.ty);
        let shape = self.shape(
            file,
            Some(context),
            &element,
            &field.ty,
            field.vector.as_ref(),
        );
        let fixed_value = field
            .fixed_value
            .as_ref()
            .map(|values| self.fixed_value(file, &field.ty, values));
        Field {
            name: field.name.text.clone(),
            span: field.span,
            modifier: field.modifier,
            element,
            shape,
            fixed_value,
        }
    }

    /// Resolves `= value`: a number, an enum member when the type is an enum, a byte
    /// list, or an expression over values the RFC names in prose.
    fn fixed_value(
        &mut self,
        file: FileId,
        ty: &ast::TypeRef,
        values: &[ast::Value],
    ) -> FixedValue {
        if let [single] = values {
            match single {
                ast::Value::Number(number) => {
                    let value = number.value.unwrap_or(0);
                    let bytes = match self.scope.scalar_of(ty) {
                        Some(Discriminant::Uint { bytes }) => Some(bytes),
                        Some(Discriminant::Enum(id)) => Some(self.enum_width(id)),
                        _ => None,
                    };
                    if let Some(bytes) = bytes {
                        self.check_fits(file, number.span, value, bytes, &ty.name.text);
                    }
                    return FixedValue::Number(value);
                }
                ast::Value::List(numbers, _) => {
                    return FixedValue::Bytes(
                        numbers
                            .iter()
                            .map(|number| number.value.unwrap_or(0))
                            .collect(),
                    );
                }
                ast::Value::Name(name) => {
                    if let Some(Discriminant::Enum(id)) = self.scope.scalar_of(ty) {
                        return match self.enum_value(id, &name.text) {
                            Some(value) => FixedValue::EnumMember {
                                name: name.text.clone(),
                                value,
                            },
                            None => {
                                self.not_a_member(file, name, id);
                                FixedValue::Expression(name.text.clone())
                            }
                        };
                    }
                }
                ast::Value::String(..) => {}
            }
        }
        let first = values.first().map_or(Span::default(), ast::Value::span);
        let last = values.last().map_or(Span::default(), ast::Value::span);
        FixedValue::Expression(
            self.text(file, Span::new(first.start, last.end))
                .to_string(),
        )
    }

    /// Returns the wire width of enum `id`, as [`Self::enum_body`] computes it.
    fn enum_width(&self, id: TypeId) -> u8 {
        let ast::DefinitionKind::Enum { members, maximum } = &self.scope.defs[id.0].kind else {
            return 8;
        };
        let mut largest = maximum.and_then(|number| number.value).unwrap_or(0);
        let mut next = 0u64;
        for member in members {
            let last = match &member.value {
                ast::EnumValue::Single(number) | ast::EnumValue::Range(_, number) => {
                    number.value.unwrap_or(0)
                }
                ast::EnumValue::Implicit => next,
            };
            largest = largest.max(last);
            next = last.saturating_add(1);
        }
        bytes_for(largest)
    }

    /// Reports a fixed value too large for an integer of `bytes` bytes.
    fn check_fits(&mut self, file: FileId, span: Span, value: u64, bytes: u8, type_name: &str) {
        let bits = u32::from(bytes) * 8;
        if bits < 64 && value >> bits != 0 {
            let message = format!("value {value} does not fit the {bytes}-byte `{type_name}`");
            let maximum = (1u64 << bits) - 1;
            let help = format!("write a value from 0 to {maximum}");
            self.error(file, span, message, help);
        }
    }

    /// Returns the value of member `name` of enum `id` (the first value of a range).
    fn enum_value(&self, id: TypeId, name: &str) -> Option<u64> {
        let ast::DefinitionKind::Enum { members, .. } = &self.scope.defs[id.0].kind else {
            return None;
        };
        let mut next = 0u64;
        for member in members {
            let value = match &member.value {
                ast::EnumValue::Single(number) | ast::EnumValue::Range(number, _) => {
                    number.value.unwrap_or(0)
                }
                ast::EnumValue::Implicit => next,
            };
            if member.name.text == name {
                return Some(value);
            }
            next = match &member.value {
                ast::EnumValue::Range(_, last) => last.value.unwrap_or(0),
                _ => value,
            }
            .saturating_add(1);
        }
        None
    }

    fn not_a_member(&mut self, file: FileId, name: &ast::Name, id: TypeId) {
        let enum_name = &self.scope.defs[id.0].name.text;
        let message = format!("`{}` is not a member of enum `{enum_name}`", name.text);
        let ast::DefinitionKind::Enum { members, .. } = &self.scope.defs[id.0].kind else {
            return;
        };
        let names: Vec<&str> = members
            .iter()
            .map(|member| member.name.text.as_str())
            .take(8)
            .collect();
        let more = if members.len() > 8 { ", ..." } else { "" };
        let help = format!(
            "use one of the members of `{enum_name}`: {}{more}",
            names.join(", ")
        );
        self.error(file, name.span, message, help);
    }

    fn select(&mut self, context: &mut Context<'a>, select: &'a ast::Select) -> Select {
        let file = context.file;
        let (selector, resolved) = self.selector(context, select);
        let mut cases = Vec::with_capacity(select.arms.len());
        let mut seen: Vec<CaseLabel> = Vec::new();
        for arm in &select.arms {
            let mut labels = Vec::with_capacity(arm.labels.len());
            for label in arm.labels.iter().filter(|_| resolved) {
                let Some(resolved) = self.case_label(file, &selector, label) else {
                    continue;
                };
                if seen.contains(&resolved) {
                    let (text, span) = match label {
                        ast::CaseLabel::Name(name) => (name.text.clone(), name.span),
                        ast::CaseLabel::Number(number) => {
                            (self.text(file, number.span).to_string(), number.span)
                        }
                    };
                    let message = format!("duplicate case label `{text}`");
                    self.error(file, span, message, "list each label in one case only");
                }
                seen.push(resolved.clone());
                labels.push(resolved);
            }
            let members = self.members(context, &arm.members);
            cases.push(Case { labels, members });
        }
        Select {
            name: select.name.as_ref().map(|name| name.text.clone()),
            span: select.span,
            selector,
            cases,
        }
    }

    /// Resolves a selector: a field (see [`Self::field_path`]), else the type of a
    /// negotiated value, else RFC 5246's `extensions_present` presence test.
    /// Returns the selector and whether it resolved; case labels of an unresolved one
    /// are not checked, since every check would fail for the same reason.
    fn selector(&mut self, context: &Context<'a>, select: &'a ast::Select) -> (Selector, bool) {
        let file = context.file;
        let name = &select.selector;
        let text = name.text.clone();
        match self.field_path(Some(context), &name.text) {
            Ok((field_path, PathEnd::Scalar(discriminant))) => {
                let selector = Selector {
                    text,
                    source: SelectorSource::Field(field_path),
                    discriminant,
                };
                return (selector, true);
            }
            Ok((_, PathEnd::Unknown)) => return (unresolved(text), false),
            Ok((_, _)) => {
                let message = format!("selector `{text}` is not an enum or integer field");
                let help = "select on a field whose type is an enum or uint8 .. uint64";
                self.error(file, name.span, message, help);
                return (unresolved(text), false);
            }
            Err(()) => {}
        }

        // RFC 5246 selects on the negotiated KeyExchangeAlgorithm by naming its type, and
        // RFC 8446 section 4.4.2 on `certificate_type`, the negotiated CertificateType.
        if !name.text.contains('.') {
            let camel = camel_case(&name.text);
            for candidate in [name.text.as_str(), camel.as_str()] {
                if let Some(&id) = self.scope.by_name.get(candidate) {
                    if let Some(discriminant) = self.scope.scalar_of(&type_named(candidate)) {
                        let selector = Selector {
                            text,
                            source: SelectorSource::Negotiated(id),
                            discriminant,
                        };
                        return (selector, true);
                    }
                }
            }
            let boolean = select.arms.iter().flat_map(|arm| &arm.labels).all(|label| {
                matches!(label, ast::CaseLabel::Name(label) if label.text == "true" || label.text == "false")
            });
            if boolean && !select.arms.is_empty() {
                let selector = Selector {
                    text,
                    source: SelectorSource::Presence,
                    discriminant: Discriminant::Bool,
                };
                return (selector, true);
            }
        }

        let message = format!("selector `{text}` not found");
        let help = "name an enum or integer field of this struct or of an enclosing struct, \
                    as in `select (Handshake.msg_type)`";
        self.error(file, name.span, message, help);
        (unresolved(text), false)
    }

    fn case_label(
        &mut self,
        file: FileId,
        selector: &Selector,
        label: &ast::CaseLabel,
    ) -> Option<CaseLabel> {
        match (selector.discriminant, label) {
            (Discriminant::Enum(id), ast::CaseLabel::Name(name)) => {
                match self.enum_value(id, &name.text) {
                    Some(value) => Some(CaseLabel::Member {
                        name: name.text.clone(),
                        value,
                    }),
                    None => {
                        self.not_a_member(file, name, id);
                        None
                    }
                }
            }
            (Discriminant::Bool, ast::CaseLabel::Name(name)) => {
                Some(CaseLabel::Bool(name.text == "true"))
            }
            (_, ast::CaseLabel::Number(number)) => Some(CaseLabel::Number(number.value?)),
            (Discriminant::Uint { .. }, ast::CaseLabel::Name(name)) => {
                let message = format!("case label `{}` must be a number", name.text);
                let help = format!(
                    "selector `{}` is an integer: write `case 0:`, `case 1:` ...",
                    selector.text
                );
                self.error(file, name.span, message, help);
                None
            }
        }
    }

    fn enum_body(
        &mut self,
        file: FileId,
        def: &ast::Definition,
        members: &[ast::EnumMember],
        maximum: Option<&ast::Number>,
    ) -> Enum {
        let maximum_value = maximum.and_then(|number| number.value);
        let mut resolved: Vec<EnumMember> = Vec::with_capacity(members.len());
        let mut next = 0u64;
        for member in members {
            let (first, last) = match &member.value {
                ast::EnumValue::Single(number) => {
                    (number.value.unwrap_or(0), number.value.unwrap_or(0))
                }
                ast::EnumValue::Range(first, last) => {
                    (first.value.unwrap_or(0), last.value.unwrap_or(0))
                }
                ast::EnumValue::Implicit => (next, next),
            };
            next = last.saturating_add(1);
            let name = &member.name.text;
            if first > last {
                let message = format!("range of `{name}` starts at {first}, after its end {last}");
                self.error(
                    file,
                    member.name.span,
                    message,
                    "write the range as `(first..last)` with first <= last",
                );
            }
            if let Some(maximum) = maximum_value.filter(|&maximum| last > maximum) {
                let message =
                    format!("value {last} of `{name}` is above the enum's maximum {maximum}");
                self.error(
                    file,
                    member.name.span,
                    message,
                    "raise the maximum `(n)` or lower the value",
                );
            }
            let is_range = matches!(member.value, ast::EnumValue::Range(..));
            for earlier in &resolved {
                // RFC 8446 reserves several ranges under one name (`obsolete_RESERVED`).
                let both_ranges = is_range && earlier.first != earlier.last;
                if earlier.name == *name && !both_ranges {
                    let message = format!("duplicate enum member `{name}`");
                    self.error(
                        file,
                        member.name.span,
                        message,
                        "give each member its own name",
                    );
                    break;
                }
                if first <= earlier.last && earlier.first <= last {
                    let message = format!(
                        "value {first} of `{name}` is already used by `{}`",
                        earlier.name
                    );
                    self.error(
                        file,
                        member.name.span,
                        message,
                        "give each member its own value",
                    );
                    break;
                }
            }
            resolved.push(EnumMember {
                name: name.clone(),
                span: member.name.span,
                first,
                last,
            });
        }
        let largest = resolved.iter().map(|member| member.last).max().unwrap_or(0);
        let width = bytes_for(maximum_value.unwrap_or(largest).max(largest));
        let open = maximum.is_some() || resolved.iter().any(|member| member.first != member.last);
        if resolved.is_empty() {
            self.error(
                file,
                def.name.span,
                "enum has no members",
                "list at least one member, as `a(0)`",
            );
        }
        Enum {
            width,
            maximum: maximum_value,
            members: resolved,
            open,
        }
    }

    /// Checks that need every type resolved: recursion, then fixed vector sizes.
    fn check_types(&mut self, schema: &mut Schema) {
        let edges = sizes::edges(schema);
        let mut in_cycle = vec![false; schema.types.len()];
        for (id, span, cycle) in sizes::cycles(&edges) {
            for member in &cycle {
                in_cycle[member.0] = true;
            }
            let file = schema.types[id.0].file;
            let name = |id: &TypeId| schema.types[id.0].name.as_str();
            // A long cycle is shown by its first types and the one that closes it.
            let mut shown: Vec<&str> = cycle.iter().take(6).map(name).collect();
            if cycle.len() > 7 {
                shown.push("...");
            }
            if cycle.len() > 6 {
                shown.extend(cycle.last().map(name));
            }
            let message = format!(
                "`{}` contains itself: {}",
                name(&cycle[0]),
                shown.join(" -> ")
            );
            let help = "break the cycle with a variable vector `<floor..ceiling>` or `optional<T>`";
            self.error(file, span, message, help);
        }

        let sizes = sizes::fixed_sizes(schema, &edges);
        for pending in std::mem::take(&mut self.pending_multiples) {
            if matches!(pending.element, TypeRef::Named(id) if in_cycle[id.0]) {
                continue;
            }
            let Some(size) = sizes::size_of_type(&pending.element, &sizes) else {
                continue;
            };
            if size > 1 && pending.bytes % size != 0 {
                let message = format!(
                    "fixed vector of {} bytes is not a multiple of the {size}-byte `{}`",
                    pending.bytes, pending.element_text
                );
                let help = format!("`[n]` counts bytes: write a multiple of {size}");
                self.error(pending.file, pending.span, message, help);
            }
        }
    }
}

fn path(root: PathRoot, parts: &[&str]) -> FieldPath {
    FieldPath {
        root,
        fields: parts.iter().map(|part| (*part).to_string()).collect(),
    }
}

fn unresolved(text: String) -> Selector {
    Selector {
        text,
        source: SelectorSource::Presence,
        discriminant: Discriminant::Bool,
    }
}

fn type_named(name: &str) -> ast::TypeRef {
    ast::TypeRef {
        name: ast::Name {
            text: name.to_string(),
            span: Span::default(),
        },
        args: Vec::new(),
        span: Span::default(),
    }
}

/// Converts `certificate_type` to `CertificateType`.
fn camel_case(name: &str) -> String {
    name.split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Returns the fewest bytes that hold `value`.
fn bytes_for(value: u64) -> u8 {
    let bits = 64 - value.leading_zeros();
    u8::try_from(bits.div_ceil(8).max(1)).unwrap_or(8)
}

/// Collapses whitespace so that the same definition laid out differently compares equal.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::MemoryLoader;
    use crate::tls::compile_text;

    fn type_body<'s>(schema: &'s Schema, name: &str) -> &'s TypeBody {
        &schema.type_def(schema.find(name).expect("defined")).body
    }

    fn first_select(schema: &Schema, name: &str) -> Selector {
        let TypeBody::Struct(body) = type_body(schema, name) else {
            panic!("{name} is a struct");
        };
        body.members
            .iter()
            .find_map(|member| match member {
                Member::Select(select) => Some(select.selector.clone()),
                _ => None,
            })
            .expect("a select")
    }

    #[test]
    fn prefix_width_follows_ceiling() {
        let text = "opaque A<0..255>; opaque B<0..256>; opaque C<1..2^24-1>; opaque D<0..2^32-1>;";
        let schema = compile_text("t.tls", text).unwrap();
        let prefixes: Vec<LengthPrefix> = ["A", "B", "C", "D"]
            .iter()
            .map(|name| match type_body(&schema, name) {
                TypeBody::Alias(Alias {
                    shape: Shape::Variable { prefix, .. },
                    ..
                }) => *prefix,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(prefixes, [1, 2, 3, 4].map(LengthPrefix::Bytes));
    }

    #[test]
    fn enum_without_maximum_is_closed() {
        let schema = compile_text("t.tls", "enum { server, client } ConnectionEnd;").unwrap();
        let TypeBody::Enum(decl) = type_body(&schema, "ConnectionEnd") else {
            panic!("an enum");
        };
        assert_eq!(decl.width, 1);
        assert!(!decl.open);
        assert_eq!((decl.members[1].first, decl.members[1].last), (1, 1));
    }

    #[test]
    fn selector_naming_a_type_is_negotiated() {
        let text = "enum { rsa, dh_anon } KeyExchangeAlgorithm;\n\
                    struct { select (KeyExchangeAlgorithm) { case rsa: uint8 a; \
                    case dh_anon: struct {}; }; } K;";
        let schema = compile_text("t.tls", text).unwrap();
        let id = schema.find("KeyExchangeAlgorithm").unwrap();
        assert_eq!(
            first_select(&schema, "K").source,
            SelectorSource::Negotiated(id)
        );
    }

    #[test]
    fn selector_in_snake_case_names_enum_type() {
        let text = "enum { X509(0), RawPublicKey(2), (255) } CertificateType;\n\
                    struct { select (certificate_type) { case X509: \
                    opaque cert_data<1..2^24-1>; }; } E;";
        let schema = compile_text("t.tls", text).unwrap();
        let id = schema.find("CertificateType").unwrap();
        assert_eq!(
            first_select(&schema, "E").source,
            SelectorSource::Negotiated(id)
        );
    }

    #[test]
    fn true_false_labels_make_presence_selector() {
        let text = "struct { select (extensions_present) { case false: struct {}; \
                    case true: opaque e<0..2^16-1>; }; } H;";
        let schema = compile_text("t.tls", text).unwrap();
        let selector = first_select(&schema, "H");
        assert_eq!(selector.source, SelectorSource::Presence);
        assert_eq!(selector.discriminant, Discriminant::Bool);
    }

    #[test]
    fn selector_of_other_struct_is_rooted_at_type() {
        let text = "enum { a(1), (255) } T;\nstruct { T msg_type; } Handshake;\n\
                    struct { select (Handshake.msg_type) { case a: uint8 x; }; } Ext;";
        let schema = compile_text("t.tls", text).unwrap();
        let handshake = schema.find("Handshake").unwrap();
        let expected = FieldPath {
            root: PathRoot::Type(handshake),
            fields: vec!["msg_type".to_string()],
        };
        assert_eq!(
            first_select(&schema, "Ext").source,
            SelectorSource::Field(expected)
        );
    }

    #[test]
    fn selector_of_enclosing_struct_counts_levels() {
        let text = "enum { a(1), (255) } T;\n\
                    struct { T kind; struct { select (kind) { case a: uint8 x; }; } inner; } Outer;";
        let schema = compile_text("t.tls", text).unwrap();
        let TypeBody::Struct(outer) = type_body(&schema, "Outer") else {
            panic!("a struct");
        };
        let Member::Struct(inner) = &outer.members[1] else {
            panic!("a nested struct");
        };
        let Member::Select(select) = &inner.body.members[0] else {
            panic!("a select");
        };
        let expected = FieldPath {
            root: PathRoot::Enclosing { levels_up: 1 },
            fields: vec!["kind".to_string()],
        };
        assert_eq!(select.selector.source, SelectorSource::Field(expected));
    }

    #[test]
    fn selector_path_descends_nested_fields() {
        let text = "enum { a(1), (255) } T;\nstruct { T kind; } Header;\n\
                    struct { Header header; select (Outer.header.kind) { case a: uint8 x; }; } Outer;";
        let schema = compile_text("t.tls", text).unwrap();
        let expected = FieldPath {
            root: PathRoot::Enclosing { levels_up: 0 },
            fields: vec!["header".to_string(), "kind".to_string()],
        };
        let selector = first_select(&schema, "Outer");
        assert_eq!(selector.source, SelectorSource::Field(expected));
        assert_eq!(
            selector.discriminant,
            Discriminant::Enum(schema.find("T").unwrap())
        );
    }

    #[test]
    fn undotted_unknown_length_is_external() {
        let text = "struct { opaque verify_data[verify_data_length]; } F;";
        let schema = compile_text("t.tls", text).unwrap();
        let TypeBody::Struct(body) = type_body(&schema, "F") else {
            panic!("a struct");
        };
        let Member::Field(field) = &body.members[0] else {
            panic!("a field");
        };
        let expected = Shape::Fixed(FixedLength::External("verify_data_length".to_string()));
        assert_eq!(field.shape, expected);
        assert!(body.length_links.is_empty());
    }

    #[test]
    fn identical_definition_in_used_file_is_kept_once() {
        let root = SourceFile::new("a.tls", "use \"b.tls\";\nopaque ASN.1Cert<1..2^24-1>;\n");
        let mut loader = MemoryLoader::new().with_file("b.tls", "opaque  ASN.1Cert<1..2^24-1>;\n");
        let schema = compile(root, &mut loader).unwrap();
        assert_eq!(schema.types.len(), 1);
        assert_eq!(schema.files.len(), 2);
    }

    #[test]
    fn use_cycle_loads_each_file_once() {
        let root = SourceFile::new("a.tls", "use \"b.tls\";\nuint8 A;\n");
        let mut loader = MemoryLoader::new().with_file("b.tls", "use \"a.tls\";\nA B;\n");
        let schema = compile(root, &mut loader).unwrap();
        assert_eq!(schema.files.len(), 2);
        assert_eq!(schema.types.len(), 2);
    }

    #[test]
    fn nested_enum_becomes_its_own_type() {
        let text = "struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec;";
        let schema = compile_text("t.tls", text).unwrap();
        let id = schema
            .find("ChangeCipherSpec.type")
            .expect("synthesized enum");
        let TypeBody::Struct(body) = type_body(&schema, "ChangeCipherSpec") else {
            panic!("a struct");
        };
        let Member::Field(field) = &body.members[0] else {
            panic!("a field");
        };
        assert_eq!(field.element, TypeRef::Named(id));
    }

    #[test]
    fn bytes_for_counts_whole_bytes() {
        assert_eq!(bytes_for(0), 1);
        assert_eq!(bytes_for(255), 1);
        assert_eq!(bytes_for(256), 2);
        assert_eq!(bytes_for(0xFF_FFFF), 3);
        assert_eq!(bytes_for(u64::MAX), 8);
    }

    #[test]
    fn camel_case_joins_words() {
        assert_eq!(camel_case("certificate_type"), "CertificateType");
        assert_eq!(camel_case("msg"), "Msg");
    }
}
