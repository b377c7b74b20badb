//! Types into IR (X.680 16 to 31): references bound, tag modes fixed (X.680 31), named
//! numbers and ENUMERATED items numbered (X.680 19, 20, 22).

use super::super::ast::{self, ListKind, StructureKind, TagDefault, TagMode};
use super::super::ir;
use super::super::names::{RustCase, check_collisions, rust_name};
use super::constraints::Governing;
use super::{MAX_REFERENCE_HOPS, Resolver, TypeTarget};
use crate::source::Span;

impl<'a> Resolver<'a> {
    /// Converts a type written in `module` to IR.
    pub(super) fn convert_type(&mut self, module: usize, ty: &'a ast::Type) -> ir::Type {
        let mut tags = Vec::new();
        let mut current = ty;
        while let ast::TypeKind::Tagged { tag, mode, inner } = &current.kind {
            tags.push(self.convert_tag(module, tag, *mode, inner));
            current = inner;
        }

        let mut constraints = Vec::new();
        let kind = self.convert_kind(module, current, &mut constraints);
        for constraint in &current.constraints {
            let governing = Governing::Type(module, current);
            if let Some(converted) = self.convert_constraint(module, constraint, governing) {
                constraints.push(converted);
            }
        }
        ir::Type {
            tags,
            kind,
            constraints,
        }
    }

    /// Fixes a tag's mode: as written, else EXPLICIT on an untagged CHOICE or ANY, else the
    /// module's tag default. IMPLICIT written on an untagged CHOICE or ANY is an error.
    fn convert_tag(
        &mut self,
        module: usize,
        tag: &'a ast::Tag,
        written: Option<(TagMode, Span)>,
        inner: &'a ast::Type,
    ) -> ir::Tag {
        let number = self.tag_number(module, tag);
        let untagged = self.untagged_choice_or_any(module, inner);
        let mode = match (written, untagged) {
            (Some((TagMode::Implicit, span)), Some(untagged_kind)) => {
                self.report_at(
                    module,
                    span,
                    format!("IMPLICIT tag on an untagged {untagged_kind}"),
                    "remove IMPLICIT: a tag on an untagged CHOICE or ANY is always explicit, \
                     because the inner tag tells which alternative or type follows",
                );
                TagMode::Explicit
            }
            (Some((mode, _)), _) => mode,
            (None, Some(_)) => TagMode::Explicit,
            (None, None) => match self.modules[module].tag_default {
                TagDefault::Explicit => TagMode::Explicit,
                TagDefault::Implicit | TagDefault::Automatic => TagMode::Implicit,
            },
        };
        ir::Tag {
            class: tag.class,
            number,
            mode,
            automatic: false,
        }
    }

    fn tag_number(&mut self, module: usize, tag: &'a ast::Tag) -> u64 {
        let Some(number) = self.number_value(module, &tag.number, 0) else {
            return 0;
        };
        u64::try_from(number).unwrap_or_else(|_| {
            self.report_at(
                module,
                tag.span,
                format!("tag number {number} is out of range"),
                "tag numbers are 0 to 2^64-1",
            );
            0
        })
    }

