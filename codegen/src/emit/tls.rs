//! Rust code for a resolved TLS presentation language schema (RFC 8446 section 3): one
//! module per schema file, a type per definition, and the `Decode`, `Encode` or `Select`
//! impls that read and write them with every length, range and value checked.

use std::collections::{BTreeSet, HashSet};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::diagnostic::Diagnostic;
use crate::emit::names::{ident, shouty, snake, upper_camel};
use crate::emit::tls_wire::{Range, Wire};
use crate::tls::ir::{
    Case, CaseLabel, Discriminant, Enum, Field, FixedLength, FixedValue, LengthPrefix, Member,
    Modifier, NestedStruct, PathRoot, Schema, Select, SelectorSource, Shape, Struct, TypeBody,
    TypeDef, TypeId, TypeRef,
};
use crate::tls::sizes;

/// Choices the schema text cannot express.
#[derive(Debug, Clone, Default)]
pub struct TlsOptions {
    /// Enums, by schema name, whose unknown values are kept in an `Unknown` variant and
    /// re-encoded rather than rejected, as RFC 8446 section 4.2 requires of extension types.
    pub open_enums: BTreeSet<String>,
}

/// The generated items of one schema file.
#[derive(Debug, Clone)]
pub struct ModuleCode {
    /// The Rust module name, from the file name (`rfc6962`).
    pub name: String,
    /// The schema file's name as given.
    pub file: String,
    pub items: TokenStream,
}

/// Largest `<V>` length: RFC 9420 section 2.1.2 limits variable-length integers to 2^30-1.
const VARINT_MAX: u64 = (1 << 30) - 1;

/// Generates the Rust code of every file of `schema`.
pub fn emit_schema(
    schema: &Schema,
    options: &TlsOptions,
) -> Result<Vec<ModuleCode>, Vec<Diagnostic>> {
    let mut emitter = Emitter::new(schema, options);
    for id in 0..schema.types.len() {
        emitter.emit_type(TypeId(id));
    }
    for constant in &schema.constants {
        emitter.emit_constant(constant);
    }
    if !emitter.diagnostics.is_empty() {
        return Err(emitter.diagnostics);
    }
    Ok(schema
        .files
        .iter()
        .zip(emitter.items)
        .map(|(file, items)| ModuleCode {
            name: module_name(&file.name),
            file: file.name.clone(),
            items: items.into_iter().collect(),
        })
        .collect())
}

/// Returns the module name of a schema file: its name without the last extension, in
/// `snake_case` (`rfc5280-explicit.asn` gives `rfc5280_explicit`), with `_` added to a
/// Rust keyword so it can name a module and a file.
pub fn module_name(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let name = snake(stem);
    if crate::emit::names::is_keyword(&name) {
        name + "_"
    } else {
        name
    }
}

/// Returns the name of a field among `members` whose type is `ty`: RFC 5246 writes
/// `select (HandshakeType)` for the struct's own `HandshakeType msg_type` field.
fn sibling_of_type(members: &[Member], ty: TypeId) -> Option<&str> {
    members.iter().find_map(|member| match member {
        Member::Field(field)
            if field.element == TypeRef::Named(ty) && field.shape == Shape::Single =>
        {
            Some(field.name.as_str())
        }
        _ => None,
    })
}

/// Returns whether a field path names a field of the struct being decoded, so that its
/// value is a local variable there.
fn is_local(path: &crate::tls::ir::FieldPath, owner: TypeId) -> bool {
    match path.root {
        PathRoot::Enclosing { levels_up } => levels_up == 0,
        PathRoot::Type(root) => root == owner && path.fields.len() == 1,
    }
}

