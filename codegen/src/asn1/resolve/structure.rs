//! SEQUENCE, SET and CHOICE bodies (X.680 25 to 29): COMPONENTS OF expanded, AUTOMATIC
//! tags assigned (X.680 25.3), ANY DEFINED BY bound, and the distinct tags X.680 requires.

use super::super::ast::{
    self, ComponentItem, Presence, StructureKind, TagClass, TagDefault, TagMode,
};
use super::super::ir::{self, OuterTags, Placement};
use super::super::names::{RustCase, check_collisions, rust_name};
use super::types::universal_tag;
use super::{MAX_REFERENCE_HOPS, Resolver, TypeTarget};

/// Deepest nesting of untagged CHOICEs followed when collecting the tags a CHOICE may
/// start with.
const MAX_CHOICE_NESTING: usize = 16;

/// One component of a SEQUENCE, SET or CHOICE after COMPONENTS OF is expanded, with the
/// module it was written in.
struct Entry<'a> {
    module: usize,
    component: &'a ast::Component,
    placement: Placement,
    copied_from: Option<ir::TypeId>,
}

impl<'a> Resolver<'a> {
    /// Converts a SEQUENCE, SET or CHOICE body: expands COMPONENTS OF, applies AUTOMATIC
    /// tagging, binds ANY DEFINED BY, and checks names and tags.
    pub(super) fn structure(
        &mut self,
        module: usize,
        kind: StructureKind,
        items: &'a [ComponentItem],
    ) -> ir::TypeKind {
        let mut entries = Vec::new();
        let mut extensible = self.modules[module].extensibility_implied;
        self.expand_items(module, kind, items, &mut entries, &mut extensible, 0);

        let automatic = self.modules[module].tag_default == TagDefault::Automatic
            && !all_components(items).any(|c| matches!(c.ty.kind, ast::TypeKind::Tagged { .. }));
        // Root components take the automatic tags first, so adding extension additions
        // never renumbers a root component.
        let mut automatic_tags = vec![None; entries.len()];
        if automatic {
            let roots = (0..entries.len()).filter(|&i| entries[i].placement == Placement::Root);
            let additions = (0..entries.len()).filter(|&i| entries[i].placement != Placement::Root);
            for (number, index) in roots.chain(additions).enumerate() {
                automatic_tags[index] = Some(number as u64);
            }
        }
        let mut components = Vec::with_capacity(entries.len());
        for (entry, automatic_tag) in entries.iter().zip(automatic_tags) {
            components.push(self.component(kind, entry, automatic_tag));
        }
        self.bind_defined_by(kind, &entries, &mut components);
        self.check_component_names(module, kind, &entries);
        self.check_distinct_tags(kind, &entries, &components);
        ir::TypeKind::Structure {
            kind,
            components,
            extensible,
        }
    }

    /// Lists the components in order, copying the root components of each COMPONENTS OF
    /// type and recording each one's position relative to the extension markers.
    fn expand_items(
        &mut self,
        module: usize,
        kind: StructureKind,
        items: &'a [ComponentItem],
        entries: &mut Vec<Entry<'a>>,
        extensible: &mut bool,
        depth: usize,
    ) {
        let mut in_additions = false;
        let mut group_index = 0;
        for item in items {
            match item {
                ComponentItem::Named(component) => entries.push(Entry {
                    module,
                    component,
                    placement: if in_additions {
                        Placement::Addition
                    } else {
                        Placement::Root
                    },
                    copied_from: None,
                }),
                ComponentItem::ExtensionMarker(_) => {
                    *extensible = true;
                    in_additions = !in_additions;
                }
                ComponentItem::VersionGroup { version, items, .. } => {
                    for inner in all_components(items) {
                        entries.push(Entry {
                            module,
                            component: inner,
                            placement: Placement::AdditionGroup {
                                index: group_index,
                                version: *version,
                            },
                            copied_from: None,
                        });
                    }
                    group_index += 1;
                }
                ComponentItem::ComponentsOf(ty) => {
                    self.components_of(module, kind, ty, entries, depth);
                }
            }
        }
    }

