//! Rust code for resolved ASN.1 modules, encoded as DER (X.680, X.690): one Rust module
//! per schema file, a type per assignment with its tags, OPTIONAL and DEFAULT components,
//! CHOICE alternatives and SIZE constraints checked, and constants for value assignments.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::asn1::ir::{
    Component, Constraint, Element, ElementSet, Endpoint, Ir, ListKind, Placement, Presence,
    StringType, StructureKind, Tag, TagClass, TagMode, Type, TypeId, TypeKind, Value,
};
use crate::diagnostic::Diagnostic;
use crate::emit::der_wire::{self, Class, TagNumber, Tagging};
use crate::emit::names::{ident, shouty, snake, upper_camel};
use crate::emit::tls::module_name;
use crate::source::SourceFile;

/// The generated items of one schema file.
#[derive(Debug, Clone)]
pub struct ModuleCode {
    /// The Rust module name, from the file name (`rfc5280_explicit`).
    pub name: String,
    /// The schema file's name as given.
    pub file: String,
    pub items: TokenStream,
}

/// Generates the Rust code of every module of `ir`, grouped by file. `files` supplies
/// the source text for diagnostics.
pub fn emit_modules(
    ir: &Ir,
    files: &[Arc<SourceFile>],
) -> Result<Vec<ModuleCode>, Vec<Diagnostic>> {
    let mut emitter = Emitter::new(ir, files);
    for (module_index, module) in ir.modules.iter().enumerate() {
        for index in 0..module.types.len() {
            emitter.emit_assignment(TypeId {
                module: module_index,
                index,
            });
        }
        for value in &module.values {
            emitter.emit_value(module_index, value);
        }
    }
    if !emitter.diagnostics.is_empty() {
        return Err(emitter.diagnostics);
    }
    Ok(emitter
        .items
        .into_iter()
        .map(|(file, items)| ModuleCode {
            name: module_name(&file),
            file,
            items: items.into_iter().collect(),
        })
        .collect())
}

struct Emitter<'i> {
    ir: &'i Ir,
    files: &'i [Arc<SourceFile>],
    /// Whether each assignment's Rust type borrows from the input, by module and index.
    borrows: HashMap<TypeId, bool>,
    items: BTreeMap<String, Vec<TokenStream>>,
    taken: HashMap<String, HashSet<String>>,
    diagnostics: Vec<Diagnostic>,
}

/// The Rust type and tagging of a planned component.
struct Planned {
    ty: TokenStream,
    tagging: Tagging,
}

impl<'i> Emitter<'i> {
    fn new(ir: &'i Ir, files: &'i [Arc<SourceFile>]) -> Self {
        let mut taken: HashMap<String, HashSet<String>> = HashMap::new();
        for module in &ir.modules {
            let names = taken.entry(module.file.clone()).or_default();
            for assignment in &module.types {
                names.insert(assignment.rust_name.clone());
            }
        }
        let mut emitter = Self {
            ir,
            files,
            borrows: HashMap::new(),
            items: BTreeMap::new(),
            taken,
            diagnostics: Vec::new(),
        };
        emitter.compute_borrows();
        emitter
    }