    /// Returns `Some("CHOICE")` or `Some("ANY")` when the type, after references, is an
    /// untagged CHOICE or ANY.
    pub(super) fn untagged_choice_or_any(
        &self,
        module: usize,
        ty: &'a ast::Type,
    ) -> Option<&'static str> {
        let (_, base) = self.follow(module, ty)?;
        match &base.kind {
            ast::TypeKind::Structure {
                kind: StructureKind::Choice,
                ..
            } => Some("CHOICE"),
            ast::TypeKind::Any { .. } => Some("ANY"),
            _ => None,
        }
    }

    /// Follows references until a type that is not a bare reference: a tagged type or a
    /// builtin one. Returns `None` for a builtin useful type, an unknown name or a cycle.
    pub(super) fn follow(
        &self,
        mut module: usize,
        mut ty: &'a ast::Type,
    ) -> Option<(usize, &'a ast::Type)> {
        for _ in 0..MAX_REFERENCE_HOPS {
            let ast::TypeKind::Reference {
                module: qualifier,
                name,
            } = &ty.kind
            else {
                return Some((module, ty));
            };
            match self.find_type(module, qualifier.as_ref(), &name.text)? {
                TypeTarget::Assigned {
                    module: target,
                    assignment,
                } => {
                    module = target;
                    ty = self.assigned_type(target, assignment);
                }
                TypeTarget::Builtin(_) => return None,
            }
        }
        None
    }

    fn convert_kind(
        &mut self,
        module: usize,
        ty: &'a ast::Type,
        constraints: &mut Vec<ir::Constraint>,
    ) -> ir::TypeKind {
        match &ty.kind {
            ast::TypeKind::Tagged { .. } => unreachable!("convert_type peels tags"),
            ast::TypeKind::Boolean => ir::TypeKind::Boolean,
            ast::TypeKind::Null => ir::TypeKind::Null,
            ast::TypeKind::Real => ir::TypeKind::Real,
            ast::TypeKind::OctetString => ir::TypeKind::OctetString,
            ast::TypeKind::ObjectIdentifier => ir::TypeKind::ObjectIdentifier,
            ast::TypeKind::RelativeOid => ir::TypeKind::RelativeOid,
            ast::TypeKind::Integer(named) => ir::TypeKind::Integer {
                named_numbers: self.named_numbers(module, named, "named number"),
            },
            ast::TypeKind::BitString(named) => ir::TypeKind::BitString {
                named_bits: self.named_numbers(module, named, "named bit"),
            },
            ast::TypeKind::Enumerated(items) => self.enumerated(module, items),
            ast::TypeKind::Any { .. } => ir::TypeKind::Any { defined_by: None },
            ast::TypeKind::List {
                kind,
                size,
                element_name,
                element,
            } => {
                if let Some(size) = size {
                    let governing = Governing::Type(module, ty);
                    if let Some(converted) = self.convert_constraint(module, size, governing) {
                        constraints.push(converted);
                    }
                }
                ir::TypeKind::List {
                    kind: *kind,
                    element_name: element_name.as_ref().map(|n| n.text.clone()),
                    element: Box::new(self.convert_type(module, element)),
                }
            }
            ast::TypeKind::Structure { kind, items } => self.structure(module, *kind, items),
            ast::TypeKind::Reference {
                module: qualifier,
                name,
            } => match self.find_type(module, qualifier.as_ref(), &name.text) {
                Some(TypeTarget::Assigned {
                    module: target,
                    assignment,
                }) => ir::TypeKind::Reference {
                    target: self.type_id(target, assignment),
                    name: match qualifier {
                        Some(qualifier) => format!("{}.{}", qualifier.text, name.text),
                        None => name.text.clone(),
                    },
                    boxed: false,
                },
                Some(TypeTarget::Builtin(builtin)) => builtin.kind(),
                None => {
                    self.report_unknown(
                        module,
                        name,
                        format!("unknown type `{}`", name.text),
                        &format!(
                            "define `{}` in this module or import it from the module that \
                             defines it",
                            name.text
                        ),
                    );
                    ir::TypeKind::Null
                }
            },
            ast::TypeKind::Unsupported(description) => {
                self.report_at(
                    module,
                    ty.span,
                    format!("the type `{description}` is not supported"),
                    "this front end reads the types 1988-style RFC modules use; describe the \
                     value as OCTET STRING or ANY instead",
                );
                ir::TypeKind::Null
            }
        }
    }

    /// Resolves the numbers of named numbers or named bits and checks their names.
    fn named_numbers(
        &mut self,
        module: usize,
        named: &'a [ast::NamedNumber],
        item_kind: &str,
    ) -> Vec<ir::NamedNumber> {
        let mut resolved: Vec<ir::NamedNumber> = Vec::with_capacity(named.len());
        for (index, item) in named.iter().enumerate() {
            let value = item
                .number
                .as_ref()
                .and_then(|number| self.number_value(module, number, 0))
                .unwrap_or(0);
            if let Some(earlier) = named[..index]
                .iter()
                .find(|e| e.name.text == item.name.text)
            {
                let (line, _) = self.file(module).line_col(earlier.name.span.start);
                self.report(
                    module,
                    &item.name,
                    format!(
                        "{item_kind} `{}` is already defined on line {line}",
                        item.name.text
                    ),
                    "give each name once",
                );
            } else if let Some(earlier) = resolved.iter().find(|e| e.value == value) {
                self.report(
                    module,
                    &item.name,
                    format!(
                        "{item_kind}s `{}` and `{}` have the same value {value}",
                        earlier.name, item.name.text
                    ),
                    "give each name its own value",
                );
            }
            if item_kind == "named bit" && value < 0 {
                self.report(
                    module,
                    &item.name,
                    format!(
                        "named bit `{}` has the negative position {value}",
                        item.name.text
                    ),
                    "bit positions count from 0",
                );
            }
            resolved.push(ir::NamedNumber {
                name: item.name.text.clone(),
                rust_name: rust_name(&item.name.text, RustCase::ShoutySnake),
                value,
            });
        }

        let names: Vec<&ast::Name> = named.iter().map(|n| &n.name).collect();
        let mut found = Vec::new();
        check_collisions(self.file(module), &names, RustCase::ShoutySnake, &mut found);
        self.diagnostics
            .extend(found.into_iter().map(|d| (module, d)));
        resolved
    }

    /// Numbers ENUMERATED items as X.680 20.3 and 20.4 define: unnumbered root items take the
    /// smallest free non-negative values in order, unnumbered additions the next value
    /// above every value before them.
    pub(super) fn enumerated(
        &mut self,
        module: usize,
        items: &'a [Option<ast::NamedNumber>],
    ) -> ir::TypeKind {
        let marker = items.iter().position(Option::is_none);
        let (root_items, addition_items) = match marker {
            Some(at) => (&items[..at], &items[at + 1..]),
            None => (items, &items[..0]),
        };
        let root_named: Vec<&'a ast::NamedNumber> = root_items.iter().flatten().collect();
        let addition_named: Vec<&'a ast::NamedNumber> = addition_items.iter().flatten().collect();

        let mut used: Vec<i128> = root_named
            .iter()
            .filter_map(|item| item.number.as_ref())
            .filter_map(|number| self.number_value(module, number, 0))
            .collect();
        let mut root = Vec::new();
        for &item in &root_named {
            let value = match &item.number {
                Some(number) => self.number_value(module, number, 0).unwrap_or(0),
                None => {
                    let free = (0..).find(|v| !used.contains(v)).unwrap_or(0);
                    used.push(free);
                    free
                }
            };
            root.push(enumeration_item(item, value));
        }
        let mut additions = Vec::new();
        for &item in &addition_named {
            let next = used.iter().max().map_or(0, |max| max + 1);
            let value = match &item.number {
                Some(number) => self.number_value(module, number, 0).unwrap_or(next),
                None => next,
            };
            used.push(value);
            additions.push(enumeration_item(item, value));
        }

        let names: Vec<&ast::Name> = root_named
            .iter()
            .chain(&addition_named)
            .map(|n| &n.name)
            .collect();
        let mut found = Vec::new();
        check_collisions(self.file(module), &names, RustCase::UpperCamel, &mut found);
        self.diagnostics
            .extend(found.into_iter().map(|d| (module, d)));
        ir::TypeKind::Enumerated {
            root,
            extensible: marker.is_some() || self.modules[module].extensibility_implied,
            additions,
        }
    }
}