    /// Copies the root components of the SEQUENCE or SET that `COMPONENTS OF ty` names.
    fn components_of(
        &mut self,
        module: usize,
        kind: StructureKind,
        ty: &'a ast::Type,
        entries: &mut Vec<Entry<'a>>,
        depth: usize,
    ) {
        let word = structure_word(kind);
        let id = match &ty.kind {
            ast::TypeKind::Reference { module: q, name } => {
                match self.find_type(module, q.as_ref(), &name.text) {
                    Some(TypeTarget::Assigned {
                        module: target,
                        assignment,
                    }) => Some(self.type_id(target, assignment)),
                    Some(TypeTarget::Builtin(_)) => None,
                    None => {
                        // Converting the reference reports the unknown name.
                        self.convert_type(module, ty);
                        return;
                    }
                }
            }
            _ => None,
        };
        let source =
            self.follow(module, ty)
                .and_then(|(source_module, source_ty)| match &source_ty.kind {
                    ast::TypeKind::Structure { kind: found, items } if *found == kind => {
                        Some((source_module, items))
                    }
                    _ => None,
                });
        let Some((source_module, items)) = source else {
            self.report_at(
                module,
                ty.span,
                format!("COMPONENTS OF in a {word} needs a {word} type"),
                &format!("name a {word} type whose components this {word} should copy"),
            );
            return;
        };
        if depth >= MAX_REFERENCE_HOPS {
            self.report_at(
                module,
                ty.span,
                "COMPONENTS OF copies the type it is part of".to_string(),
                "remove the COMPONENTS OF that leads back to this type",
            );
            return;
        }

        let mut copied = Vec::new();
        let mut ignored = false;
        self.expand_items(
            source_module,
            kind,
            items,
            &mut copied,
            &mut ignored,
            depth + 1,
        );
        for mut entry in copied {
            if entry.placement == Placement::Root {
                entry.copied_from = entry.copied_from.or(id);
                entries.push(entry);
            }
        }
    }

    fn component(
        &mut self,
        kind: StructureKind,
        entry: &Entry<'a>,
        automatic_tag: Option<u64>,
    ) -> ir::Component {
        let component = entry.component;
        let mut ty = self.convert_type(entry.module, &component.ty);
        let outer_tags = if let Some(number) = automatic_tag {
            let mode = if self
                .untagged_choice_or_any(entry.module, &component.ty)
                .is_some()
            {
                TagMode::Explicit
            } else {
                TagMode::Implicit
            };
            ty.tags.insert(
                0,
                ir::Tag {
                    class: TagClass::ContextSpecific,
                    number,
                    mode,
                    automatic: true,
                },
            );
            OuterTags::One(TagClass::ContextSpecific, number)
        } else {
            self.outer_tags(entry.module, &component.ty, 0)
        };

        let presence = match &component.presence {
            Presence::Required => ir::Presence::Required,
            Presence::Optional(_) => ir::Presence::Optional,
            Presence::Default(value) => {
                let module = entry.module;
                match self.convert_value(module, value, module, &component.ty, 0) {
                    Some(converted) => {
                        if let ir::Value::Integer(number) = converted {
                            self.check_integer_constraints(
                                module,
                                value,
                                number,
                                module,
                                &component.ty,
                            );
                        }
                        ir::Presence::Default(converted)
                    }
                    None => ir::Presence::Optional,
                }
            }
        };
        let case = if kind == StructureKind::Choice {
            RustCase::UpperCamel
        } else {
            RustCase::Snake
        };
        ir::Component {
            name: component.name.text.clone(),
            rust_name: rust_name(&component.name.text, case),
            ty,
            presence,
            outer_tags,
            placement: entry.placement,
            copied_from: entry.copied_from,
        }
    }