    fn compute_borrows(&mut self) {
        loop {
            let mut changed = false;
            for (module_index, module) in self.ir.modules.iter().enumerate() {
                for (index, assignment) in module.types.iter().enumerate() {
                    let id = TypeId {
                        module: module_index,
                        index,
                    };
                    if !self.borrows.get(&id).copied().unwrap_or(false)
                        && self.type_borrows(&assignment.ty)
                    {
                        self.borrows.insert(id, true);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn type_borrows(&self, ty: &Type) -> bool {
        match &ty.kind {
            TypeKind::Boolean | TypeKind::Null | TypeKind::UtcTime | TypeKind::GeneralizedTime => {
                false
            }
            TypeKind::Enumerated { .. } => false,
            TypeKind::Structure {
                components,
                extensible,
                ..
            } => {
                *extensible
                    || components
                        .iter()
                        .any(|component| self.type_borrows(&component.ty))
            }
            TypeKind::Reference { target, .. } => {
                self.borrows.get(target).copied().unwrap_or(false)
            }
            _ => true,
        }
    }

    fn error(&mut self, module: usize, span: crate::source::Span, message: String, help: &str) {
        let file_name = &self.ir.modules[module].file;
        let file = self
            .files
            .iter()
            .find(|file| &file.name == file_name)
            .cloned()
            .unwrap_or_else(|| SourceFile::new(file_name.clone(), ""));
        self.diagnostics
            .push(Diagnostic::error(&file, span, message).with_help(help));
    }

    fn file_of(&self, module: usize) -> String {
        self.ir.modules[module].file.clone()
    }

    fn push(&mut self, module: usize, items: TokenStream) {
        let file = self.file_of(module);
        self.items.entry(file).or_default().push(items);
    }

    fn fresh_name(&mut self, module: usize, wanted: String) -> Ident {
        let names = self.taken.entry(self.file_of(module)).or_default();
        let mut name = wanted.clone();
        let mut counter = 2;
        while !names.insert(name.clone()) {
            name = format!("{wanted}{counter}");
            counter += 1;
        }
        ident(&name)
    }

    /// Returns the path of an assignment's type seen from `module`, with `<'a>` when it
    /// borrows.
    fn assignment_path(&self, target: TypeId, from_module: usize) -> TokenStream {
        let assignment = self.ir.type_assignment(target);
        let name = ident(&assignment.rust_name);
        let target_file = &self.ir.modules[target.module].file;
        let path = if *target_file == self.ir.modules[from_module].file {
            quote! { #name }
        } else {
            let module = ident(&module_name(target_file));
            quote! { super::#module::#name }
        };
        if self.borrows.get(&target).copied().unwrap_or(false) {
            quote! { #path<'a> }
        } else {
            path
        }
    }

    // ----- tags ---------------------------------------------------------------------

    fn tag_number(&mut self, module: usize, tag: &Tag, span: crate::source::Span) -> TagNumber {
        let number = u32::try_from(tag.number).unwrap_or_else(|_| {
            self.error(
                module,
                span,
                format!("tag number {} is above 2^32-1", tag.number),
                "use a smaller tag number",
            );
            0
        });
        TagNumber {
            class: match tag.class {
                TagClass::Universal => Class::Universal,
                TagClass::Application => Class::Application,
                TagClass::ContextSpecific => Class::Context,
                TagClass::Private => Class::Private,
            },
            number,
        }
    }

    fn tagging(&mut self, module: usize, tags: &[Tag], span: crate::source::Span) -> Tagging {
        match tags {
            [] => Tagging::None,
            [tag] => {
                let number = self.tag_number(module, tag, span);
                match tag.mode {
                    TagMode::Explicit => Tagging::Explicit(number),
                    TagMode::Implicit => Tagging::Implicit(number),
                }
            }
            _ => {
                self.error(
                    module,
                    span,
                    "a type with more than one tag has no Rust form in rfcodec yet".to_string(),
                    "give the tagged type its own assignment and tag that reference",
                );
                Tagging::None
            }
        }
    }

    // ----- types --------------------------------------------------------------------

    /// The Rust type standing for `ty` without its tags; inline SEQUENCE, SET and CHOICE
    /// types become helper types named after `owner` and `component`.
    fn rust_type(
        &mut self,
        module: usize,
        ty: &Type,
        owner: &str,
        component: &str,
        span: crate::source::Span,
    ) -> TokenStream {
        match &ty.kind {
            TypeKind::Boolean => quote! { bool },
            TypeKind::Null => quote! { ::rfcodec::der::Null },
            TypeKind::Integer { .. } => quote! { ::rfcodec::der::Integer<'a> },
            TypeKind::Enumerated { .. } => quote! { ::rfcodec::der::Enumerated },
            TypeKind::BitString { .. } => quote! { ::rfcodec::der::BitString<'a> },
            TypeKind::OctetString => quote! { &'a [u8] },
            TypeKind::ObjectIdentifier => quote! { ::rfcodec::der::ObjectIdentifier<'a> },
            TypeKind::CharacterString(string) => match string {
                StringType::Utf8 => quote! { ::rfcodec::der::Utf8String<'a> },
                StringType::Printable => quote! { ::rfcodec::der::PrintableString<'a> },
                StringType::Ia5 => quote! { ::rfcodec::der::Ia5String<'a> },
                StringType::Numeric => quote! { ::rfcodec::der::NumericString<'a> },
                StringType::Visible => quote! { ::rfcodec::der::VisibleString<'a> },
                StringType::Teletex => quote! { ::rfcodec::der::TeletexString<'a> },
                StringType::Bmp => quote! { ::rfcodec::der::BmpString<'a> },
                StringType::Universal => quote! { ::rfcodec::der::UniversalString<'a> },
                // NOTE: these string types are kept as raw TLVs; their tags and character
                // sets are not checked.
                StringType::General
                | StringType::Graphic
                | StringType::Videotex
                | StringType::ObjectDescriptor => {
                    quote! { ::rfcodec::der::Any<'a> }
                }
            },
            TypeKind::UtcTime => quote! { ::rfcodec::der::UtcTime },
            TypeKind::GeneralizedTime => quote! { ::rfcodec::der::GeneralizedTime },
            // NOTE: REAL and RELATIVE-OID values are kept as raw TLVs without checks.
            TypeKind::Real | TypeKind::RelativeOid | TypeKind::Any { .. } => {
                quote! { ::rfcodec::der::Any<'a> }
            }
            TypeKind::List { kind, element, .. } => {
                let element_name = format!("{component}Element");
                let element_type = self.component_type(module, element, owner, &element_name, span);
                match kind {
                    ListKind::SequenceOf => {
                        quote! { ::rfcodec::der::SequenceOf<'a, #element_type> }
                    }
                    ListKind::SetOf => quote! { ::rfcodec::der::SetOf<'a, #element_type> },
                }
            }
            TypeKind::Structure { .. } => {
                let name = self.fresh_name(
                    module,
                    format!("{}{}", upper_camel(owner), upper_camel(component)),
                );
                let borrows = self.type_borrows(ty);
                let inner = Type {
                    tags: Vec::new(),
                    kind: ty.kind.clone(),
                    constraints: ty.constraints.clone(),
                };
                let doc = format!(" The `{component}` of `{owner}`.");
                let items = self.emit_type(
                    module,
                    &name,
                    &name.to_string(),
                    &inner,
                    borrows,
                    quote! { #[doc = #doc] },
                    span,
                );
                self.push(module, items);
                if borrows {
                    quote! { #name<'a> }
                } else {
                    quote! { #name }
                }
            }
            TypeKind::Reference { target, boxed, .. } => {
                let path = self.assignment_path(*target, module);
                if *boxed {
                    quote! { ::rfcodec::__private::Box<#path> }
                } else {
                    path
                }
            }
        }
    }

    /// The Rust type of an element or component type; a tagged inline type gets a
    /// wrapper so that the tag travels with it.
    fn component_type(
        &mut self,
        module: usize,
        ty: &Type,
        owner: &str,
        component: &str,
        span: crate::source::Span,
    ) -> TokenStream {
        if ty.tags.is_empty() {
            return self.rust_type(module, ty, owner, component, span);
        }
        let name = self.fresh_name(
            module,
            format!("{}{}", upper_camel(owner), upper_camel(component)),
        );
        let borrows = self.type_borrows(ty);
        let doc = format!(" The tagged `{component}` of `{owner}`.");
        let items = self.emit_type(
            module,
            &name,
            &name.to_string(),
            ty,
            borrows,
            quote! { #[doc = #doc] },
            span,
        );
        self.push(module, items);
        if borrows {
            quote! { #name<'a> }
        } else {
            quote! { #name }
        }
    }

    /// Returns the type the codec reads for a component whose Rust type is `ty`, and
    /// whether the field keeps it in a `Box` because the reference closes a cycle.
    fn unboxed_type(
        &self,
        module: usize,
        component: &Component,
        ty: &TokenStream,
    ) -> (TokenStream, bool) {
        match &component.ty.kind {
            TypeKind::Reference {
                target,
                boxed: true,
                ..
            } => (self.assignment_path(*target, module), true),
            _ => (ty.clone(), false),
        }
    }

    /// Plans a SEQUENCE, SET or CHOICE component: its Rust type and tagging.
    fn plan_component(
        &mut self,
        module: usize,
        owner: &str,
        component: &Component,
        span: crate::source::Span,
    ) -> Planned {
        let tagging = self.tagging(module, &component.ty.tags, span);
        let untagged = Type {
            tags: Vec::new(),
            kind: component.ty.kind.clone(),
            constraints: component.ty.constraints.clone(),
        };
        let ty = self.rust_type(module, &untagged, owner, &component.name, span);
        Planned { ty, tagging }
    }

    // ----- assignments --------------------------------------------------------------

    fn emit_assignment(&mut self, id: TypeId) {
        let assignment = self.ir.type_assignment(id);
        let name = ident(&assignment.rust_name);
        let borrows = self.borrows.get(&id).copied().unwrap_or(false);
        let mut lines = vec![
            format!(
                " `{}` ({}, line {}).",
                assignment.name, self.ir.modules[id.module].name, assignment.line
            ),
            String::new(),
            " ```text".to_string(),
        ];
        lines.extend(assignment.definition.lines().map(|line| format!(" {line}")));
        lines.push(" ```".to_string());
        let doc = quote! { #(#[doc = #lines])* };
        let items = self.emit_type(
            id.module,
            &name,
            &assignment.name,
            &assignment.ty,
            borrows,
            doc,
            assignment.span,
        );
        self.push(id.module, items);
        self.emit_named_constants(id);
    }

    /// Constants for named numbers of INTEGER and named bits of BIT STRING.
    fn emit_named_constants(&mut self, id: TypeId) {
        let assignment = self.ir.type_assignment(id);
        let prefix = shouty(&assignment.name);
        let items = match &assignment.ty.kind {
            TypeKind::Integer { named_numbers } => named_numbers
                .iter()
                .map(|named| {
                    let constant = ident(&format!("{prefix}_{}", shouty(&named.name)));
                    let bytes = integer_bytes(named.value)
                        .into_iter()
                        .map(Literal::u8_unsuffixed);
                    let doc = format!(
                        " `{}({})` of `{}`.",
                        named.name, named.value, assignment.name
                    );
                    quote! {
                        #[doc = #doc]
                        pub const #constant: ::rfcodec::der::Integer<'static> =
                            ::rfcodec::der::Integer::from_static(&[#(#bytes),*]);
                    }
                })
                .collect::<TokenStream>(),
            TypeKind::BitString { named_bits } => named_bits
                .iter()
                .map(|named| {
                    let constant = ident(&format!("{prefix}_{}", shouty(&named.name)));
                    let bit = Literal::i128_unsuffixed(named.value);
                    let doc = format!(
                        " Bit `{}({})` of `{}`.",
                        named.name, named.value, assignment.name
                    );
                    quote! {
                        #[doc = #doc]
                        pub const #constant: usize = #bit;
                    }
                })
                .collect(),
            _ => TokenStream::new(),
        };
        self.push(id.module, items);
    }

    /// Emits the type `name` for `ty`: a struct, an enum, a newtype or a type alias, with
    /// its codec impls.
    #[allow(clippy::too_many_arguments)]
    fn emit_type(
        &mut self,
        module: usize,
        name: &Ident,
        schema_name: &str,
        ty: &Type,
        borrows: bool,
        doc: TokenStream,
        span: crate::source::Span,
    ) -> TokenStream {
        let generics = if borrows {
            quote! { <'a> }
        } else {
            TokenStream::new()
        };
        let tagging = self.tagging(module, &ty.tags, span);
        match &ty.kind {
            TypeKind::Structure {
                kind: StructureKind::Choice,
                components,
                extensible,
            } => self.emit_choice(
                module,
                name,
                schema_name,
                components,
                *extensible,
                &generics,
                tagging,
                doc,
                span,
            ),
            TypeKind::Structure {
                kind,
                components,
                extensible,
            } => self.emit_structure(
                module,
                name,
                schema_name,
                *kind,
                components,
                *extensible,
                &generics,
                tagging,
                doc,
                span,
            ),
            TypeKind::Enumerated {
                root,
                extensible,
                additions,
            } => {
                let mut members = root.clone();
                members.extend(additions.iter().cloned());
                self.emit_enumerated(name, schema_name, &members, *extensible, tagging, doc)
            }
            TypeKind::BitString { named_bits } if !named_bits.is_empty() => {
                let inner = quote! { ::rfcodec::der::BitString<'a> };
                let check = quote! { value.check_named_bits(offset)?; };
                self.emit_newtype(
                    name,
                    schema_name,
                    inner,
                    &generics,
                    tagging,
                    Some(check),
                    doc,
                )
            }
            TypeKind::List { kind, element, .. }
                if size_range(&ty.constraints).is_some() || tagging != Tagging::None =>
            {
                let element_type =
                    self.component_type(module, element, schema_name, "Element", span);
                let inner = match kind {
                    ListKind::SequenceOf => {
                        quote! { ::rfcodec::der::SequenceOf<'a, #element_type> }
                    }
                    ListKind::SetOf => quote! { ::rfcodec::der::SetOf<'a, #element_type> },
                };
                let check = size_range(&ty.constraints).map(|(floor, ceiling)| {
                    let ceiling = ceiling.map_or(quote! { u64::MAX }, |ceiling| quote! { #ceiling });
                    quote! {
                        let count = value.len() as u64;
                        if !(#floor..=#ceiling).contains(&count) {
                            return Err(::rfcodec::Error::new(
                                ::rfcodec::ErrorKind::LengthOutOfRange { floor: #floor, ceiling: #ceiling, actual: count },
                                offset,
                            ));
                        }
                    }
                });
                self.emit_newtype(name, schema_name, inner, &generics, tagging, check, doc)
            }
            _ if tagging != Tagging::None => {
                let untagged = Type {
                    tags: Vec::new(),
                    kind: ty.kind.clone(),
                    constraints: ty.constraints.clone(),
                };
                let inner = self.rust_type(module, &untagged, schema_name, "Value", span);
                self.emit_newtype(name, schema_name, inner, &generics, tagging, None, doc)
            }
            _ => {
                let inner = self.rust_type(module, ty, schema_name, "Value", span);
                quote! {
                    #doc
                    pub type #name #generics = #inner;
                }
            }
        }
    }

    /// Emits a newtype around a runtime or generated type, carrying the assignment's tag or
    /// a check the runtime type cannot make.
    #[allow(clippy::too_many_arguments)]
    fn emit_newtype(
        &mut self,
        name: &Ident,
        schema_name: &str,
        inner: TokenStream,
        generics: &TokenStream,
        tagging: Tagging,
        check: Option<TokenStream>,
        doc: TokenStream,
    ) -> TokenStream {
        let encode_check = check.clone().map(|check| {
            quote! {
                let value = &self.0;
                let offset = writer.position();
                #check
            }
        });
        let check = check.unwrap_or_default();
        let (tag, decode, len, encode) = match tagging {
            Tagging::None => (
                quote! { <#inner as ::rfcodec::der::FixedTag>::TAG },
                quote! { <#inner as ::rfcodec::der::DecodeValue>::decode_value(reader, header)? },
                quote! { ::rfcodec::der::EncodeValue::value_len(&self.0) },
                quote! { ::rfcodec::der::EncodeValue::encode_value(&self.0, writer) },
            ),
            Tagging::Implicit(number) => {
                let tag = number.tokens();
                (
                    quote! { #tag.with_constructed(<#inner as ::rfcodec::der::FixedTag>::TAG.is_constructed()) },
                    quote! { <#inner as ::rfcodec::der::DecodeValue>::decode_value(reader, header)? },
                    quote! { ::rfcodec::der::EncodeValue::value_len(&self.0) },
                    quote! { ::rfcodec::der::EncodeValue::encode_value(&self.0, writer) },
                )
            }
            Tagging::Explicit(number) => {
                let tag = number.tokens();
                (
                    quote! { #tag.constructed() },
                    quote! { <#inner as ::rfcodec::der::Decode>::decode_from(reader)? },
                    quote! { ::rfcodec::der::Encode::encoded_len(&self.0) },
                    quote! { ::rfcodec::der::Encode::encode_to(&self.0, writer) },
                )
            }
        };
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct #name #generics(pub #inner);

            impl #generics ::rfcodec::der::FixedTag for #name #generics {
                const TAG: ::rfcodec::der::Tag = #tag;
            }

            impl<'a> ::rfcodec::der::DecodeValue<'a> for #name #generics {
                #[allow(unused_variables)]
                #[inline]
                fn decode_value(
                    reader: &mut ::rfcodec::der::Reader<'a>,
                    header: ::rfcodec::der::Header,
                ) -> ::rfcodec::Result<Self> {
                    let mut decode = || -> ::rfcodec::Result<Self> {
                        let offset = header.offset;
                        let value = #decode;
                        #check
                        Ok(Self(value))
                    };
                    decode().map_err(|error| error.in_type(#schema_name))
                }
            }

            impl #generics ::rfcodec::der::EncodeValue for #name #generics {
                fn value_len(&self) -> usize {
                    #len
                }

                fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                    #encode_check
                    #encode
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_structure(
        &mut self,
        module: usize,
        name: &Ident,
        schema_name: &str,
        kind: StructureKind,
        components: &[Component],
        extensible: bool,
        generics: &TokenStream,
        tagging: Tagging,
        doc: TokenStream,
        span: crate::source::Span,
    ) -> TokenStream {
        let reader = quote! { reader };
        let writer = quote! { writer };
        let mut fields = Vec::new();
        let mut names = Vec::new();
        let mut coded = Vec::new();
        for component in components {
            let planned = self.plan_component(module, schema_name, component, span);
            let field = ident(&snake(&component.rust_name));
            let optional = matches!(component.presence, Presence::Optional)
                || matches!(
                    component.placement,
                    Placement::Addition | Placement::AdditionGroup { .. }
                ) && matches!(component.presence, Presence::Required);
            let presence = match &component.presence {
                Presence::Default(value) => {
                    match self.default_expression(value, &component.ty, &planned.ty) {
                        Some(expression) => der_wire::Presence::Default(expression),
                        None => {
                            self.error(
                            module,
                            span,
                            format!("the DEFAULT value of `{}` has no Rust form in rfcodec yet", component.name),
                            "make the component OPTIONAL in the schema given to code generation",
                        );
                            der_wire::Presence::Optional
                        }
                    }
                }
                _ if optional => der_wire::Presence::Optional,
                _ => der_wire::Presence::Required,
            };
            let ty = &planned.ty;
            let field_type = match presence {
                der_wire::Presence::Optional => quote! { ::core::option::Option<#ty> },
                _ => ty.clone(),
            };
            let (wire_type, boxed) = self.unboxed_type(module, component, ty);
            let wire = der_wire::Component {
                ty: wire_type,
                tagging: planned.tagging,
                presence,
                boxed,
            };
            let doc = format!(" `{}`", component.name);
            fields.push(quote! { #[doc = #doc] pub #field: #field_type, });
            names.push(field.clone());
            coded.push((component, field, wire));
        }
        if extensible {
            fields.push(quote! {
                /// Components after the extension marker that this schema does not name,
                /// kept as their TLVs so they re-encode as they were.
                pub unknown_additions: &'a [u8],
            });
        }

        // DER puts SET components in the canonical order of their tags (X.690 10.3);
        // sorting needs one known tag per component.
        let mut order: Vec<usize> = (0..coded.len()).collect();
        if kind == StructureKind::Set {
            let keys: Option<Vec<(u8, u64)>> = coded
                .iter()
                .map(|(component, _, _)| match &component.outer_tags {
                    crate::asn1::ir::OuterTags::One(class, number) => {
                        Some((class_rank(*class), *number))
                    }
                    _ => None,
                })
                .collect();
            if let Some(keys) = keys {
                order.sort_by_key(|&index| keys[index]);
            }
        }

        let mut decode = Vec::new();
        let mut encode = Vec::new();
        let mut len = Vec::new();
        for &index in &order {
            let (component, field, wire) = &coded[index];
            let label = &component.name;
            let read = wire.decode(&reader);
            decode.push(quote! {
                let #field = #read.map_err(|error| error.in_field(#label).in_type(#schema_name))?;
            });
            let write = wire.encode(&quote! { #field }, &writer);
            encode.push(quote! {
                let mut field = || -> ::rfcodec::Result<()> { #write Ok(()) };
                field().map_err(|error| error.in_field(#label))?;
            });
            len.push(wire.encoded_len(&quote! { #field }));
        }
        let mut bind_names = names.clone();
        if extensible {
            decode.push(quote! {
                let unknown_additions = reader.remaining();
                while !reader.is_empty() {
                    <::rfcodec::der::Any as ::rfcodec::der::Decode>::decode_from(reader)
                        .map_err(|error| error.in_type(#schema_name))?;
                }
            });
            encode.push(quote! { writer.write_bytes(unknown_additions); });
            len.push(quote! { unknown_additions.len() });
            bind_names.push(ident("unknown_additions"));
        }
        let len_sum = crate::emit::sum(&len);
        let universal = match kind {
            StructureKind::Set => quote! { ::rfcodec::der::Tag::SET },
            _ => quote! { ::rfcodec::der::Tag::SEQUENCE },
        };
        // Each field maps its own error, so the value is built in the return slot rather
        // than in a closure's result and then moved.
        let content_decode = quote! {
            #(#decode)*
            Ok(Self { #(#bind_names),* })
        };
        let content_encode = quote! {
            let Self { #(#bind_names),* } = self;
            let mut encode = || -> ::rfcodec::Result<()> {
                #(#encode)*
                Ok(())
            };
            encode().map_err(|error| error.in_type(#schema_name))
        };
        let content_len = quote! {
            let Self { #(#bind_names),* } = self;
            #len_sum
        };
        let codec = match tagging {
            Tagging::None | Tagging::Implicit(_) => {
                let tag = match tagging {
                    Tagging::Implicit(number) => {
                        let tag = number.tokens();
                        quote! { #tag.constructed() }
                    }
                    _ => universal,
                };
                quote! {
                    impl #generics ::rfcodec::der::FixedTag for #name #generics {
                        const TAG: ::rfcodec::der::Tag = #tag;
                    }

                    impl<'a> ::rfcodec::der::DecodeValue<'a> for #name #generics {
                        #[allow(unused_variables, unused_mut)]
                        #[inline]
                        fn decode_value(
                            reader: &mut ::rfcodec::der::Reader<'a>,
                            _header: ::rfcodec::der::Header,
                        ) -> ::rfcodec::Result<Self> {
                            #content_decode
                        }
                    }

                    impl #generics ::rfcodec::der::EncodeValue for #name #generics {
                        #[allow(unused_variables, unused_parens)]
                        fn value_len(&self) -> usize {
                            #content_len
                        }

                        #[allow(unused_variables, unused_parens, unused_mut)]
                        fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                            #content_encode
                        }
                    }
                }
            }
            Tagging::Explicit(number) => {
                let tag = number.tokens();
                quote! {
                    impl #generics ::rfcodec::der::FixedTag for #name #generics {
                        const TAG: ::rfcodec::der::Tag = #tag.constructed();
                    }

                    impl<'a> ::rfcodec::der::DecodeValue<'a> for #name #generics {
                        #[allow(unused_variables, unused_mut)]
                        #[inline]
                        fn decode_value(
                            reader: &mut ::rfcodec::der::Reader<'a>,
                            _header: ::rfcodec::der::Header,
                        ) -> ::rfcodec::Result<Self> {
                            reader.read_constructed(#universal, |reader| { #content_decode })
                        }
                    }

                    impl #generics ::rfcodec::der::EncodeValue for #name #generics {
                        #[allow(unused_variables, unused_parens)]
                        fn value_len(&self) -> usize {
                            ::rfcodec::der::tlv_len(#universal, { #content_len })
                        }

                        #[allow(unused_variables, unused_parens, unused_mut)]
                        fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                            let length = { #content_len };
                            writer.write_header(#universal, length);
                            #content_encode
                        }
                    }
                }
            }
        };
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct #name #generics {
                #(#fields)*
            }

            #codec
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_choice(
        &mut self,
        module: usize,
        name: &Ident,
        schema_name: &str,
        components: &[Component],
        extensible: bool,
        generics: &TokenStream,
        tagging: Tagging,
        doc: TokenStream,
        span: crate::source::Span,
    ) -> TokenStream {
        let reader = quote! { reader };
        let writer = quote! { writer };
        let mut variants = Vec::new();
        let mut decode_arms = Vec::new();
        let mut accepts = Vec::new();
        let mut encode_arms = Vec::new();
        let mut len_arms = Vec::new();
        for component in components {
            let planned = self.plan_component(module, schema_name, component, span);
            let variant = ident(&upper_camel(&component.rust_name));
            let ty = &planned.ty;
            let (wire_type, boxed) = self.unboxed_type(module, component, ty);
            let wire = der_wire::Component {
                ty: wire_type,
                tagging: planned.tagging,
                presence: der_wire::Presence::Required,
                boxed,
            };
            let doc = format!(" `{}`", component.name);
            variants.push(quote! { #[doc = #doc] #variant(#ty), });
            let label = &component.name;
            let starts = wire.starts_here(&reader);
            let read = wire.decode(&reader);
            decode_arms.push(quote! {
                if #starts {
                    return #read.map(Self::#variant).map_err(|error| error.in_field(#label));
                }
            });
            accepts.push(wire.accepts(&quote! { tag }));
            let write = wire.encode(&quote! { value }, &writer);
            encode_arms.push(quote! { Self::#variant(value) => { #write } });
            let size = wire.encoded_len(&quote! { value });
            len_arms.push(quote! { Self::#variant(value) => #size, });
        }
        let (unknown_variant, unknown_decode, unknown_accepts) = if extensible {
            encode_arms.push(quote! { Self::Unknown(value) => { ::rfcodec::der::Encode::encode_to(value, writer)?; } });
            len_arms.push(
                quote! { Self::Unknown(value) => ::rfcodec::der::Encode::encoded_len(value), },
            );
            (
                quote! {
                    /// An alternative added after the extension marker that this schema
                    /// does not name, kept as its TLV.
                    Unknown(::rfcodec::der::Any<'a>),
                },
                quote! {
                    <::rfcodec::der::Any as ::rfcodec::der::Decode>::decode_from(reader)
                        .map(Self::Unknown)
                },
                quote! { false },
            )
        } else {
            (
                TokenStream::new(),
                quote! { Err(::rfcodec::Error::new(::rfcodec::ErrorKind::UnknownTag { actual: tag }, offset)) },
                quote! { false },
            )
        };
        // Only the named alternatives count: an OPTIONAL extensible CHOICE must not take
        // the TLV of the component after it.
        let accepts_any = if accepts.is_empty() {
            unknown_accepts
        } else {
            quote! { #(#accepts)||* }
        };
        let choice_decode = quote! {
            let mut decode = || -> ::rfcodec::Result<Self> {
                let offset = reader.offset();
                let tag = reader.next_tag()?;
                #(#decode_arms)*
                #unknown_decode
            };
            decode().map_err(|error| error.in_type(#schema_name))
        };
        let choice_encode = quote! {
            match self {
                #(#encode_arms)*
            }
            Ok(())
        };
        let choice_len = quote! {
            match self {
                #(#len_arms)*
            }
        };
        let codec = match tagging {
            Tagging::Explicit(number) => {
                let tag = number.tokens();
                quote! {
                    impl #generics ::rfcodec::der::FixedTag for #name #generics {
                        const TAG: ::rfcodec::der::Tag = #tag.constructed();
                    }

                    impl<'a> ::rfcodec::der::DecodeValue<'a> for #name #generics {
                        #[allow(unused_variables, unused_mut)]
                        #[inline]
                        fn decode_value(
                            reader: &mut ::rfcodec::der::Reader<'a>,
                            _header: ::rfcodec::der::Header,
                        ) -> ::rfcodec::Result<Self> {
                            #choice_decode
                        }
                    }

                    impl #generics ::rfcodec::der::EncodeValue for #name #generics {
                        #[allow(unused_parens)]
                        fn value_len(&self) -> usize {
                            #choice_len
                        }

                        #[allow(unused_parens)]
                        fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                            #choice_encode
                        }
                    }
                }
            }
            _ => quote! {
                impl #generics ::rfcodec::der::Tagged for #name #generics {
                    fn accepts(tag: ::rfcodec::der::Tag) -> bool {
                        #accepts_any
                    }
                }

                impl<'a> ::rfcodec::der::Decode<'a> for #name #generics {
                    #[allow(unused_variables, unused_mut)]
                    #[inline]
                    fn decode_from(reader: &mut ::rfcodec::der::Reader<'a>) -> ::rfcodec::Result<Self> {
                        #choice_decode
                    }
                }

                impl #generics ::rfcodec::der::Encode for #name #generics {
                    #[allow(unused_parens)]
                    fn encoded_len(&self) -> usize {
                        #choice_len
                    }

                    #[allow(unused_parens)]
                    fn encode_to(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                        #choice_encode
                    }
                }
            },
        };
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq)]
            #[allow(clippy::large_enum_variant)]
            pub enum #name #generics {
                #(#variants)*
                #unknown_variant
            }

            #codec
        }
    }

    fn emit_enumerated(
        &mut self,
        name: &Ident,
        schema_name: &str,
        members: &[crate::asn1::ir::NamedNumber],
        extensible: bool,
        tagging: Tagging,
        doc: TokenStream,
    ) -> TokenStream {
        let variants = members.iter().map(|member| {
            let variant = ident(&upper_camel(&member.rust_name));
            let text = format!(" `{}({})`", member.name, member.value);
            quote! { #[doc = #text] #variant, }
        });
        let decode_arms = members.iter().map(|member| {
            let variant = ident(&upper_camel(&member.rust_name));
            let value = Literal::i128_unsuffixed(member.value);
            quote! { #value => Ok(Self::#variant), }
        });
        let value_arms = members.iter().map(|member| {
            let variant = ident(&upper_camel(&member.rust_name));
            let value = Literal::i128_unsuffixed(member.value);
            quote! { Self::#variant => #value, }
        });
        let (unknown_variant, unknown_decode, unknown_value) = if extensible {
            (
                quote! {
                    /// A value added after the extension marker that this schema does not name.
                    Unknown(i64),
                },
                quote! { other => Ok(Self::Unknown(other)), },
                quote! { Self::Unknown(value) => *value, },
            )
        } else {
            (
                TokenStream::new(),
                quote! {
                    other => Err(::rfcodec::Error::new(
                        ::rfcodec::ErrorKind::UnknownEnumValue { value: other as u64 },
                        header.offset,
                    )),
                },
                TokenStream::new(),
            )
        };
        let tag = match tagging {
            Tagging::Implicit(number) => number.tokens(),
            _ => quote! { ::rfcodec::der::Tag::ENUMERATED },
        };
        quote! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum #name {
                #(#variants)*
                #unknown_variant
            }

            impl #name {
                /// Returns the value as the ENUMERATED encodes it.
                pub fn value(&self) -> i64 {
                    match self {
                        #(#value_arms)*
                        #unknown_value
                    }
                }
            }

            impl ::rfcodec::der::FixedTag for #name {
                const TAG: ::rfcodec::der::Tag = #tag;
            }

            impl<'a> ::rfcodec::der::DecodeValue<'a> for #name {
                #[inline]
                fn decode_value(
                    reader: &mut ::rfcodec::der::Reader<'a>,
                    header: ::rfcodec::der::Header,
                ) -> ::rfcodec::Result<Self> {
                    let value = <::rfcodec::der::Enumerated as ::rfcodec::der::DecodeValue>::decode_value(reader, header)?;
                    let decoded: ::rfcodec::Result<Self> = match value.0 {
                        #(#decode_arms)*
                        #unknown_decode
                    };
                    decoded.map_err(|error| error.in_type(#schema_name))
                }
            }

            impl ::rfcodec::der::EncodeValue for #name {
                fn value_len(&self) -> usize {
                    ::rfcodec::der::EncodeValue::value_len(&::rfcodec::der::Enumerated(self.value()))
                }

                fn encode_value(&self, writer: &mut ::rfcodec::der::Writer<'_>) -> ::rfcodec::Result<()> {
                    ::rfcodec::der::EncodeValue::encode_value(&::rfcodec::der::Enumerated(self.value()), writer)
                }
            }
        }
    }

    /// Returns the Rust expression of a DEFAULT value, for the types whose values have one.
    fn default_expression(
        &self,
        value: &Value,
        schema_type: &Type,
        ty: &TokenStream,
    ) -> Option<TokenStream> {
        let ty_text = ty.to_string();
        let underlying = &self.ir.underlying(schema_type).kind;
        match value {
            Value::Boolean(flag) if matches!(underlying, TypeKind::Boolean) => {
                Some(quote! { #flag })
            }
            Value::Integer(number) if matches!(underlying, TypeKind::Integer { .. }) => {
                let bytes = integer_bytes(*number)
                    .into_iter()
                    .map(Literal::u8_unsuffixed);
                Some(quote! { ::rfcodec::der::Integer::from_static(&[#(#bytes),*]) })
            }
            Value::Enumerated { name, .. } => {
                let variant = ident(&upper_camel(name));
                let path: TokenStream = ty_text.replace("< 'a >", "").parse().ok()?;
                Some(quote! { #path::#variant })
            }
            _ => None,
        }
    }

    fn emit_value(&mut self, module: usize, value: &crate::asn1::ir::ValueAssignment) {
        let constant = ident(&value.rust_name);
        let doc = format!(
            " `{}`",
            value
                .definition
                .lines()
                .next()
                .unwrap_or(&value.name)
                .trim()
        );
        let items = match &value.value {
            Value::ObjectIdentifier(arcs) => match oid_content(arcs) {
                Some(content) => {
                    let bytes = content.into_iter().map(Literal::u8_unsuffixed);
                    quote! {
                        #[doc = #doc]
                        pub const #constant: ::rfcodec::der::ObjectIdentifier<'static> =
                            ::rfcodec::der::ObjectIdentifier::from_content_unchecked(&[#(#bytes),*]);
                    }
                }
                None => TokenStream::new(),
            },
            Value::Integer(number) => {
                let number = Literal::i128_unsuffixed(*number);
                quote! {
                    #[doc = #doc]
                    pub const #constant: i128 = #number;
                }
            }
            Value::Boolean(flag) => quote! {
                #[doc = #doc]
                pub const #constant: bool = #flag;
            },
            _ => TokenStream::new(),
        };
        self.push(module, items);
    }
}

/// Canonical order of tag classes (X.680 8.6).
fn class_rank(class: TagClass) -> u8 {
    match class {
        TagClass::Universal => 0,
        TagClass::Application => 1,
        TagClass::ContextSpecific => 2,
        TagClass::Private => 3,
    }
}

/// Returns the minimal two's complement octets of an integer (X.690 8.3).
pub fn integer_bytes(value: i128) -> Vec<u8> {
    let all = value.to_be_bytes();
    let mut start = 0;
    while start < all.len() - 1 {
        let redundant = (all[start] == 0x00 && all[start + 1] & 0x80 == 0)
            || (all[start] == 0xff && all[start + 1] & 0x80 != 0);
        if !redundant {
            break;
        }
        start += 1;
    }
    all[start..].to_vec()
}

/// Returns the content octets of an OBJECT IDENTIFIER (X.690 8.19), or `None` for arcs
/// that no encoding can carry.
pub fn oid_content(arcs: &[u64]) -> Option<Vec<u8>> {
    let [first, second, rest @ ..] = arcs else {
        return None;
    };
    if *first > 2 || *first < 2 && *second >= 40 {
        return None;
    }
    let head = u128::from(*first) * 40 + u128::from(*second);
    let mut out = Vec::new();
    for arc in std::iter::once(head).chain(rest.iter().map(|&arc| u128::from(arc))) {
        let septets = (128 - arc.leading_zeros() as usize).div_ceil(7).max(1);
        for index in (0..septets).rev() {
            let continuation = if index == 0 { 0 } else { 0x80 };
            out.push(((arc >> (7 * index)) & 0x7f) as u8 | continuation);
        }
    }
    Some(out)
}

/// Returns the SIZE range of a SEQUENCE OF or SET OF when its constraint is a plain
/// range: the floor and the ceiling (`None` for MAX).
fn size_range(constraints: &[Constraint]) -> Option<(u64, Option<u64>)> {
    constraints
        .iter()
        .find_map(|constraint| match &constraint.root {
            Some(ElementSet::Element(Element::Size(size))) => match &size.root {
                Some(ElementSet::Element(Element::Range { lower, upper })) => {
                    let floor = match lower {
                        Endpoint::Min => 0,
                        Endpoint::Value {
                            value: Value::Integer(number),
                            ..
                        } => u64::try_from(*number).ok()?,
                        _ => return None,
                    };
                    let ceiling = match upper {
                        Endpoint::Max => None,
                        Endpoint::Value {
                            value: Value::Integer(number),
                            ..
                        } => Some(u64::try_from(*number).ok()?),
                        _ => return None,
                    };
                    Some((floor, ceiling))
                }
                Some(ElementSet::Element(Element::SingleValue(Value::Integer(number)))) => {
                    let size = u64::try_from(*number).ok()?;
                    Some((size, Some(size)))
                }
                _ => None,
            },
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_bytes_are_minimal() {
        assert_eq!(integer_bytes(0), [0x00]);
        assert_eq!(integer_bytes(127), [0x7f]);
        assert_eq!(integer_bytes(128), [0x00, 0x80]);
        assert_eq!(integer_bytes(-1), [0xff]);
        assert_eq!(integer_bytes(-129), [0xff, 0x7f]);
    }

    #[test]
    fn oid_content_encodes_arcs() {
        assert_eq!(
            oid_content(&[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2]).unwrap(),
            [0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02]
        );
        assert_eq!(oid_content(&[2, 999, 3]).unwrap(), [0x88, 0x37, 0x03]);
        assert_eq!(oid_content(&[1, 40]), None);
    }
}