/// Returns the statement decoding a planned field into its local variable; a check that
/// yields nothing is a plain statement.
/// Returns the statement that decodes one field. With `type_name`, the field's error
/// also names the type, so the struct needs no closure around its fields and its value
/// is built where it is returned.
fn decode_statement(plan: &FieldPlan, type_name: Option<&str>) -> TokenStream {
    let local = &plan.local;
    let expression = &plan.decode;
    let label = &plan.label;
    let map = match type_name {
        Some(type_name) => quote! { .map_err(|error| error.in_field(#label).in_type(#type_name)) },
        None => quote! { .map_err(|error| error.in_field(#label)) },
    };
    if local == "_" {
        quote! { #expression #map?; }
    } else {
        quote! { let #local = #expression #map?; }
    }
}

/// A field as the generated struct stores it, and the code that reads and writes it.
struct FieldPlan {
    /// The Rust field, or `None` when the value is not stored (fixed values, lengths
    /// computed from the member they count).
    stored: Option<(Ident, TokenStream)>,
    /// The local variable decoding binds.
    local: Ident,
    label: String,
    decode: TokenStream,
    encode: TokenStream,
    len: TokenStream,
    doc: Option<String>,
}

struct Emitter<'s> {
    schema: &'s Schema,
    options: &'s TlsOptions,
    names: Vec<String>,
    borrows: Vec<bool>,
    contexts: Vec<Option<Discriminant>>,
    sizes: Vec<Option<u64>>,
    /// Types that reach themselves, so an `optional` of one needs a `Box`.
    recursive: Vec<bool>,
    items: Vec<Vec<TokenStream>>,
    taken: Vec<HashSet<String>>,
    diagnostics: Vec<Diagnostic>,
    /// The `DigitallySigned` struct written for schemas that use `digitally-signed`
    /// without defining it, with the file that holds it.
    synthesized_signed: Option<(usize, Ident)>,
}

impl<'s> Emitter<'s> {
    fn new(schema: &'s Schema, options: &'s TlsOptions) -> Self {
        let edges = sizes::edges(schema);
        let sizes = sizes::fixed_sizes(schema, &edges);
        let mut taken = vec![HashSet::new(); schema.files.len()];
        let mut first_of: std::collections::HashMap<(usize, String), String> =
            std::collections::HashMap::new();
        let mut collisions = Vec::new();
        let names = schema
            .types
            .iter()
            .map(|def| {
                let name = upper_camel(&def.name);
                taken[def.file.0].insert(name.clone());
                if let Some(other) = first_of.insert((def.file.0, name.clone()), def.name.clone()) {
                    collisions.push((def.file.0, def.span, other, def.name.clone(), name.clone()));
                }
                name
            })
            .collect();
        let mut emitter = Self {
            schema,
            options,
            names,
            borrows: vec![false; schema.types.len()],
            contexts: vec![None; schema.types.len()],
            sizes,
            recursive: vec![false; schema.types.len()],
            items: vec![Vec::new(); schema.files.len()],
            taken,
            diagnostics: Vec::new(),
            synthesized_signed: None,
        };
        emitter.compute_borrows();
        emitter.compute_contexts();
        emitter.compute_recursion();
        for (file, span, first, second, rust) in collisions {
            let source = &schema.files[file];
            emitter.diagnostics.push(
                Diagnostic::error(
                    source,
                    span,
                    format!("`{first}` and `{second}` would both become the Rust type `{rust}`"),
                )
                .with_help("rename one of the two definitions"),
            );
        }
        emitter
    }

    fn def(&self, id: TypeId) -> &'s TypeDef {
        &self.schema.types[id.0]
    }

    fn error(&mut self, id: TypeId, span: crate::source::Span, message: String, help: &str) {
        let file = &self.schema.files[self.def(id).file.0];
        self.diagnostics
            .push(Diagnostic::error(file, span, message).with_help(help));
    }

    // ----- whole-schema facts -------------------------------------------------------

    fn compute_borrows(&mut self) {
        loop {
            let mut changed = false;
            for id in 0..self.schema.types.len() {
                if !self.borrows[id] && self.body_borrows(&self.def(TypeId(id)).body) {
                    self.borrows[id] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn body_borrows(&self, body: &TypeBody) -> bool {
        match body {
            TypeBody::Enum(_) => false,
            TypeBody::Alias(alias) => self.shape_borrows(&alias.element, &alias.shape),
            TypeBody::Struct(body) => self.members_borrow(&body.members),
        }
    }

    fn members_borrow(&self, members: &[Member]) -> bool {
        members.iter().any(|member| match member {
            Member::Field(field) => {
                field.modifier == Some(Modifier::PublicKeyEncrypted)
                    || self.shape_borrows(&field.element, &field.shape)
            }
            Member::Struct(nested) => {
                nested.body.modifier == Some(Modifier::DigitallySigned)
                    || self.members_borrow(&nested.body.members)
            }
            Member::Select(select) => select
                .cases
                .iter()
                .any(|case| self.members_borrow(&case.members)),
            Member::Value { ty, .. } => self.type_borrows(ty),
        })
    }

    fn shape_borrows(&self, element: &TypeRef, shape: &Shape) -> bool {
        match shape {
            Shape::Single => self.type_borrows(element),
            Shape::Fixed(_) | Shape::Variable { .. } => true,
        }
    }

    fn type_borrows(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Uint { .. } | TypeRef::Opaque => false,
            TypeRef::Named(id) => self.borrows[id.0],
            TypeRef::Optional(inner) => self.type_borrows(inner),
            TypeRef::Generic { .. } | TypeRef::Param(_) => true,
        }
    }

    /// Finds the types whose decoding needs a discriminant from the caller: a select on
    /// a field of another message or on a negotiated value, directly or through a field.
    fn compute_contexts(&mut self) {
        loop {
            let mut changed = false;
            for id in 0..self.schema.types.len() {
                if self.contexts[id].is_some() {
                    continue;
                }
                if let TypeBody::Struct(body) = &self.def(TypeId(id)).body {
                    if let Some(context) = self.members_context(TypeId(id), &body.members) {
                        self.contexts[id] = Some(context);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn members_context(&self, owner: TypeId, members: &[Member]) -> Option<Discriminant> {
        members.iter().find_map(|member| match member {
            Member::Select(select) => match &select.selector.source {
                SelectorSource::Field(path) => match path.root {
                    PathRoot::Type(root) if root != owner => Some(select.selector.discriminant),
                    _ => None,
                }
                .or_else(|| {
                    select
                        .cases
                        .iter()
                        .find_map(|case| self.members_context(owner, &case.members))
                }),
                SelectorSource::Negotiated(negotiated) => {
                    if sibling_of_type(members, *negotiated).is_some() {
                        select
                            .cases
                            .iter()
                            .find_map(|case| self.members_context(owner, &case.members))
                    } else {
                        Some(select.selector.discriminant)
                    }
                }
                SelectorSource::Presence => None,
            },
            Member::Field(field) => self.type_context(&field.element),
            Member::Struct(nested) => self.members_context(owner, &nested.body.members),
            Member::Value { ty, .. } => self.type_context(ty),
        })
    }

    fn type_context(&self, ty: &TypeRef) -> Option<Discriminant> {
        match ty {
            TypeRef::Named(id) => self.contexts[id.0],
            _ => None,
        }
    }

    fn compute_recursion(&mut self) {
        for id in 0..self.schema.types.len() {
            let mut seen = vec![false; self.schema.types.len()];
            let mut stack: Vec<usize> = self.references(TypeId(id));
            while let Some(next) = stack.pop() {
                if next == id {
                    self.recursive[id] = true;
                    break;
                }
                if !std::mem::replace(&mut seen[next], true) {
                    stack.extend(self.references(TypeId(next)));
                }
            }
        }
    }

    /// Returns every type a definition names, by value or not.
    fn references(&self, id: TypeId) -> Vec<usize> {
        fn from_type(ty: &TypeRef, out: &mut Vec<usize>) {
            match ty {
                TypeRef::Named(id) => out.push(id.0),
                TypeRef::Optional(inner) => from_type(inner, out),
                TypeRef::Generic { def, args } => {
                    out.push(def.0);
                    args.iter().for_each(|arg| from_type(arg, out));
                }
                _ => {}
            }
        }
        fn from_members(members: &[Member], out: &mut Vec<usize>) {
            for member in members {
                match member {
                    Member::Field(field) => from_type(&field.element, out),
                    Member::Struct(nested) => from_members(&nested.body.members, out),
                    Member::Select(select) => select
                        .cases
                        .iter()
                        .for_each(|case| from_members(&case.members, out)),
                    Member::Value { ty, .. } => from_type(ty, out),
                }
            }
        }
        let mut out = Vec::new();
        match &self.def(id).body {
            TypeBody::Enum(_) => {}
            TypeBody::Alias(alias) => from_type(&alias.element, &mut out),
            TypeBody::Struct(body) => from_members(&body.members, &mut out),
        }
        out
    }

    // ----- names and types ----------------------------------------------------------

    /// Returns a type name for a generated helper type, distinct within the file.
    fn fresh_name(&mut self, file: usize, wanted: String) -> Ident {
        let mut name = wanted.clone();
        let mut counter = 2;
        while !self.taken[file].insert(name.clone()) {
            name = format!("{wanted}{counter}");
            counter += 1;
        }
        ident(&name)
    }

    /// Returns the path of a type as seen from `from_file`, with `<'a>` when it borrows.
    fn type_path(&self, id: TypeId, from_file: usize) -> TokenStream {
        let name = ident(&self.names[id.0]);
        let file = self.def(id).file.0;
        let path = if file == from_file {
            quote! { #name }
        } else {
            let module = ident(&module_name(&self.schema.files[file].name));
            quote! { super::#module::#name }
        };
        if self.borrows[id.0] {
            quote! { #path<'a> }
        } else {
            path
        }
    }

    /// Returns the Rust type of one value of `ty`, or `None` when no Rust type fits it.
    fn value_type(&self, ty: &TypeRef, from_file: usize, owner: TypeId) -> Option<TokenStream> {
        Some(match ty {
            TypeRef::Uint { bytes: 1 } | TypeRef::Opaque => quote! { u8 },
            TypeRef::Uint { bytes: 2 } => quote! { u16 },
            TypeRef::Uint { bytes: 3 } => quote! { ::rfcodec::tls::Uint24 },
            TypeRef::Uint { bytes: 4 } => quote! { u32 },
            TypeRef::Uint { bytes: 8 } => quote! { u64 },
            TypeRef::Uint { .. } => return None,
            TypeRef::Named(id) => self.type_path(*id, from_file),
            TypeRef::Optional(inner) => {
                let inner_type = self.value_type(inner, from_file, owner)?;
                let recursive = matches!(**inner, TypeRef::Named(target)
                    if self.recursive[target.0] && self.reaches(target, owner));
                if recursive {
                    quote! { ::core::option::Option<::rfcodec::__private::Box<#inner_type>> }
                } else {
                    quote! { ::core::option::Option<#inner_type> }
                }
            }
            TypeRef::Generic { .. } | TypeRef::Param(_) => return None,
        })
    }

    fn reaches(&self, from: TypeId, to: TypeId) -> bool {
        let mut seen = vec![false; self.schema.types.len()];
        let mut stack = vec![from.0];
        while let Some(next) = stack.pop() {
            if next == to.0 {
                return true;
            }
            if !std::mem::replace(&mut seen[next], true) {
                stack.extend(self.references(TypeId(next)));
            }
        }
        false
    }

    fn element_size(&self, ty: &TypeRef) -> u64 {
        sizes::size_of_type(ty, &self.sizes).unwrap_or(1).max(1)
    }

    /// Returns the Rust type and wire form of a field or alias with this element and shape.
    fn plan_wire(
        &self,
        element: &TypeRef,
        shape: &Shape,
        from_file: usize,
        owner: TypeId,
    ) -> Option<(TokenStream, Wire)> {
        let bytes = matches!(element, TypeRef::Opaque | TypeRef::Uint { bytes: 1 });
        match shape {
            Shape::Single => {
                let ty = self.value_type(element, from_file, owner)?;
                let wire = match element {
                    TypeRef::Uint { bytes: 1 } | TypeRef::Opaque => Wire::Uint(1),
                    TypeRef::Uint { bytes: 2 } => Wire::Uint(2),
                    TypeRef::Uint { bytes: 4 } => Wire::Uint(4),
                    TypeRef::Uint { bytes: 8 } => Wire::Uint(8),
                    _ => Wire::Value,
                };
                Some((ty, wire))
            }
            Shape::Fixed(FixedLength::Bytes(size)) if bytes => {
                let size_literal = Literal::u64_unsuffixed(*size);
                Some((quote! { &'a [u8; #size_literal] }, Wire::Array(*size)))
            }
            Shape::Fixed(FixedLength::Bytes(size)) => {
                let ty = self.value_type(element, from_file, owner)?;
                Some((
                    quote! { ::rfcodec::tls::List<'a, #ty> },
                    Wire::FixedVector(*size),
                ))
            }
            Shape::Fixed(_) => None,
            Shape::Variable {
                floor,
                ceiling,
                prefix,
            } => {
                let range = Range {
                    floor: *floor,
                    ceiling: ceiling.unwrap_or(VARINT_MAX),
                    element_size: self.element_size(element),
                };
                match (bytes, prefix) {
                    (true, LengthPrefix::Bytes(_)) => {
                        Some((quote! { &'a [u8] }, Wire::Opaque(range)))
                    }
                    (true, LengthPrefix::Varint) => {
                        Some((quote! { &'a [u8] }, Wire::VarintOpaque(range.ceiling)))
                    }
                    (false, _) if self.type_context(element).is_some() => None,
                    (false, LengthPrefix::Bytes(_)) => {
                        let ty = self.value_type(element, from_file, owner)?;
                        Some((
                            quote! { ::rfcodec::tls::List<'a, #ty> },
                            Wire::Vector(range),
                        ))
                    }
                    (false, LengthPrefix::Varint) => {
                        let ty = self.value_type(element, from_file, owner)?;
                        Some((
                            quote! { ::rfcodec::tls::List<'a, #ty> },
                            Wire::VarintVector(range.ceiling),
                        ))
                    }
                }
            }
        }
    }

    fn discriminant_type(&self, discriminant: Discriminant, from_file: usize) -> TokenStream {
        match discriminant {
            Discriminant::Enum(id) => self.type_path(id, from_file),
            Discriminant::Uint { bytes: 1 } => quote! { u8 },
            Discriminant::Uint { bytes: 2 } => quote! { u16 },
            Discriminant::Uint { bytes: 4 | 3 } => quote! { u32 },
            Discriminant::Uint { .. } => quote! { u64 },
            Discriminant::Bool => quote! { bool },
        }
    }

    // ----- definitions --------------------------------------------------------------

    fn doc(&self, def: &TypeDef) -> TokenStream {
        let mut lines = Vec::new();
        if let Some(section) = &def.section_comment {
            lines.push(format!(" {section}."));
            lines.push(String::new());
        }
        lines.push(" ```text".to_string());
        for line in def.declaration.lines() {
            lines.push(format!(" {line}"));
        }
        lines.push(" ```".to_string());
        quote! { #(#[doc = #lines])* }
    }

    fn emit_type(&mut self, id: TypeId) {
        let def = self.def(id);
        if !def.params.is_empty() {
            // Parameterized definitions (`optional<T>`) are expanded where they are used.
            return;
        }
        let items = match &def.body {
            TypeBody::Enum(body) => self.emit_enum(id, body),
            TypeBody::Alias(alias) => {
                self.emit_alias(id, &alias.element, &alias.shape, alias.modifier)
            }
            TypeBody::Struct(body) => {
                let name = ident(&self.names[id.0]);
                let doc = self.doc(def);
                let borrows = self.borrows[id.0];
                self.emit_struct(id, name, doc, body, borrows)
            }
        };
        self.items[def.file.0].push(items);
    }

    fn emit_enum(&mut self, id: TypeId, body: &Enum) -> TokenStream {
        let def = self.def(id);
        let name = ident(&self.names[id.0]);
        let doc = self.doc(def);
        let width = body.width;
        let (wire_type, read) = match width {
            1 => (quote! { u8 }, quote! { reader.read_u8() }),
            2 => (quote! { u16 }, quote! { reader.read_u16() }),
            3 => (quote! { u32 }, quote! { reader.read_u24() }),
            4 => (quote! { u32 }, quote! { reader.read_u32() }),
            _ => (quote! { u64 }, quote! { reader.read_u64() }),
        };
        let open = self.options.open_enums.contains(&def.name);
        let mut variants = Vec::new();
        let mut decode_arms = Vec::new();
        let mut value_arms = Vec::new();
        let mut name_arms = Vec::new();
        let mut seen = HashSet::new();
        for member in &body.members {
            let mut variant_name = upper_camel(&member.name);
            while !seen.insert(ident(&variant_name).to_string()) {
                variant_name.push('_');
            }
            let variant = ident(&variant_name);
            let schema_name = &member.name;
            let first = Literal::u64_unsuffixed(member.first);
            if member.first == member.last {
                let doc = format!(" `{}({})`", member.name, member.first);
                variants.push(quote! { #[doc = #doc] #variant, });
                decode_arms.push(quote! { #first => Ok(Self::#variant), });
                value_arms.push(quote! { Self::#variant => #first, });
                name_arms.push(quote! { Self::#variant => #schema_name, });
            } else {
                let last = Literal::u64_unsuffixed(member.last);
                let doc = format!(" `{}({}..{})`", member.name, member.first, member.last);
                variants.push(quote! { #[doc = #doc] #variant(#wire_type), });
                decode_arms.push(quote! { value @ #first..=#last => Ok(Self::#variant(value)), });
                value_arms.push(quote! { Self::#variant(value) => u64::from(*value), });
                name_arms.push(quote! { Self::#variant(_) => #schema_name, });
            }
        }
        let (fallback, unknown_variant) = if open {
            value_arms.push(quote! { Self::Unknown(value) => u64::from(*value), });
            name_arms.push(quote! { Self::Unknown(_) => "unknown", });
            (
                quote! { other => Ok(Self::Unknown(other)), },
                quote! {
                    /// A value the schema does not name, kept so it re-encodes as it was.
                    Unknown(#wire_type),
                },
            )
        } else {
            (
                quote! { other => ::rfcodec::tls::unknown_enum_value(u64::from(other), offset), },
                TokenStream::new(),
            )
        };
        let type_name = &def.name;
        let width_literal = Literal::usize_unsuffixed(usize::from(width));
        quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                #unknown_variant
            }

            impl #name {
                /// Returns the member's name as the schema writes it.
                pub fn schema_name(&self) -> &'static str {
                    match self {
                        #(#name_arms)*
                    }
                }
            }

            impl ::rfcodec::tls::Enumerated for #name {
                #[inline]
                fn value(&self) -> u64 {
                    match self {
                        #(#value_arms)*
                    }
                }
            }

            impl<'a> ::rfcodec::tls::Decode<'a> for #name {
                #[allow(unused_variables)]
                #[inline]
                fn decode_from(reader: &mut ::rfcodec::tls::Reader<'a>) -> ::rfcodec::Result<Self> {
                    let offset = reader.offset();
                    let value = #read?;
                    let decoded: ::rfcodec::Result<Self> = match value {
                        #(#decode_arms)*
                        #fallback
                    };
                    decoded.map_err(|error| error.in_type(#type_name))
                }
            }

            impl ::rfcodec::tls::Encode for #name {
                #[inline]
                fn encoded_len(&self) -> usize {
                    #width_literal
                }

                #[inline]
                fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                    writer.write_uint(#width_literal, ::rfcodec::tls::Enumerated::value(self))
                }
            }
        }
    }

    fn emit_alias(
        &mut self,
        id: TypeId,
        element: &TypeRef,
        shape: &Shape,
        modifier: Option<Modifier>,
    ) -> TokenStream {
        let def = self.def(id);
        let file = def.file.0;
        let name = ident(&self.names[id.0]);
        let doc = self.doc(def);
        let generics = if self.borrows[id.0] {
            quote! { <'a> }
        } else {
            TokenStream::new()
        };
        let _ = modifier;
        let Some((ty, wire)) = self.plan_wire(element, shape, file, id) else {
            return self.unsupported(id, def.span, "this alias");
        };
        match wire {
            Wire::Uint(_) | Wire::Value | Wire::Array(_) => quote! {
                #doc
                pub type #name #generics = #ty;
            },
            wire => {
                let type_name = &def.name;
                let decode = wire.decode(&quote! { reader });
                let encode = wire.encode(&quote! { value }, &quote! { writer });
                let len = wire.encoded_len(&quote! { value });
                quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq, Eq)]
                    pub struct #name #generics(pub #ty);

                    impl<'a> ::rfcodec::tls::Decode<'a> for #name #generics {
                        #[allow(unused_variables)]
                        #[inline]
                        fn decode_from(reader: &mut ::rfcodec::tls::Reader<'a>) -> ::rfcodec::Result<Self> {
                            #decode.map(Self).map_err(|error| error.in_type(#type_name))
                        }
                    }

                    impl #generics ::rfcodec::tls::Encode for #name #generics {
                        #[allow(unused_parens)]
                        #[inline]
                        fn encoded_len(&self) -> usize {
                            let Self(value) = self;
                            #len
                        }

                        #[allow(unused_parens)]
                        #[inline]
                        fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                            let Self(value) = self;
                            let mut encode = || -> ::rfcodec::Result<()> {
                                #encode
                                Ok(())
                            };
                            encode().map_err(|error| error.in_type(#type_name))
                        }
                    }
                }
            }
        }
    }

    /// Records a construct the emitter cannot turn into Rust and returns no items.
    fn unsupported(&mut self, id: TypeId, span: crate::source::Span, what: &str) -> TokenStream {
        self.error(
            id,
            span,
            format!("{what} has no Rust form in rfcodec yet"),
            "see the support table in the README; leave the definition out of the schema \
             given to code generation",
        );
        TokenStream::new()
    }

    fn emit_struct(
        &mut self,
        id: TypeId,
        name: Ident,
        doc: TokenStream,
        body: &Struct,
        borrows: bool,
    ) -> TokenStream {
        self.emit_struct_with_fields(id, name, doc, body, borrows).0
    }

    /// Emits a struct and returns its stored fields, names and types, too.
    fn emit_struct_with_fields(
        &mut self,
        id: TypeId,
        name: Ident,
        doc: TokenStream,
        body: &Struct,
        borrows: bool,
    ) -> (TokenStream, Vec<(Ident, TokenStream)>) {
        let def = self.def(id);
        let file = def.file.0;
        let type_name = name.to_string();
        let context = self.members_context(id, &body.members);
        let mut helpers = Vec::new();
        let plans = self.plan_members(id, &name, &body.members, body, &mut helpers);
        let generics = if borrows {
            quote! { <'a> }
        } else {
            TokenStream::new()
        };

        let mut fields = Vec::new();
        let mut stored_names: Vec<Ident> = Vec::new();
        for plan in &plans {
            if let Some((field, _)) = &plan.stored {
                if stored_names.iter().any(|stored| stored == field) {
                    let span = def.span;
                    self.error(
                        id,
                        span,
                        format!(
                            "two fields of `{type_name}` would both become the Rust field `{field}`"
                        ),
                        "rename one of the two fields",
                    );
                }
            }
            if let Some((field, ty)) = &plan.stored {
                let doc = plan.doc.iter().map(|text| quote! { #[doc = #text] });
                fields.push(quote! { #(#doc)* pub #field: #ty, });
                stored_names.push(field.clone());
            }
        }
        let decode: Vec<TokenStream> = plans
            .iter()
            .map(|plan| decode_statement(plan, Some(&type_name)))
            .collect();
        let encode: Vec<TokenStream> = plans
            .iter()
            .map(|plan| {
                let statements = &plan.encode;
                let label = &plan.label;
                quote! {
                    let mut field = || -> ::rfcodec::Result<()> { #statements Ok(()) };
                    field().map_err(|error| error.in_field(#label))?;
                }
            })
            .collect();
        let len: Vec<TokenStream> = plans.iter().map(|plan| plan.len.clone()).collect();
        let len_sum = crate::emit::sum(&len);
        let construct = quote! { Self { #(#stored_names),* } };
        let bind = quote! { let Self { #(#stored_names),* } = self; };

        let decode_impl = match context {
            None => quote! {
                impl<'a> ::rfcodec::tls::Decode<'a> for #name #generics {
                    #[allow(unused_variables, unused_mut)]
                    #[inline]
                    fn decode_from(reader: &mut ::rfcodec::tls::Reader<'a>) -> ::rfcodec::Result<Self> {
                        // Fields read a local copy, which can stay in registers, and the
                        // caller's reader moves on only once the whole value has decoded.
                        let mut local = reader.clone();
                        let value = {
                            let reader = &mut local;
                            #(#decode)*
                            #construct
                        };
                        *reader = local;
                        Ok(value)
                    }
                }
            },
            Some(discriminant) => {
                let selector = self.discriminant_type(discriminant, file);
                quote! {
                    impl<'a> ::rfcodec::tls::Select<'a> for #name #generics {
                        type Selector = #selector;

                        #[allow(unused_variables, unused_mut)]
                        fn decode_case(
                            context: #selector,
                            reader: &mut ::rfcodec::tls::Reader<'a>,
                        ) -> ::rfcodec::Result<Self> {
                            #(#decode)*
                            Ok(#construct)
                        }

                        fn matches(&self, _context: #selector) -> bool {
                            true
                        }
                    }
                }
            }
        };
        let helpers: TokenStream = helpers.into_iter().collect();
        let stored: Vec<(Ident, TokenStream)> = plans
            .iter()
            .filter_map(|plan| plan.stored.clone())
            .collect();
        let items = quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct #name #generics {
                #(#fields)*
            }

            #decode_impl

            impl #generics ::rfcodec::tls::Encode for #name #generics {
                #[allow(unused_variables, unused_parens)]
                #[inline]
                fn encoded_len(&self) -> usize {
                    #bind
                    #len_sum
                }

                #[allow(unused_variables, unused_parens, unused_mut)]
                #[inline]
                fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                    #bind
                    let mut encode = || -> ::rfcodec::Result<()> {
                        #(#encode)*
                        Ok(())
                    };
                    encode().map_err(|error| error.in_type(#type_name))
                }
            }

            #helpers
        };
        (items, stored)
    }

    /// Plans every member of a struct body, flattening unnamed nested structs.
    fn plan_members(
        &mut self,
        owner: TypeId,
        owner_name: &Ident,
        members: &[Member],
        body: &Struct,
        helpers: &mut Vec<TokenStream>,
    ) -> Vec<FieldPlan> {
        let mut plans = Vec::new();
        for (index, member) in members.iter().enumerate() {
            // A length field is written from the size of the member it counts.
            let counted_by = body
                .length_links
                .iter()
                .find(|link| link.counted == index && is_local(&link.length, owner));
            match member {
                Member::Field(field) => {
                    let counts = body.length_links.iter().find_map(|link| {
                        let counts_this = is_local(&link.length, owner)
                            && link.length.fields.last() == Some(&field.name);
                        counts_this.then_some(link.counted)
                    });
                    let plan = match counts {
                        Some(counted) => self.plan_length_field(owner, field, &members[counted]),
                        None => self.plan_field(owner, field, body),
                    };
                    plans.push(plan);
                }
                Member::Struct(nested) => {
                    let plan = self.plan_nested(owner, owner_name, nested, helpers);
                    plans.extend(plan);
                }
                Member::Select(select) => {
                    let plan = self.plan_select(owner, owner_name, select, members, helpers);
                    plans.push(plan);
                }
                Member::Value { ty, span } => {
                    let file = self.def(owner).file.0;
                    match self.plan_wire(ty, &Shape::Single, file, owner) {
                        Some((rust_type, wire)) => {
                            let mut plan = self.plan_stored("value", rust_type, &wire);
                            if self.type_context(ty).is_some() {
                                plan.decode =
                                    quote! { ::rfcodec::tls::Select::decode_case(context, reader) };
                            }
                            plans.push(plan);
                        }
                        None => {
                            self.unsupported(owner, *span, "this value");
                        }
                    }
                }
            }
            if let Some(link) = counted_by {
                let length_local = ident(&snake(
                    link.length.fields.last().map_or("length", String::as_str),
                ));
                if let Some(plan) = plans.last_mut() {
                    let decode = &plan.decode;
                    plan.decode = quote! {
                        {
                            let options = reader.options();
                            reader.read_bytes(#length_local as usize).and_then(|bytes| {
                                let mut counted = ::rfcodec::tls::Reader::with_options(bytes, options);
                                let reader = &mut counted;
                                let value = #decode?;
                                reader.finish()?;
                                Ok(value)
                            })
                        }
                    };
                }
            }
        }
        plans
    }

    fn plan_stored(&self, name: &str, rust_type: TokenStream, wire: &Wire) -> FieldPlan {
        let field = ident(&snake(name));
        let value = quote! { #field };
        FieldPlan {
            stored: Some((field.clone(), rust_type)),
            local: field.clone(),
            label: name.to_string(),
            decode: wire.decode(&quote! { reader }),
            encode: wire.encode(&value, &quote! { writer }),
            len: wire.encoded_len(&value),
            doc: None,
        }
    }

    fn plan_field(&mut self, owner: TypeId, field: &Field, body: &Struct) -> FieldPlan {
        let file = self.def(owner).file.0;
        let _ = body;
        if field.modifier == Some(Modifier::PublicKeyEncrypted) {
            // RFC 5246 section 4.7: encoded as opaque<0..2^16-1>.
            let range = Range {
                floor: 0,
                ceiling: 0xffff,
                element_size: 1,
            };
            let mut plan = self.plan_stored(&field.name, quote! { &'a [u8] }, &Wire::Opaque(range));
            plan.doc =
                Some(" The encrypted value, as RFC 5246 section 4.7 encodes it.".to_string());
            return plan;
        }
        if let Some(fixed) = &field.fixed_value {
            if let Some(plan) = self.plan_fixed(owner, field, fixed) {
                return plan;
            }
        }
        if let Shape::Fixed(FixedLength::Bytes(size)) = field.shape {
            if size > u64::from(u32::MAX) {
                self.error(
                    owner,
                    field.span,
                    format!(
                        "fixed vector `{}` of {size} bytes is larger than 2^32-1",
                        field.name
                    ),
                    "a fixed vector this large has no Rust array type; use a variable vector",
                );
                return self.plan_rest(&field.name, "it is too large for an array");
            }
        }
        if let Shape::Fixed(FixedLength::Field(_) | FixedLength::External(_)) = field.shape {
            return self.plan_rest(&field.name, "its length is given outside this struct");
        }
        if let Some(context) = self.type_context(&field.element) {
            let _ = context;
            if let (Shape::Single, Some(rust_type)) =
                (&field.shape, self.value_type(&field.element, file, owner))
            {
                let mut plan = self.plan_stored(&field.name, rust_type, &Wire::Value);
                let selector = self.context_expression(owner);
                plan.decode = quote! { ::rfcodec::tls::Select::decode_case(#selector, reader) };
                return plan;
            }
            if let Shape::Variable {
                floor,
                ceiling: Some(ceiling),
                ..
            } = field.shape
            {
                if let Some(rust_type) = self.value_type(&field.element, file, owner) {
                    return self.plan_context_vector(owner, &field.name, rust_type, floor, ceiling);
                }
            }
        }
        match self.plan_wire(&field.element, &field.shape, file, owner) {
            Some((rust_type, wire)) => self.plan_stored(&field.name, rust_type, &wire),
            None => {
                self.unsupported(owner, field.span, &format!("field `{}`", field.name));
                self.plan_rest(&field.name, "unsupported")
            }
        }
    }

    /// Returns the discriminant a context-needing member receives, this type's own context.
    fn context_expression(&self, owner: TypeId) -> TokenStream {
        let _ = owner;
        quote! { context }
    }

    /// Plans a vector of elements that need a discriminant, decoded eagerly into a `Vec`.
    fn plan_context_vector(
        &self,
        owner: TypeId,
        name: &str,
        element: TokenStream,
        floor: u64,
        ceiling: u64,
    ) -> FieldPlan {
        let range = Range {
            floor,
            ceiling,
            element_size: 1,
        }
        .tokens();
        let width = Literal::u64_unsuffixed(
            Range {
                floor,
                ceiling,
                element_size: 1,
            }
            .prefix_width(),
        );
        let selector = self.context_expression(owner);
        let field = ident(&snake(name));
        FieldPlan {
            stored: Some((
                field.clone(),
                quote! { ::rfcodec::__private::Vec<#element> },
            )),
            local: field.clone(),
            label: name.to_string(),
            decode: quote! {
                reader.read_vector(#range).and_then(|mut content| {
                    let mut elements = ::rfcodec::__private::Vec::new();
                    while !content.is_empty() {
                        let index = elements.len();
                        let element: #element = ::rfcodec::tls::Select::decode_case(#selector, &mut content)
                            .map_err(|error| error.at_index(index))?;
                        elements.push(element);
                    }
                    Ok(elements)
                })
            },
            encode: quote! {
                writer.write_vector(#range, |writer| {
                    for (index, element) in #field.iter().enumerate() {
                        ::rfcodec::tls::Encode::encode_to(element, writer)
                            .map_err(|error| error.at_index(index))?;
                    }
                    Ok(())
                })?;
            },
            len: quote! {
                #width + #field.iter().map(::rfcodec::tls::Encode::encoded_len).sum::<usize>()
            },
            doc: None,
        }
    }

    /// Plans a member decoded as the rest of the enclosing bytes, because its length or
    /// form is defined outside the message.
    fn plan_rest(&self, name: &str, reason: &str) -> FieldPlan {
        let field = ident(&snake(name));
        FieldPlan {
            stored: Some((field.clone(), quote! { &'a [u8] })),
            local: field.clone(),
            label: name.to_string(),
            decode: quote! { reader.read_bytes(reader.remaining().len()) },
            encode: quote! { writer.write_bytes(#field); },
            len: quote! { #field.len() },
            doc: Some(format!(
                " NOTE: kept as the remaining bytes of the enclosing value, because {reason}."
            )),
        }
    }

    /// A field whose value the schema fixes: checked on decode, written on encode, not
    /// stored. Values given by prose expressions stay ordinary fields.
    fn plan_fixed(&self, owner: TypeId, field: &Field, fixed: &FixedValue) -> Option<FieldPlan> {
        let expected = match fixed {
            FixedValue::Number(value) => *value,
            FixedValue::EnumMember { value, .. } => *value,
            FixedValue::Bytes(_) | FixedValue::Expression(_) => return None,
        };
        if field.shape != Shape::Single {
            return None;
        }
        let width = match &field.element {
            TypeRef::Uint { bytes } => *bytes,
            TypeRef::Opaque => 1,
            TypeRef::Named(id) => match &self.def(*id).body {
                TypeBody::Enum(body) => body.width,
                TypeBody::Alias(alias) => match (&alias.element, &alias.shape) {
                    (TypeRef::Uint { bytes }, Shape::Single) => *bytes,
                    _ => return None,
                },
                TypeBody::Struct(_) => return None,
            },
            _ => return None,
        };
        let _ = owner;
        let local = format_ident!("_");
        let width_literal = Literal::usize_unsuffixed(usize::from(width));
        let expected_literal = Literal::u64_unsuffixed(expected);
        Some(FieldPlan {
            stored: None,
            local,
            label: field.name.clone(),
            decode: quote! {
                {
                    let offset = reader.offset();
                    reader.read_uint(#width_literal).and_then(|actual| {
                        ::rfcodec::tls::check_fixed(#expected_literal, actual, offset)
                    })
                }
            },
            encode: quote! { writer.write_uint(#width_literal, #expected_literal)?; },
            len: quote! { #width_literal },
            doc: None,
        })
    }

    /// A field holding the byte count of a later member: read and kept for that member,
    /// written from the member's size, not stored.
    fn plan_length_field(&mut self, owner: TypeId, field: &Field, counted: &Member) -> FieldPlan {
        let width = match (&field.element, &field.shape) {
            (TypeRef::Uint { bytes }, Shape::Single) => *bytes,
            (TypeRef::Named(id), Shape::Single) => match &self.def(*id).body {
                TypeBody::Alias(alias) => match &alias.element {
                    TypeRef::Uint { bytes } => *bytes,
                    _ => 0,
                },
                _ => 0,
            },
            _ => 0,
        };
        if width == 0 {
            return self.plan_field(
                owner,
                field,
                &Struct {
                    modifier: None,
                    members: Vec::new(),
                    length_links: Vec::new(),
                },
            );
        }
        let counted_name = match counted {
            Member::Field(field) => Some(field.name.clone()),
            Member::Select(select) => {
                Some(select.name.clone().unwrap_or_else(|| "body".to_string()))
            }
            Member::Struct(nested) => nested.name.clone(),
            Member::Value { .. } => None,
        };
        let local = ident(&snake(&field.name));
        let width_literal = Literal::usize_unsuffixed(usize::from(width));
        let counted_len = match counted_name {
            Some(name) => {
                let counted_field = ident(&snake(&name));
                match counted {
                    Member::Field(_) => quote! { #counted_field.len() },
                    _ => quote! { ::rfcodec::tls::Encode::encoded_len(#counted_field) },
                }
            }
            None => quote! { 0 },
        };
        FieldPlan {
            stored: None,
            local,
            label: field.name.clone(),
            decode: quote! { reader.read_uint(#width_literal) },
            encode: quote! { writer.write_uint(#width_literal, (#counted_len) as u64)?; },
            len: quote! { #width_literal },
            doc: None,
        }
    }

    fn plan_nested(
        &mut self,
        owner: TypeId,
        owner_name: &Ident,
        nested: &NestedStruct,
        helpers: &mut Vec<TokenStream>,
    ) -> Vec<FieldPlan> {
        let file = self.def(owner).file.0;
        if nested.body.modifier == Some(Modifier::DigitallySigned) {
            return vec![self.plan_digitally_signed(owner, owner_name, nested, helpers)];
        }
        match &nested.name {
            None => self.plan_members(
                owner,
                owner_name,
                &nested.body.members,
                &nested.body,
                helpers,
            ),
            Some(name) => {
                let type_name = self.fresh_name(file, format!("{owner_name}{}", upper_camel(name)));
                let doc = format!(" The `{name}` struct of [`{owner_name}`].");
                let doc = quote! { #[doc = #doc] };
                let borrows = self.members_borrow(&nested.body.members);
                let items = self.emit_struct(owner, type_name.clone(), doc, &nested.body, borrows);
                helpers.push(items);
                let generics = if borrows {
                    quote! { <'a> }
                } else {
                    TokenStream::new()
                };
                vec![self.plan_stored(name, quote! { #type_name #generics }, &Wire::Value)]
            }
        }
    }

    /// A `digitally-signed struct { ... }` member: on the wire, RFC 5246's DigitallySigned
    /// (algorithm and signature); beside it, a type for the signed struct and a method
    /// that builds the exact bytes that were signed.
    fn plan_digitally_signed(
        &mut self,
        owner: TypeId,
        owner_name: &Ident,
        nested: &NestedStruct,
        helpers: &mut Vec<TokenStream>,
    ) -> FieldPlan {
        let file = self.def(owner).file.0;
        let field_name = nested
            .name
            .clone()
            .unwrap_or_else(|| "signature".to_string());
        let wire_type = match self.schema.find("DigitallySigned") {
            Some(signed_type) => self.type_path(signed_type, file),
            None => match self.synthesize_digitally_signed(file) {
                Some(path) => path,
                None => {
                    self.error(
                        owner,
                        nested.span,
                        "`digitally-signed` needs RFC 5246's SignatureAndHashAlgorithm".to_string(),
                        "`use` the schema that defines SignatureAndHashAlgorithm, such as \
                         RFC 5246's",
                    );
                    return self.plan_rest(&field_name, "DigitallySigned is not defined");
                }
            },
        };
        let plan = self.plan_stored(&field_name, wire_type, &Wire::Value);

        let signed_name = self.fresh_name(file, format!("{owner_name}Signed"));
        let doc = format!(
            " The struct whose encoding the `{field_name}` of [`{owner_name}`] signs (RFC 5246 \
             section 4.7)."
        );
        let doc = quote! { #[doc = #doc] };
        let mut body = nested.body.clone();
        body.modifier = None;
        let borrows = self.members_borrow(&body.members);
        let (items, signed_fields) =
            self.emit_struct_with_fields(owner, signed_name.clone(), doc, &body, borrows);
        helpers.push(items);

        // Fields of the signed struct that the outer struct also has are taken from it;
        // the others become parameters.
        let outer_fields: HashSet<String> = match &self.def(owner).body {
            TypeBody::Struct(outer) => outer
                .members
                .iter()
                .filter_map(|member| match member {
                    Member::Field(field) if field.fixed_value.is_none() => Some(field.name.clone()),
                    _ => None,
                })
                .collect(),
            _ => HashSet::new(),
        };
        let mut parameters = Vec::new();
        let mut values = Vec::new();
        for (name, ty) in &signed_fields {
            let plain = name.to_string().trim_start_matches("r#").to_string();
            if outer_fields.iter().any(|outer| snake(outer) == plain) {
                values.push(quote! { #name: ::core::clone::Clone::clone(&self.#name) });
            } else {
                parameters.push(quote! { #name: #ty });
                values.push(quote! { #name });
            }
        }
        let method = format_ident!("{}_signed_data", snake(&field_name));
        let generics = if self.borrows[owner.0] {
            quote! { <'a> }
        } else {
            TokenStream::new()
        };
        let method_doc = format!(
            " Builds the bytes that `{field_name}` signs, from this value and the signed fields \
             that are not on the wire."
        );
        helpers.push(quote! {
            impl #generics #owner_name #generics {
                #[doc = #method_doc]
                pub fn #method(&self, #(#parameters),*) -> ::rfcodec::Result<::rfcodec::__private::Vec<u8>> {
                    ::rfcodec::tls::Encode::encode(&#signed_name { #(#values),* })
                }
            }
        });
        plan
    }

    /// Writes RFC 5246 section 4.7's wire form of a digitally-signed element, once, for
    /// schemas that define SignatureAndHashAlgorithm but not the DigitallySigned struct.
    fn synthesize_digitally_signed(&mut self, from_file: usize) -> Option<TokenStream> {
        let algorithm = self.schema.signature_algorithm?;
        if self.synthesized_signed.is_none() {
            let file = self.def(algorithm).file.0;
            let name = self.fresh_name(file, "DigitallySigned".to_string());
            let algorithm_type = self.type_path(algorithm, file);
            let range = Range {
                floor: 0,
                ceiling: 0xffff,
                element_size: 1,
            };
            let wire = Wire::Opaque(range);
            let decode = wire.decode(&quote! { reader });
            let encode = wire.encode(&quote! { signature }, &quote! { writer });
            let len = wire.encoded_len(&quote! { signature });
            self.items[file].push(quote! {
                /// RFC 5246 section 4.7: a digitally-signed element on the wire, the
                /// algorithm and `opaque signature<0..2^16-1>`.
                #[derive(Debug, Clone, PartialEq, Eq)]
                pub struct #name<'a> {
                    pub algorithm: #algorithm_type,
                    pub signature: &'a [u8],
                }

                impl<'a> ::rfcodec::tls::Decode<'a> for #name<'a> {
                    #[inline]
                    fn decode_from(reader: &mut ::rfcodec::tls::Reader<'a>) -> ::rfcodec::Result<Self> {
                        let algorithm = ::rfcodec::tls::Decode::decode_from(reader)
                            .map_err(|error| error.in_field("algorithm").in_type("DigitallySigned"))?;
                        let signature = #decode
                            .map_err(|error| error.in_field("signature").in_type("DigitallySigned"))?;
                        Ok(Self { algorithm, signature })
                    }
                }

                impl ::rfcodec::tls::Encode for #name<'_> {
                    #[inline]
                    fn encoded_len(&self) -> usize {
                        let Self { algorithm, signature } = self;
                        ::rfcodec::tls::Encode::encoded_len(algorithm) + #len
                    }

                    #[inline]
                    fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                        let Self { algorithm, signature } = self;
                        ::rfcodec::tls::Encode::encode_to(algorithm, writer)
                            .map_err(|error| error.in_field("algorithm"))?;
                        let mut field = || -> ::rfcodec::Result<()> { #encode Ok(()) };
                        field().map_err(|error| error.in_field("signature"))
                    }
                }
            });
            self.synthesized_signed = Some((file, name));
        }
        let (file, name) = self.synthesized_signed.clone()?;
        if file == from_file {
            Some(quote! { #name<'a> })
        } else {
            let module = ident(&module_name(&self.schema.files[file].name));
            Some(quote! { super::#module::#name<'a> })
        }
    }

    fn plan_select(
        &mut self,
        owner: TypeId,
        owner_name: &Ident,
        select: &Select,
        siblings: &[Member],
        helpers: &mut Vec<TokenStream>,
    ) -> FieldPlan {
        let file = self.def(owner).file.0;
        let field_name = select.name.clone().unwrap_or_else(|| "body".to_string());
        if select.selector.source == SelectorSource::Presence {
            return self.plan_presence(owner, &field_name, select);
        }
        let selector = match &select.selector.source {
            SelectorSource::Field(path) => match path.root {
                PathRoot::Enclosing { .. } => {
                    let local = ident(&snake(path.fields.last().map_or("", String::as_str)));
                    (quote! { #local }, quote! { *#local })
                }
                PathRoot::Type(root) if root == owner => {
                    let local = ident(&snake(path.fields.last().map_or("", String::as_str)));
                    (quote! { #local }, quote! { *#local })
                }
                PathRoot::Type(_) => (quote! { context }, quote! { context }),
            },
            SelectorSource::Negotiated(negotiated) => {
                match sibling_of_type(siblings, *negotiated) {
                    Some(name) => {
                        let local = ident(&snake(name));
                        (quote! { #local }, quote! { *#local })
                    }
                    None => (quote! { context }, quote! { context }),
                }
            }
            SelectorSource::Presence => (quote! { context }, quote! { context }),
        };
        let wanted = upper_camel(&field_name);
        let enum_name = if select.name.is_some() && !self.taken[file].contains(&wanted) {
            self.fresh_name(file, wanted)
        } else {
            self.fresh_name(file, format!("{owner_name}{wanted}"))
        };
        let selector_type = self.discriminant_type(select.selector.discriminant, file);
        let borrows = select
            .cases
            .iter()
            .any(|case| self.members_borrow(&case.members));
        let outer_context = select
            .cases
            .iter()
            .find_map(|case| self.members_context(owner, &case.members));
        if let Some(outer) = outer_context {
            if selector.0.to_string() == "context" && outer != select.selector.discriminant {
                self.error(
                    owner,
                    select.span,
                    format!(
                        "`select ({})` and a case inside it both select on values negotiated \
                         outside the message",
                        select.selector.text
                    ),
                    "rfcodec passes one such value to a decoder; decode the inner case \
                     separately from its bytes",
                );
            }
        }
        let items = self.emit_select_enum(
            owner,
            &enum_name,
            &selector_type,
            select,
            borrows,
            outer_context,
        );
        helpers.push(items);
        let generics = if borrows {
            quote! { <'a> }
        } else {
            TokenStream::new()
        };
        let field = ident(&snake(&field_name));
        let (decode_selector, encode_selector) = selector;
        let encoded_with_context = encode_selector.to_string() == "context";
        let value = quote! { #field };
        let encode = if encoded_with_context {
            quote! { ::rfcodec::tls::Encode::encode_to(#value, writer)?; }
        } else if outer_context.is_some() {
            quote! {
                ::rfcodec::tls::check_matches(#value.matches(#encode_selector), writer.position())?;
                ::rfcodec::tls::Encode::encode_to(#value, writer)?;
            }
        } else {
            Wire::Select(encode_selector).encode(&value, &quote! { writer })
        };
        let decode = if outer_context.is_some() {
            quote! { #enum_name::decode_with_context(#decode_selector, context, reader) }
        } else {
            Wire::Select(decode_selector).decode(&quote! { reader })
        };
        FieldPlan {
            stored: Some((field.clone(), quote! { #enum_name #generics })),
            local: field.clone(),
            label: field_name,
            decode,
            encode,
            len: quote! { ::rfcodec::tls::Encode::encoded_len(#value) },
            doc: None,
        }
    }

    /// RFC 5246's `select (extensions_present)`: present when bytes remain.
    fn plan_presence(&mut self, owner: TypeId, field_name: &str, select: &Select) -> FieldPlan {
        let file = self.def(owner).file.0;
        let present = select
            .cases
            .iter()
            .find(|case| case.labels.contains(&CaseLabel::Bool(true)) && !case.members.is_empty());
        let Some(Member::Field(field)) = present.and_then(|case| case.members.first()) else {
            self.unsupported(owner, select.span, "this presence select");
            return self.plan_rest(field_name, "unsupported");
        };
        let Some((rust_type, wire)) = self.plan_wire(&field.element, &field.shape, file, owner)
        else {
            self.unsupported(owner, select.span, "this presence select");
            return self.plan_rest(field_name, "unsupported");
        };
        let name = ident(&snake(&field.name));
        let decode = wire.decode(&quote! { reader });
        let encode = wire.encode(&quote! { present }, &quote! { writer });
        let len = wire.encoded_len(&quote! { present });
        FieldPlan {
            stored: Some((name.clone(), quote! { ::core::option::Option<#rust_type> })),
            local: name.clone(),
            label: field.name.clone(),
            decode: quote! {
                if reader.is_empty() { Ok(None) } else { #decode.map(Some) }
            },
            encode: quote! { if let Some(present) = #name { #encode } },
            len: quote! { #name.as_ref().map_or(0, |present| #len) },
            doc: Some(" Present when bytes remain after the fields before it.".to_string()),
        }
    }

    fn emit_select_enum(
        &mut self,
        owner: TypeId,
        enum_name: &Ident,
        selector_type: &TokenStream,
        select: &Select,
        borrows: bool,
        outer_context: Option<Discriminant>,
    ) -> TokenStream {
        let file = self.def(owner).file.0;
        let generics = if borrows {
            quote! { <'a> }
        } else {
            TokenStream::new()
        };
        let mut variants = Vec::new();
        let mut decode_arms = Vec::new();
        let mut match_arms = Vec::new();
        let mut encode_arms = Vec::new();
        let mut len_arms = Vec::new();
        let mut seen = HashSet::new();
        let type_name = enum_name.to_string();
        for case in &select.cases {
            let (variant, patterns) = self.case_labels(case, select.selector.discriminant, file);
            let mut variant_name = variant;
            while !seen.insert(variant_name.clone()) {
                variant_name.push('_');
            }
            let variant = ident(&variant_name);
            let mut case_helpers = Vec::new();
            let body = Struct {
                modifier: None,
                members: case.members.clone(),
                length_links: Vec::new(),
            };
            let plans =
                self.plan_members(owner, enum_name, &case.members, &body, &mut case_helpers);
            for helper in case_helpers {
                self.items[file].push(helper);
            }
            let pattern = quote! { #(#patterns)|* };
            let single_value = matches!(case.members.as_slice(), [Member::Value { .. }]);
            let (declaration, construct, bind) = match plans.len() {
                0 => (
                    quote! { #variant, },
                    quote! { Self::#variant },
                    quote! { Self::#variant },
                ),
                1 if single_value => {
                    let ty = plans[0]
                        .stored
                        .as_ref()
                        .map(|(_, ty)| ty.clone())
                        .unwrap_or_default();
                    (
                        quote! { #variant(#ty), },
                        quote! { Self::#variant(value) },
                        quote! { Self::#variant(value) },
                    )
                }
                _ => {
                    let names: Vec<&Ident> = plans
                        .iter()
                        .filter_map(|plan| plan.stored.as_ref().map(|(name, _)| name))
                        .collect();
                    let types: Vec<&TokenStream> = plans
                        .iter()
                        .filter_map(|plan| plan.stored.as_ref().map(|(_, ty)| ty))
                        .collect();
                    (
                        quote! { #variant { #(#names: #types),* }, },
                        quote! { Self::#variant { #(#names),* } },
                        quote! { Self::#variant { #(#names),* } },
                    )
                }
            };
            variants.push(declaration);
            let decode: Vec<TokenStream> = plans
                .iter()
                .map(|plan| decode_statement(plan, None))
                .collect();
            decode_arms.push(quote! { #pattern => { #(#decode)* Ok(#construct) } });
            let wildcard = if plans.is_empty() {
                quote! { Self::#variant }
            } else if single_value {
                quote! { Self::#variant(..) }
            } else {
                quote! { Self::#variant { .. } }
            };
            match_arms.push(quote! { (#wildcard, #pattern) });
            let encode: Vec<&TokenStream> = plans.iter().map(|plan| &plan.encode).collect();
            encode_arms.push(quote! { #bind => { #(#encode)* } });
            let len: Vec<TokenStream> = plans.iter().map(|plan| plan.len.clone()).collect();
            let len_sum = crate::emit::sum(&len);
            len_arms.push(quote! { #bind => #len_sum, });
        }
        let selector_text = &select.selector.text;
        let doc = format!(
            " The cases of `select ({selector_text})` in [`{}`].",
            self.names[owner.0]
        );
        let decode_body = quote! {
            let offset = reader.offset();
            let mut decode = || -> ::rfcodec::Result<Self> {
                match selector {
                    #(#decode_arms)*
                    _ => ::rfcodec::tls::unknown_selector(selector, offset),
                }
            };
            decode().map_err(|error| error.in_type(#type_name))
        };
        let matches_body = quote! {
            matches!((self, selector), #(#match_arms)|*)
        };
        let select_impl = match outer_context {
            None => quote! {
                impl<'a> ::rfcodec::tls::Select<'a> for #enum_name #generics {
                    type Selector = #selector_type;

                    #[allow(unused_variables, unused_mut, unreachable_patterns)]
                    fn decode_case(
                        selector: #selector_type,
                        reader: &mut ::rfcodec::tls::Reader<'a>,
                    ) -> ::rfcodec::Result<Self> {
                        #decode_body
                    }

                    #[allow(unreachable_patterns)]
                    fn matches(&self, selector: #selector_type) -> bool {
                        #matches_body
                    }
                }
            },
            Some(context) => {
                let context_type = self.discriminant_type(context, file);
                quote! {
                    impl<'a> #enum_name #generics {
                        /// Decodes the case `selector` names; cases that select on a value
                        /// negotiated outside the message read it from `context`.
                        #[allow(unused_variables, unused_mut, unreachable_patterns)]
                        pub fn decode_with_context(
                            selector: #selector_type,
                            context: #context_type,
                            reader: &mut ::rfcodec::tls::Reader<'a>,
                        ) -> ::rfcodec::Result<Self> {
                            #decode_body
                        }

                        /// Returns whether this is the case `selector` names.
                        #[allow(unreachable_patterns)]
                        pub fn matches(&self, selector: #selector_type) -> bool {
                            #matches_body
                        }
                    }
                }
            }
        };
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub enum #enum_name #generics {
                #(#variants)*
            }

            #select_impl

            impl #generics ::rfcodec::tls::Encode for #enum_name #generics {
                #[allow(unused_variables, unused_parens)]
                #[inline]
                fn encoded_len(&self) -> usize {
                    match self {
                        #(#len_arms)*
                    }
                }

                #[allow(unused_variables, unused_parens)]
                #[inline]
                fn encode_to(&self, writer: &mut ::rfcodec::tls::Writer<'_>) -> ::rfcodec::Result<()> {
                    match self {
                        #(#encode_arms)*
                    }
                    Ok(())
                }
            }
        }
    }

    /// The variant name and match patterns of a case.
    fn case_labels(
        &self,
        case: &Case,
        discriminant: Discriminant,
        file: usize,
    ) -> (String, Vec<TokenStream>) {
        let mut patterns = Vec::new();
        let mut name = String::new();
        for label in &case.labels {
            let (label_name, pattern) = match (label, discriminant) {
                (CaseLabel::Member { name, value }, Discriminant::Enum(id)) => {
                    let enum_type = ident(&self.names[id.0]);
                    let path = if self.def(id).file.0 == file {
                        quote! { #enum_type }
                    } else {
                        let module =
                            ident(&module_name(&self.schema.files[self.def(id).file.0].name));
                        quote! { super::#module::#enum_type }
                    };
                    let member = self.enum_member(id, name, *value);
                    (upper_camel(name), quote! { #path::#member })
                }
                (CaseLabel::Member { name, value }, _) => {
                    let value = Literal::u64_unsuffixed(*value);
                    (upper_camel(name), quote! { #value })
                }
                (CaseLabel::Number(number), _) => {
                    let value = Literal::u64_unsuffixed(*number);
                    (format!("Case{number}"), quote! { #value })
                }
                (CaseLabel::Bool(flag), _) => (
                    if *flag {
                        "True".to_string()
                    } else {
                        "False".to_string()
                    },
                    quote! { #flag },
                ),
            };
            if name.is_empty() {
                name = label_name;
            }
            patterns.push(pattern);
        }
        (name, patterns)
    }

    /// The variant (or range pattern) of enum `id` for member `name`.
    fn enum_member(&self, id: TypeId, name: &str, value: u64) -> TokenStream {
        let TypeBody::Enum(body) = &self.def(id).body else {
            let value = Literal::u64_unsuffixed(value);
            return quote! { #value };
        };
        let member = body.members.iter().find(|member| member.name == name);
        let variant = ident(&upper_camel(name));
        match member {
            Some(member) if member.first != member.last => quote! { #variant(_) },
            _ => quote! { #variant },
        }
    }

    fn emit_constant(&mut self, constant: &crate::tls::ir::Constant) {
        let file = constant.file.0;
        let name = ident(&shouty(&constant.name));
        let TypeRef::Named(id) = constant.ty else {
            return;
        };
        let fixed_size = match &self.def(id).body {
            TypeBody::Alias(alias) => match (&alias.element, &alias.shape) {
                (
                    TypeRef::Opaque | TypeRef::Uint { bytes: 1 },
                    Shape::Fixed(FixedLength::Bytes(size)),
                ) => *size,
                _ => return,
            },
            _ => return,
        };
        if !matches!(&constant.value, FixedValue::Bytes(bytes) if bytes.len() as u64 == fixed_size)
        {
            return;
        }
        let ty = self.type_path(id, file);
        let value = match &constant.value {
            FixedValue::Bytes(bytes) => {
                if bytes.iter().any(|&byte| byte > 0xff) {
                    return;
                }
                let bytes = bytes.iter().map(|&byte| Literal::u8_unsuffixed(byte as u8));
                quote! { &[#(#bytes),*] }
            }
            _ => return,
        };
        let ty: TokenStream = ty
            .to_string()
            .replace("'a", "'static")
            .parse()
            .unwrap_or(ty);
        let constant_name = &constant.name;
        self.items[file].push(quote! {
            #[doc = concat!(" `", #constant_name, "`")]
            pub const #name: #ty = #value;
        });
    }
}