    /// Returns the tags an encoding of `ty` may start with.
    pub(super) fn outer_tags(&self, module: usize, ty: &'a ast::Type, depth: usize) -> OuterTags {
        let (module, base) = match self.follow(module, ty) {
            Some(found) => found,
            None => return self.builtin_outer_tags(module, ty),
        };
        match &base.kind {
            ast::TypeKind::Tagged { tag, .. } => {
                let number = match &tag.number {
                    ast::NumberRef::Literal(n, _) => u64::try_from(*n).unwrap_or(0),
                    ast::NumberRef::Reference(_) => self.quiet_number(module, &tag.number),
                };
                OuterTags::One(tag.class, number)
            }
            ast::TypeKind::Any { .. } => OuterTags::Open,
            ast::TypeKind::Structure {
                kind: StructureKind::Choice,
                items,
            } => self.choice_outer_tags(module, items, depth),
            kind => OuterTags::One(TagClass::Universal, universal_tag(kind)),
        }
    }

    /// Returns the tag of a reference to a builtin useful type, or no tag for an unknown
    /// name.
    fn builtin_outer_tags(&self, module: usize, ty: &'a ast::Type) -> OuterTags {
        let mut current = (module, ty);
        for _ in 0..MAX_REFERENCE_HOPS {
            let ast::TypeKind::Reference { module: q, name } = &current.1.kind else {
                break;
            };
            match self.find_type(current.0, q.as_ref(), &name.text) {
                Some(TypeTarget::Builtin(builtin)) => {
                    return OuterTags::One(TagClass::Universal, builtin.universal_tag());
                }
                Some(TypeTarget::Assigned { module, assignment }) => {
                    current = (module, self.assigned_type(module, assignment));
                }
                None => break,
            }
        }
        OuterTags::AnyOf(Vec::new())
    }