fn enumeration_item(item: &ast::NamedNumber, value: i128) -> ir::NamedNumber {
    ir::NamedNumber {
        name: item.name.text.clone(),
        rust_name: rust_name(&item.name.text, RustCase::UpperCamel),
        value,
    }
}

/// Returns the UNIVERSAL tag number of a builtin type (X.680 8.4, table 1).
pub(super) fn universal_tag(kind: &ast::TypeKind) -> u64 {
    match kind {
        ast::TypeKind::Boolean => 1,
        ast::TypeKind::Integer(_) => 2,
        ast::TypeKind::BitString(_) => 3,
        ast::TypeKind::OctetString => 4,
        ast::TypeKind::Null => 5,
        ast::TypeKind::ObjectIdentifier => 6,
        ast::TypeKind::Real => 9,
        ast::TypeKind::Enumerated(_) => 10,
        ast::TypeKind::RelativeOid => 13,
        ast::TypeKind::List {
            kind: ListKind::SequenceOf,
            ..
        }
        | ast::TypeKind::Structure {
            kind: StructureKind::Sequence,
            ..
        } => 16,
        ast::TypeKind::List {
            kind: ListKind::SetOf,
            ..
        }
        | ast::TypeKind::Structure {
            kind: StructureKind::Set,
            ..
        } => 17,
        _ => 0,
    }
}