    fn choice_outer_tags(
        &self,
        module: usize,
        items: &'a [ComponentItem],
        depth: usize,
    ) -> OuterTags {
        if depth >= MAX_CHOICE_NESTING {
            return OuterTags::AnyOf(Vec::new());
        }
        let alternatives: Vec<&ast::Component> = all_components(items).collect();
        let automatic = self.modules[module].tag_default == TagDefault::Automatic
            && !all_components(items).any(|c| matches!(c.ty.kind, ast::TypeKind::Tagged { .. }));
        let mut tags = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            if automatic {
                tags.push((TagClass::ContextSpecific, index as u64));
                continue;
            }
            match self.outer_tags(module, &alternative.ty, depth + 1) {
                OuterTags::One(class, number) => tags.push((class, number)),
                OuterTags::AnyOf(inner) => tags.extend(inner),
                OuterTags::Open => return OuterTags::Open,
            }
        }
        OuterTags::AnyOf(tags)
    }

    /// Evaluates a tag number reference without reporting, for tag comparisons; the
    /// conversion of the tag itself reports any problem.
    fn quiet_number(&self, module: usize, number: &ast::NumberRef) -> u64 {
        let mut current = (module, number.clone());
        for _ in 0..MAX_REFERENCE_HOPS {
            match &current.1 {
                ast::NumberRef::Literal(n, _) => return u64::try_from(*n).unwrap_or(0),
                ast::NumberRef::Reference(name) => {
                    let Some((m, a)) = self.find_value(current.0, None, &name.text) else {
                        return 0;
                    };
                    let ast::AssignmentKind::Value { value, .. } =
                        &self.modules[m].assignments[a].kind
                    else {
                        return 0;
                    };
                    current = match &value.kind {
                        ast::ValueKind::Integer(n) => (m, ast::NumberRef::Literal(*n, value.span)),
                        ast::ValueKind::Reference { name, .. } => {
                            (m, ast::NumberRef::Reference(name.clone()))
                        }
                        _ => return 0,
                    };
                }
            }
        }
        0
    }

    /// Binds each `ANY DEFINED BY name` to the component `name` of the same type.
    fn bind_defined_by(
        &mut self,
        kind: StructureKind,
        entries: &[Entry<'a>],
        components: &mut [ir::Component],
    ) {
        for (index, entry) in entries.iter().enumerate() {
            let mut ty = &entry.component.ty;
            while let ast::TypeKind::Tagged { inner, .. } = &ty.kind {
                ty = inner;
            }
            let ast::TypeKind::Any {
                defined_by: Some(defined_by),
            } = &ty.kind
            else {
                continue;
            };
            let found = entries
                .iter()
                .position(|other| other.component.name.text == defined_by.text);
            match found {
                Some(found) if kind != StructureKind::Choice => {
                    components[index].ty.kind = ir::TypeKind::Any {
                        defined_by: Some(ir::DefinedBy {
                            component: defined_by.text.clone(),
                            index: found,
                        }),
                    };
                }
                _ => self.report(
                    entry.module,
                    defined_by,
                    format!(
                        "ANY DEFINED BY names `{}`, which is not a component of this {}",
                        defined_by.text,
                        structure_word(kind)
                    ),
                    "name the component of the same SEQUENCE or SET that identifies the type",
                ),
            }
        }
    }

    /// Reports components written twice and components whose Rust names collide.
    fn check_component_names(&mut self, module: usize, kind: StructureKind, entries: &[Entry<'a>]) {
        for (index, entry) in entries.iter().enumerate() {
            let name = &entry.component.name;
            if let Some(earlier) = entries[..index]
                .iter()
                .find(|e| e.component.name.text == name.text)
            {
                let (line, _) = self
                    .file(earlier.module)
                    .line_col(earlier.component.name.span.start);
                self.report(
                    entry.module,
                    name,
                    format!(
                        "`{}` is already a component of this {} (line {line})",
                        name.text,
                        structure_word(kind)
                    ),
                    "rename one of the two components",
                );
            }
        }
        let local: Vec<&ast::Name> = entries
            .iter()
            .filter(|e| e.module == module && e.copied_from.is_none())
            .map(|e| &e.component.name)
            .collect();
        let case = if kind == StructureKind::Choice {
            RustCase::UpperCamel
        } else {
            RustCase::Snake
        };
        let mut found = Vec::new();
        check_collisions(self.file(module), &local, case, &mut found);
        self.diagnostics
            .extend(found.into_iter().map(|d| (module, d)));
    }

    /// Checks the distinct tags X.680 requires: all alternatives of a CHOICE and all
    /// components of a SET, and in a SEQUENCE each OPTIONAL or DEFAULT component against
    /// the components after it up to the next mandatory one.
    // NOTE: components after an extension marker are checked as if the marker were absent.
    // The further rules X.680 sets for tags of extension additions are not applied.
    fn check_distinct_tags(
        &mut self,
        kind: StructureKind,
        entries: &[Entry<'a>],
        components: &[ir::Component],
    ) {
        for later in 1..components.len() {
            let earlier_range = match kind {
                StructureKind::Choice | StructureKind::Set => 0..later,
                StructureKind::Sequence => {
                    let start = (0..later)
                        .rev()
                        .find(|&i| components[i].presence == ir::Presence::Required)
                        .map_or(0, |i| i + 1);
                    start..later
                }
            };
            for earlier in earlier_range {
                let Some(shared) = shared_tag(
                    &components[earlier].outer_tags,
                    &components[later].outer_tags,
                ) else {
                    continue;
                };
                self.report_tag_clash(
                    kind,
                    &entries[earlier],
                    &entries[later],
                    &components[earlier],
                    &shared,
                    components,
                );
                break;
            }
        }
    }

    fn report_tag_clash(
        &mut self,
        kind: StructureKind,
        earlier: &Entry<'a>,
        later: &Entry<'a>,
        earlier_ir: &ir::Component,
        shared: &str,
        components: &[ir::Component],
    ) {
        let first = &earlier.component.name.text;
        let second = &later.component.name;
        let free = free_context_tag(components);
        let message = match kind {
            StructureKind::Choice => format!(
                "alternatives `{first}` and `{}` of this CHOICE both have {shared}",
                second.text
            ),
            StructureKind::Set => format!(
                "components `{first}` and `{}` of this SET both have {shared}",
                second.text
            ),
            StructureKind::Sequence => {
                let presence = if matches!(earlier_ir.presence, ir::Presence::Optional) {
                    "OPTIONAL"
                } else {
                    "DEFAULT"
                };
                format!(
                    "`{}` has {shared}, like the {presence} component `{first}` before it",
                    second.text
                )
            }
        };
        let help = match kind {
            StructureKind::Sequence => format!(
                "give `{first}` or `{}` a distinct tag such as [{free}], so a decoder can tell \
                 whether `{first}` is absent",
                second.text
            ),
            _ => format!(
                "give `{}` a tag no other {} has, such as [{free}]",
                second.text,
                if kind == StructureKind::Choice {
                    "alternative"
                } else {
                    "component"
                }
            ),
        };
        self.report(later.module, second, message, &help);
    }
}

/// The components written in a body (root, additions and version groups), without those
/// COMPONENTS OF copies.
fn all_components(items: &[ComponentItem]) -> impl Iterator<Item = &ast::Component> {
    items
        .iter()
        .flat_map(|item| -> Box<dyn Iterator<Item = &ast::Component> + '_> {
            match item {
                ComponentItem::Named(component) => Box::new(std::iter::once(component)),
                ComponentItem::VersionGroup { items, .. } => Box::new(all_components(items)),
                _ => Box::new(std::iter::empty()),
            }
        })
}

fn structure_word(kind: StructureKind) -> &'static str {
    match kind {
        StructureKind::Sequence => "SEQUENCE",
        StructureKind::Set => "SET",
        StructureKind::Choice => "CHOICE",
    }
}

/// Describes a tag two components share, or `None` when their tags differ.
fn shared_tag(first: &OuterTags, second: &OuterTags) -> Option<String> {
    if matches!(first, OuterTags::Open) || matches!(second, OuterTags::Open) {
        return Some("no tag of its own (an untagged ANY may have any tag)".to_string());
    }
    let tags = |tags: &OuterTags| match tags {
        OuterTags::One(class, number) => vec![(*class, *number)],
        OuterTags::AnyOf(all) => all.clone(),
        OuterTags::Open => Vec::new(),
    };
    let second_tags = tags(second);
    tags(first)
        .into_iter()
        .find(|tag| second_tags.contains(tag))
        .map(|(class, number)| format!("the tag {}", tag_text(class, number)))
}

/// Writes a tag as the notation does: `[0]`, `[APPLICATION 1]`, `[UNIVERSAL 2]`.
pub(super) fn tag_text(class: TagClass, number: u64) -> String {
    match class {
        TagClass::ContextSpecific => format!("[{number}]"),
        TagClass::Application => format!("[APPLICATION {number}]"),
        TagClass::Private => format!("[PRIVATE {number}]"),
        TagClass::Universal => format!("[UNIVERSAL {number}]"),
    }
}

/// Returns the smallest context-specific tag number no component starts with.
fn free_context_tag(components: &[ir::Component]) -> u64 {
    let used: Vec<u64> = components
        .iter()
        .flat_map(|c| match &c.outer_tags {
            OuterTags::One(TagClass::ContextSpecific, n) => vec![*n],
            OuterTags::AnyOf(all) => all
                .iter()
                .filter(|(class, _)| *class == TagClass::ContextSpecific)
                .map(|(_, n)| *n)
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    (0..).find(|n| !used.contains(n)).unwrap_or(0)
}
