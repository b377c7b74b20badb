//! Values checked against their types and evaluated (X.680 16.7 and the value notation of
//! each type), OID values resolved to arcs (X.680 32), and constraints (X.680 49 to 51).

use super::super::ast::{self, BracedItem, Name, StructureKind, ValueKind};
use super::super::ir::{self, RealValue};
use super::{MAX_REFERENCE_HOPS, Resolver, TypeTarget};
use crate::source::Span;

/// The governing type or kind of a constraint's values.
#[derive(Clone, Copy)]
pub(super) enum Governing<'a> {
    /// The constrained type itself, written in the given module.
    Type(usize, &'a ast::Type),
    /// The INTEGER lengths of a size constraint.
    Size,
    /// The characters of a permitted alphabet.
    Alphabet,
}

/// The builtin kind a value is checked against, after references and tags.
enum Expected<'a> {
    Ast(usize, &'a ast::Type),
    String,
    Time,
}

/// Arcs that X.660 names: the roots, and the arcs right under `itu-t` and `iso`.
fn well_known_arc(parent: &[u64], name: &str) -> Option<u64> {
    match (parent, name) {
        ([], "itu-t" | "ccitt") => Some(0),
        ([], "iso") => Some(1),
        ([], "joint-iso-itu-t" | "joint-iso-ccitt") => Some(2),
        ([0], "recommendation") => Some(0),
        ([0], "question") => Some(1),
        ([0], "administration") => Some(2),
        ([0], "network-operator") => Some(3),
        ([0], "identified-organization") => Some(4),
        ([1], "standard") => Some(0),
        ([1], "registration-authority") => Some(1),
        ([1], "member-body") => Some(2),
        ([1], "identified-organization") => Some(3),
        _ => None,
    }
}

impl<'a> Resolver<'a> {
    /// Checks a value written in `value_module` against a type written in `type_module`
    /// and evaluates it. Returns `None` after reporting a problem.
    // NOTE: only INTEGER values are checked against constraints (see
    // `check_integer_constraints`); a string DEFAULT outside a SIZE constraint passes.
    pub(super) fn convert_value(
        &mut self,
        value_module: usize,
        value: &'a ast::Value,
        type_module: usize,
        ty: &'a ast::Type,
        depth: usize,
    ) -> Option<ir::Value> {
        let expected = self.expected(type_module, ty)?;
        let Expected::Ast(type_module, base) = expected else {
            return match (&value.kind, expected) {
                (ValueKind::CString(text), _) => Some(ir::Value::String(text.clone())),
                (ValueKind::Reference { module, name }, _) => self.referenced_value(
                    value_module,
                    module.as_ref(),
                    name,
                    type_module,
                    ty,
                    depth,
                ),
                (_, Expected::Time) => self.wrong_value(
                    value_module,
                    value,
                    "time",
                    "write the time as a quoted string",
                ),
                _ => self.wrong_value(
                    value_module,
                    value,
                    "character string",
                    "write the string in double quotes",
                ),
            };
        };

        if let ValueKind::Reference { module, name } = &value.kind {
            if let Some(named) = self.named_value(type_module, base, &name.text) {
                return Some(named);
            }
            return self.referenced_value(
                value_module,
                module.as_ref(),
                name,
                type_module,
                ty,
                depth,
            );
        }

        // `None` when the value's form does not fit the type; `Some(None)` when it fits
        // but a problem inside it has been reported.
        let converted = match (&base.kind, &value.kind) {
            (ast::TypeKind::Boolean, ValueKind::Boolean(b)) => Some(Some(ir::Value::Boolean(*b))),
            (ast::TypeKind::Null, ValueKind::Null) => Some(Some(ir::Value::Null)),
            (ast::TypeKind::Integer(_), ValueKind::Integer(n)) => {
                Some(Some(ir::Value::Integer(*n)))
            }
            (ast::TypeKind::Real, ValueKind::Integer(n)) => {
                Some(Some(ir::Value::Real(RealValue::Finite {
                    mantissa: *n,
                    base: 10,
                    exponent: 0,
                })))
            }
            (ast::TypeKind::Real, ValueKind::PlusInfinity) => {
                Some(Some(ir::Value::Real(RealValue::PlusInfinity)))
            }
            (ast::TypeKind::Real, ValueKind::MinusInfinity) => {
                Some(Some(ir::Value::Real(RealValue::MinusInfinity)))
            }
            (ast::TypeKind::Real, ValueKind::Braced(groups)) => {
                self.real_value(value_module, groups).map(Some)
            }
            (ast::TypeKind::BitString(named), _) => {
                self.bit_string_value(named, &value.kind).map(Some)
            }
            (ast::TypeKind::OctetString, ValueKind::HString(hex)) => {
                Some(Some(ir::Value::OctetString(hex_bytes(hex))))
            }
            (ast::TypeKind::OctetString, ValueKind::BString(bits)) => {
                Some(Some(ir::Value::OctetString(bit_bytes(bits))))
            }
            (ast::TypeKind::ObjectIdentifier, ValueKind::Braced(groups)) if groups.len() == 1 => {
                Some(
                    self.resolve_oid(value_module, &groups[0], depth)
                        .map(ir::Value::ObjectIdentifier),
                )
            }
            (ast::TypeKind::RelativeOid, ValueKind::Braced(groups)) if groups.len() == 1 => Some(
                self.relative_oid(value_module, &groups[0], depth)
                    .map(ir::Value::RelativeOid),
            ),
            (ast::TypeKind::List { element, .. }, ValueKind::Braced(groups)) => {
                return self.list_value(value_module, groups, type_module, element, depth);
            }
            (ast::TypeKind::Structure { kind, items }, _) => {
                return self.structure_value(value_module, value, type_module, *kind, items, depth);
            }
            _ => None,
        };
        match converted {
            Some(converted) => converted,
            None => {
                let (kind, help) = describe_expected(base);
                self.wrong_value(value_module, value, &kind, &help)
            }
        }
    }

    /// Finds the builtin type a value of `ty` must have, following references and tags.
    fn expected(&self, module: usize, ty: &'a ast::Type) -> Option<Expected<'a>> {
        let mut current = (module, ty);
        for _ in 0..MAX_REFERENCE_HOPS {
            let (module, ty) = current;
            match &ty.kind {
                ast::TypeKind::Tagged { inner, .. } => current = (module, inner),
                ast::TypeKind::Reference { module: q, name } => {
                    match self.find_type(module, q.as_ref(), &name.text)? {
                        TypeTarget::Assigned { module, assignment } => {
                            current = (module, self.assigned_type(module, assignment));
                        }
                        TypeTarget::Builtin(super::BuiltinType::String(_)) => {
                            return Some(Expected::String);
                        }
                        TypeTarget::Builtin(_) => return Some(Expected::Time),
                    }
                }
                _ => return Some(Expected::Ast(module, ty)),
            }
        }
        None
    }

    /// Returns the value a name has as a named number of INTEGER or an item of ENUMERATED.
    fn named_value(&mut self, module: usize, base: &'a ast::Type, name: &str) -> Option<ir::Value> {
        match &base.kind {
            ast::TypeKind::Integer(named) => {
                let item = named.iter().find(|n| n.name.text == name)?;
                let number = item.number.as_ref()?;
                self.number_value(module, number, 0).map(ir::Value::Integer)
            }
            ast::TypeKind::Enumerated(items) => {
                let ir::TypeKind::Enumerated {
                    root, additions, ..
                } = self.enumerated(module, items)
                else {
                    return None;
                };
                root.into_iter()
                    .chain(additions)
                    .find(|item| item.name == name)
                    .map(|item| ir::Value::Enumerated {
                        name: item.name,
                        value: item.value,
                    })
            }
            _ => None,
        }
    }

    /// Evaluates a reference to a value assignment and checks that its type has the same
    /// builtin kind as the type expected here.
    fn referenced_value(
        &mut self,
        module: usize,
        qualifier: Option<&'a Name>,
        name: &'a Name,
        type_module: usize,
        ty: &'a ast::Type,
        depth: usize,
    ) -> Option<ir::Value> {
        let Some((found_module, assignment)) = self.find_value(module, qualifier, &name.text)
        else {
            self.report_unknown(
                module,
                name,
                format!("unknown value `{}`", name.text),
                &format!(
                    "define `{}` in this module or import it from the module that defines it",
                    name.text
                ),
            );
            return None;
        };
        if depth >= MAX_REFERENCE_HOPS {
            self.report(
                module,
                name,
                format!(
                    "value `{}` is defined in terms of itself or through more than \
                     {MAX_REFERENCE_HOPS} references",
                    name.text
                ),
                "give the value a literal somewhere in its chain of references",
            );
            return None;
        }
        let ast::AssignmentKind::Value {
            ty: declared,
            value,
        } = &self.modules[found_module].assignments[assignment].kind
        else {
            return None;
        };

        let declared_kind = self.kind_word(found_module, declared);
        let expected_kind = self.kind_word(type_module, ty);
        if declared_kind != expected_kind {
            self.report(
                module,
                name,
                format!(
                    "`{}` is {} value, but {} value is needed here",
                    name.text,
                    with_article(&declared_kind),
                    with_article(&expected_kind)
                ),
                &format!("use {} value here", with_article(&expected_kind)),
            );
            return None;
        }
        self.convert_value(found_module, value, found_module, declared, depth + 1)
    }

    /// Names the builtin kind of a type for messages: `INTEGER`, `OBJECT IDENTIFIER`.
    fn kind_word(&self, module: usize, ty: &'a ast::Type) -> String {
        match self.expected(module, ty) {
            Some(Expected::Ast(_, base)) => describe_expected(base).0,
            Some(Expected::String) => "character string".to_string(),
            Some(Expected::Time) => "time".to_string(),
            None => "unknown".to_string(),
        }
    }

    fn wrong_value(
        &mut self,
        module: usize,
        value: &ast::Value,
        expected_kind: &str,
        help: &str,
    ) -> Option<ir::Value> {
        let text = self.file(module).text[value.span.start..value.span.end].to_string();
        self.report_at(
            module,
            value.span,
            format!("`{text}` is not {} value", with_article(expected_kind)),
            help,
        );
        None
    }

    fn real_value(&mut self, module: usize, groups: &'a [Vec<BracedItem>]) -> Option<ir::Value> {
        let mut parts = [None; 3];
        for group in groups {
            let [BracedItem::Value(label), BracedItem::Value(number)] = group.as_slice() else {
                return None;
            };
            let ValueKind::Reference { name, .. } = &label.kind else {
                return None;
            };
            let slot = ["mantissa", "base", "exponent"]
                .iter()
                .position(|l| *l == name.text)?;
            parts[slot] = self.integer_of(module, number, 0);
        }
        let [Some(mantissa), Some(base @ (2 | 10)), Some(exponent)] = parts else {
            return None;
        };
        Some(ir::Value::Real(RealValue::Finite {
            mantissa,
            base: base as u8,
            exponent,
        }))
    }

    fn bit_string_value(
        &mut self,
        named: &'a [ast::NamedNumber],
        value: &ValueKind,
    ) -> Option<ir::Value> {
        match value {
            ValueKind::BString(bits) => Some(ir::Value::BitString(
                bits.chars().map(|c| c == '1').collect(),
            )),
            ValueKind::HString(hex) => Some(ir::Value::BitString(
                hex_bytes(hex)
                    .iter()
                    .take(hex.len().div_ceil(2))
                    .flat_map(|byte| (0..8).rev().map(move |bit| byte >> bit & 1 == 1))
                    .take(hex.len() * 4)
                    .collect(),
            )),
            ValueKind::Braced(groups) => {
                let mut positions = Vec::new();
                for group in groups {
                    let [
                        BracedItem::Value(ast::Value {
                            kind: ValueKind::Reference { name, .. },
                            ..
                        }),
                    ] = group.as_slice()
                    else {
                        return None;
                    };
                    let bit = named.iter().find(|n| n.name.text == name.text)?;
                    match &bit.number {
                        Some(ast::NumberRef::Literal(n, _)) => {
                            positions.push(usize::try_from(*n).ok()?)
                        }
                        _ => return None,
                    }
                }
                let length = positions.iter().max().map_or(0, |max| max + 1);
                let mut bits = vec![false; length];
                for position in positions {
                    bits[position] = true;
                }
                Some(ir::Value::BitString(bits))
            }
            _ => None,
        }
    }

    fn list_value(
        &mut self,
        module: usize,
        groups: &'a [Vec<BracedItem>],
        type_module: usize,
        element: &'a ast::Type,
        depth: usize,
    ) -> Option<ir::Value> {
        let mut values = Vec::with_capacity(groups.len());
        for group in groups {
            let [BracedItem::Value(item)] = group.as_slice() else {
                return None;
            };
            values.push(self.convert_value(module, item, type_module, element, depth + 1)?);
        }
        Some(ir::Value::List(values))
    }

    /// Checks a SEQUENCE or SET value (`{ name value, ... }`) or a CHOICE value
    /// (`name : value`).
    fn structure_value(
        &mut self,
        module: usize,
        value: &'a ast::Value,
        type_module: usize,
        kind: StructureKind,
        items: &'a [ast::ComponentItem],
        depth: usize,
    ) -> Option<ir::Value> {
        let components: Vec<&'a ast::Component> = items
            .iter()
            .filter_map(|item| match item {
                ast::ComponentItem::Named(component) => Some(component),
                _ => None,
            })
            .collect();
        let find = |name: &str| components.iter().copied().find(|c| c.name.text == name);

        match (kind, &value.kind) {
            (
                StructureKind::Choice,
                ValueKind::Choice {
                    alternative,
                    value: inner,
                },
            ) => {
                let Some(component) = find(&alternative.text) else {
                    return self.wrong_value(
                        module,
                        value,
                        "CHOICE",
                        "name one of the alternatives, then `:` and its value",
                    );
                };
                let inner =
                    self.convert_value(module, inner, type_module, &component.ty, depth + 1)?;
                Some(ir::Value::Choice {
                    alternative: alternative.text.clone(),
                    value: Box::new(inner),
                })
            }
            (StructureKind::Sequence | StructureKind::Set, ValueKind::Braced(groups)) => {
                let mut fields = Vec::new();
                for group in groups {
                    let [
                        BracedItem::Value(ast::Value {
                            kind: ValueKind::Reference { name, .. },
                            ..
                        }),
                        BracedItem::Value(field),
                    ] = group.as_slice()
                    else {
                        return self.wrong_value(
                            module,
                            value,
                            structure_name(kind),
                            "write `{ name value, ... }` with the component names",
                        );
                    };
                    let Some(component) = find(&name.text) else {
                        return self.wrong_value(
                            module,
                            value,
                            structure_name(kind),
                            "write `{ name value, ... }` with the component names",
                        );
                    };
                    let converted =
                        self.convert_value(module, field, type_module, &component.ty, depth + 1)?;
                    fields.push((name.text.clone(), converted));
                }
                let missing = components.iter().find(|c| {
                    matches!(c.presence, ast::Presence::Required)
                        && !fields.iter().any(|(name, _)| *name == c.name.text)
                });
                if let Some(missing) = missing {
                    let help = format!("give a value for `{}`", missing.name.text);
                    return self.wrong_value(module, value, structure_name(kind), &help);
                }
                Some(ir::Value::Structure(fields))
            }
            _ => self.wrong_value(
                module,
                value,
                structure_name(kind),
                "write `{ name value, ... }` for a SEQUENCE or SET, `name : value` for a CHOICE",
            ),
        }
    }

    /// Evaluates a number written as digits or as a reference to an INTEGER value.
    pub(super) fn number_value(
        &mut self,
        module: usize,
        number: &'a ast::NumberRef,
        depth: usize,
    ) -> Option<i128> {
        match number {
            ast::NumberRef::Literal(value, _) => Some(*value),
            ast::NumberRef::Reference(name) => self.integer_reference(module, name, depth),
        }
    }

    /// Evaluates an INTEGER value: a number or a reference to an INTEGER value.
    fn integer_of(&mut self, module: usize, value: &'a ast::Value, depth: usize) -> Option<i128> {
        match &value.kind {
            ValueKind::Integer(n) => Some(*n),
            ValueKind::Reference { name, .. } => self.integer_reference(module, name, depth),
            _ => {
                self.wrong_value(
                    module,
                    value,
                    "INTEGER",
                    "write a number or the name of an INTEGER value",
                );
                None
            }
        }
    }

    fn integer_reference(&mut self, module: usize, name: &'a Name, depth: usize) -> Option<i128> {
        let Some((found_module, assignment)) = self.find_value(module, None, &name.text) else {
            self.report_unknown(
                module,
                name,
                format!("unknown value `{}`", name.text),
                &format!(
                    "define `{}` as an INTEGER value in this module or import it",
                    name.text
                ),
            );
            return None;
        };
        let ast::AssignmentKind::Value { ty, value } =
            &self.modules[found_module].assignments[assignment].kind
        else {
            return None;
        };
        if self.kind_word(found_module, ty) != "INTEGER" {
            self.report(
                module,
                name,
                format!("`{}` is not an INTEGER value", name.text),
                "use a number or the name of an INTEGER value here",
            );
            return None;
        }
        if depth >= MAX_REFERENCE_HOPS {
            self.report(
                module,
                name,
                format!(
                    "value `{}` is defined in terms of itself or through more than \
                     {MAX_REFERENCE_HOPS} references",
                    name.text
                ),
                "give the value a literal somewhere in its chain of references",
            );
            return None;
        }
        self.integer_of(found_module, value, depth + 1)
    }

    /// Resolves the components of an OID value to arcs and checks the first two arcs.
    pub(super) fn resolve_oid(
        &mut self,
        module: usize,
        items: &'a [BracedItem],
        depth: usize,
    ) -> Option<Vec<u64>> {
        let mut arcs: Vec<u64> = Vec::new();
        for (position, item) in items.iter().enumerate() {
            match item {
                BracedItem::NameAndNumber { name, number } => {
                    let arc = self.arc_number(module, number, depth)?;
                    if let Some(known) = well_known_arc(&arcs, &name.text) {
                        if known != arc {
                            self.report(
                                module,
                                name,
                                format!("`{}` is arc {known}, not {arc}", name.text),
                                &format!("write `{}({known})`", name.text),
                            );
                            return None;
                        }
                    }
                    arcs.push(arc);
                }
                BracedItem::Value(value) => match &value.kind {
                    ValueKind::Integer(n) => arcs.push(self.arc(module, *n, value.span)?),
                    ValueKind::Reference { module: q, name } => {
                        if let Some(known) = well_known_arc(&arcs, &name.text) {
                            arcs.push(known);
                            continue;
                        }
                        let resolved =
                            self.oid_reference(module, q.as_ref(), name, position, depth)?;
                        arcs.extend(resolved);
                    }
                    _ => {
                        let text =
                            self.file(module).text[value.span.start..value.span.end].to_string();
                        self.report_at(
                            module,
                            value.span,
                            format!("`{text}` is not an OID component"),
                            "write a number, `name(number)` or the name of an OID value",
                        );
                        return None;
                    }
                },
            }
        }
        self.check_first_arcs(module, items, &arcs)?;
        Some(arcs)
    }

    fn relative_oid(
        &mut self,
        module: usize,
        items: &'a [BracedItem],
        depth: usize,
    ) -> Option<Vec<u64>> {
        let mut arcs = Vec::new();
        for item in items {
            match item {
                BracedItem::NameAndNumber { number, .. } => {
                    arcs.push(self.arc_number(module, number, depth)?)
                }
                BracedItem::Value(value) => match &value.kind {
                    ValueKind::Integer(n) => arcs.push(self.arc(module, *n, value.span)?),
                    _ => {
                        let n = self.integer_of(module, value, depth)?;
                        arcs.push(self.arc(module, n, value.span)?);
                    }
                },
            }
        }
        Some(arcs)
    }

    /// Evaluates a value reference inside an OID value: an OID value at the start, an
    /// INTEGER arc or a RELATIVE-OID further on.
    fn oid_reference(
        &mut self,
        module: usize,
        qualifier: Option<&'a Name>,
        name: &'a Name,
        position: usize,
        depth: usize,
    ) -> Option<Vec<u64>> {
        let Some((found_module, assignment)) = self.find_value(module, qualifier, &name.text)
        else {
            self.report_unknown(
                module,
                name,
                format!("unknown value `{}`", name.text),
                &format!(
                    "define `{}` in this module or import it, or write `{}(number)`",
                    name.text, name.text
                ),
            );
            return None;
        };
        let ast::AssignmentKind::Value { ty, value } =
            &self.modules[found_module].assignments[assignment].kind
        else {
            return None;
        };
        if depth >= MAX_REFERENCE_HOPS {
            self.report(
                module,
                name,
                format!(
                    "value `{}` is defined in terms of itself or through more than \
                     {MAX_REFERENCE_HOPS} references",
                    name.text
                ),
                "give the value a literal somewhere in its chain of references",
            );
            return None;
        }
        let kind = self.kind_word(found_module, ty);
        let allowed = match position {
            0 => kind == "OBJECT IDENTIFIER",
            _ => kind == "INTEGER" || kind == "RELATIVE-OID",
        };
        if !allowed {
            let needed = if position == 0 {
                "an OBJECT IDENTIFIER value"
            } else {
                "an INTEGER or RELATIVE-OID value"
            };
            self.report(
                module,
                name,
                format!(
                    "`{}` is {} value, but {needed} is needed here",
                    name.text,
                    with_article(&kind)
                ),
                "start an OID value with an OID value or a name of X.660, then give numbers",
            );
            return None;
        }
        match self.convert_value(found_module, value, found_module, ty, depth + 1)? {
            ir::Value::ObjectIdentifier(arcs) | ir::Value::RelativeOid(arcs) => Some(arcs),
            ir::Value::Integer(n) => Some(vec![self.arc(module, n, name.span)?]),
            _ => None,
        }
    }

    fn arc_number(
        &mut self,
        module: usize,
        number: &'a ast::NumberRef,
        depth: usize,
    ) -> Option<u64> {
        let value = self.number_value(module, number, depth)?;
        let span = match number {
            ast::NumberRef::Literal(_, span) => *span,
            ast::NumberRef::Reference(name) => name.span,
        };
        self.arc(module, value, span)
    }

    fn arc(&mut self, module: usize, value: i128, span: Span) -> Option<u64> {
        match u64::try_from(value) {
            Ok(arc) => Some(arc),
            Err(_) => {
                self.report_at(
                    module,
                    span,
                    format!("OID arc {value} is out of range"),
                    "OID arcs are numbers from 0 to 2^64-1",
                );
                None
            }
        }
    }

    /// X.660 allows the first arc 0, 1 or 2, and under 0 and 1 second arcs 0 to 39.
    fn check_first_arcs(
        &mut self,
        module: usize,
        items: &[BracedItem],
        arcs: &[u64],
    ) -> Option<()> {
        let span_of = |index: usize| match items.get(index) {
            Some(BracedItem::NameAndNumber { name, .. }) => name.span,
            Some(BracedItem::Value(value)) => value.span,
            None => Span::default(),
        };
        if let Some(&first) = arcs.first() {
            if first > 2 {
                self.report_at(
                    module,
                    span_of(0),
                    format!("OID arc {first} is invalid as the first arc"),
                    "the first arc of an OID is 0 (itu-t), 1 (iso) or 2 (joint-iso-itu-t)",
                );
                return None;
            }
            // A prefix taken from an OID value was checked when that value was resolved.
            let starts_with_reference = matches!(
                items.first(),
                Some(BracedItem::Value(ast::Value {
                    kind: ValueKind::Reference { name, .. },
                    ..
                })) if well_known_arc(&[], &name.text).is_none()
            );
            if let Some(&second) = arcs.get(1) {
                if first < 2 && second > 39 && !starts_with_reference {
                    self.report_at(
                        module,
                        span_of(1),
                        format!("OID arc {second} is invalid under arc {first}"),
                        "under the first arcs 0 and 1 the second arc is 0 to 39",
                    );
                    return None;
                }
            }
        }
        Some(())
    }

    /// Reports an INTEGER value outside a root constraint of its type, or of a type that
    /// type refers to. Extensible constraints, and elements other than integer single
    /// values and ranges, are left unjudged because their root does not bound the value.
    pub(super) fn check_integer_constraints(
        &mut self,
        value_module: usize,
        value: &ast::Value,
        number: i128,
        type_module: usize,
        ty: &'a ast::Type,
    ) {
        let mut current = (type_module, ty);
        for _ in 0..MAX_REFERENCE_HOPS {
            let (module, ty) = current;
            for constraint in &ty.constraints {
                let Some(root) = constraint.root.as_ref().filter(|_| !constraint.extensible) else {
                    continue;
                };
                if self.admits(module, root, number) != Some(false) {
                    continue;
                }
                let file = self.file(module);
                let constraint_text = &file.text[constraint.span.start..constraint.span.end];
                let value_text = &self.file(value_module).text[value.span.start..value.span.end];
                let message = format!(
                    "value `{value_text}` is outside the constraint `{constraint_text}` of its type"
                );
                self.report_at(
                    value_module,
                    value.span,
                    message,
                    "use a value the constraint allows, or change the constraint",
                );
                return;
            }
            match &ty.kind {
                ast::TypeKind::Tagged { inner, .. } => current = (module, inner),
                ast::TypeKind::Reference { module: q, name } => {
                    match self.find_type(module, q.as_ref(), &name.text) {
                        Some(TypeTarget::Assigned { module, assignment }) => {
                            current = (module, self.assigned_type(module, assignment));
                        }
                        _ => return,
                    }
                }
                _ => return,
            }
        }
    }

    /// Tells whether an element set admits an integer, or `None` when it cannot tell.
    fn admits(&self, module: usize, set: &ast::ElementSet, number: i128) -> Option<bool> {
        match set {
            ast::ElementSet::Union(sets) => {
                let answers: Vec<Option<bool>> = sets
                    .iter()
                    .map(|s| self.admits(module, s, number))
                    .collect();
                if answers.contains(&Some(true)) {
                    Some(true)
                } else if answers.contains(&None) {
                    None
                } else {
                    Some(false)
                }
            }
            ast::ElementSet::Intersection(sets) => {
                let answers: Vec<Option<bool>> = sets
                    .iter()
                    .map(|s| self.admits(module, s, number))
                    .collect();
                if answers.contains(&Some(false)) {
                    Some(false)
                } else if answers.contains(&None) {
                    None
                } else {
                    Some(true)
                }
            }
            ast::ElementSet::Element(element) => match element.as_ref() {
                ast::Element::SingleValue(value) => {
                    Some(self.quiet_integer(module, value)? == number)
                }
                ast::Element::Range { lower, upper, .. } => {
                    let low = match &lower.bound {
                        ast::Bound::Min => i128::MIN,
                        ast::Bound::Max => return None,
                        ast::Bound::Value(value) => {
                            self.quiet_integer(module, value)? + i128::from(lower.open)
                        }
                    };
                    let high = match &upper.bound {
                        ast::Bound::Max => i128::MAX,
                        ast::Bound::Min => return None,
                        ast::Bound::Value(value) => {
                            self.quiet_integer(module, value)? - i128::from(upper.open)
                        }
                    };
                    Some(low <= number && number <= high)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Evaluates an integer value or a chain of INTEGER value references without
    /// reporting; the value's own conversion reports any problem.
    fn quiet_integer(&self, module: usize, value: &ast::Value) -> Option<i128> {
        let mut current = (module, value);
        for _ in 0..MAX_REFERENCE_HOPS {
            match &current.1.kind {
                ValueKind::Integer(number) => return Some(*number),
                ValueKind::Reference { module: q, name } => {
                    let (found, assignment) = self.find_value(current.0, q.as_ref(), &name.text)?;
                    let ast::AssignmentKind::Value { value, .. } =
                        &self.modules[found].assignments[assignment].kind
                    else {
                        return None;
                    };
                    current = (found, value);
                }
                _ => return None,
            }
        }
        None
    }

    /// Converts a constraint, checking its values against what it governs.
    pub(super) fn convert_constraint(
        &mut self,
        module: usize,
        constraint: &'a ast::Constraint,
        governing: Governing<'a>,
    ) -> Option<ir::Constraint> {
        let root = match &constraint.root {
            Some(set) => Some(self.element_set(module, set, governing)?),
            None => None,
        };
        let additions = match &constraint.additions {
            Some(set) => Some(self.element_set(module, set, governing)?),
            None => None,
        };
        Some(ir::Constraint {
            root,
            extensible: constraint.extensible,
            additions,
        })
    }

    fn element_set(
        &mut self,
        module: usize,
        set: &'a ast::ElementSet,
        governing: Governing<'a>,
    ) -> Option<ir::ElementSet> {
        let convert_all =
            |this: &mut Self, sets: &'a [ast::ElementSet]| -> Option<Vec<ir::ElementSet>> {
                sets.iter()
                    .map(|s| this.element_set(module, s, governing))
                    .collect()
            };
        Some(match set {
            ast::ElementSet::Union(sets) => ir::ElementSet::Union(convert_all(self, sets)?),
            ast::ElementSet::Intersection(sets) => {
                ir::ElementSet::Intersection(convert_all(self, sets)?)
            }
            ast::ElementSet::Except(kept, excluded) => ir::ElementSet::Except(
                Box::new(self.element_set(module, kept, governing)?),
                Box::new(self.element_set(module, excluded, governing)?),
            ),
            ast::ElementSet::AllExcept(excluded) => {
                ir::ElementSet::AllExcept(Box::new(self.element_set(module, excluded, governing)?))
            }
            ast::ElementSet::Element(element) => {
                ir::ElementSet::Element(self.element(module, element, governing)?)
            }
        })
    }

    fn element(
        &mut self,
        module: usize,
        element: &'a ast::Element,
        governing: Governing<'a>,
    ) -> Option<ir::Element> {
        Some(match element {
            ast::Element::SingleValue(value) => {
                ir::Element::SingleValue(self.constraint_value(module, value, governing)?)
            }
            ast::Element::Range { lower, upper, span } => {
                let lower = self.endpoint(module, lower, governing)?;
                let upper = self.endpoint(module, upper, governing)?;
                self.check_range(module, &lower, &upper, *span, governing)?;
                ir::Element::Range { lower, upper }
            }
            ast::Element::Size(inner) => ir::Element::Size(Box::new(self.convert_constraint(
                module,
                inner,
                Governing::Size,
            )?)),
            ast::Element::PermittedAlphabet(inner) => ir::Element::PermittedAlphabet(Box::new(
                self.convert_constraint(module, inner, Governing::Alphabet)?,
            )),
            ast::Element::Includes(ty) => ir::Element::Includes(self.convert_type(module, ty)),
            ast::Element::Unsupported(description, span) => {
                self.report_at(
                    module,
                    *span,
                    format!("{description} are not supported"),
                    "remove the constraint; decoders check only SIZE, value ranges, single values and FROM",
                );
                return None;
            }
        })
    }

    fn endpoint(
        &mut self,
        module: usize,
        endpoint: &'a ast::Endpoint,
        governing: Governing<'a>,
    ) -> Option<ir::Endpoint> {
        Some(match &endpoint.bound {
            ast::Bound::Min => ir::Endpoint::Min,
            ast::Bound::Max => ir::Endpoint::Max,
            ast::Bound::Value(value) => ir::Endpoint::Value {
                value: self.constraint_value(module, value, governing)?,
                open: endpoint.open,
            },
        })
    }

    fn constraint_value(
        &mut self,
        module: usize,
        value: &'a ast::Value,
        governing: Governing<'a>,
    ) -> Option<ir::Value> {
        match governing {
            Governing::Type(type_module, ty) => {
                self.convert_value(module, value, type_module, ty, 0)
            }
            Governing::Size => {
                let size = self.integer_of(module, value, 0)?;
                if size < 0 {
                    self.report_at(
                        module,
                        value.span,
                        format!("size {size} is negative"),
                        "sizes count elements or characters, from 0",
                    );
                    return None;
                }
                Some(ir::Value::Integer(size))
            }
            Governing::Alphabet => match &value.kind {
                ValueKind::CString(text) => Some(ir::Value::String(text.clone())),
                _ => self.wrong_value(
                    module,
                    value,
                    "character string",
                    "write the characters in double quotes, such as (\"A\"..\"Z\")",
                ),
            },
        }
    }

    /// Reports a range whose lower endpoint is above its upper endpoint.
    fn check_range(
        &mut self,
        module: usize,
        lower: &ir::Endpoint,
        upper: &ir::Endpoint,
        span: Span,
        governing: Governing<'a>,
    ) -> Option<()> {
        let (
            ir::Endpoint::Value {
                value: ir::Value::Integer(low),
                open: low_open,
            },
            ir::Endpoint::Value {
                value: ir::Value::Integer(high),
                open: high_open,
            },
        ) = (lower, upper)
        else {
            return Some(());
        };
        let low = low + i128::from(*low_open);
        let high = high - i128::from(*high_open);
        if low <= high {
            return Some(());
        }
        let text = self.file(module).text[span.start..span.end].to_string();
        let range_kind = if matches!(governing, Governing::Size) {
            "size range"
        } else {
            "value range"
        };
        self.report_at(
            module,
            span,
            format!(
                "{range_kind} `{text}` is empty: its lower endpoint is above its upper endpoint"
            ),
            "swap the endpoints or correct the one that is wrong",
        );
        None
    }
}

/// Names the kind of value a builtin type takes, with a help line on how to write one.
fn describe_expected(base: &ast::Type) -> (String, String) {
    let (kind, help) = match &base.kind {
        ast::TypeKind::Boolean => ("BOOLEAN", "write TRUE or FALSE".to_string()),
        ast::TypeKind::Null => ("NULL", "write NULL".to_string()),
        ast::TypeKind::Integer(named) if !named.is_empty() => (
            "INTEGER",
            format!(
                "write a number or one of the named numbers {}",
                named
                    .iter()
                    .map(|n| n.name.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        ast::TypeKind::Integer(_) => (
            "INTEGER",
            "write a number or the name of an INTEGER value".to_string(),
        ),
        ast::TypeKind::Enumerated(items) => (
            "ENUMERATED",
            format!(
                "write one of the items {}",
                items
                    .iter()
                    .flatten()
                    .map(|n| n.name.text.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        ast::TypeKind::Real => (
            "REAL",
            "write a number, PLUS-INFINITY or MINUS-INFINITY".to_string(),
        ),
        ast::TypeKind::BitString(_) => (
            "BIT STRING",
            "write '0101'B, '0F'H, or named bits in braces such as { a, b }".to_string(),
        ),
        ast::TypeKind::OctetString => ("OCTET STRING", "write '0F'H or '00001111'B".to_string()),
        ast::TypeKind::ObjectIdentifier => (
            "OBJECT IDENTIFIER",
            "write the arcs in braces, such as { iso(1) member-body(2) 840 }".to_string(),
        ),
        ast::TypeKind::RelativeOid => (
            "RELATIVE-OID",
            "write the arcs in braces, such as { 1 2 }".to_string(),
        ),
        ast::TypeKind::Any { .. } => (
            "ANY",
            "values of ANY cannot be checked; remove the value".to_string(),
        ),
        ast::TypeKind::List { .. } => (
            "SEQUENCE OF",
            "write the elements in braces, such as { a, b } or {}".to_string(),
        ),
        ast::TypeKind::Structure { kind, .. } => (
            structure_name(*kind),
            "write the components in braces".to_string(),
        ),
        _ => ("unknown", "check the type".to_string()),
    };
    (kind.to_string(), help)
}

fn structure_name(kind: StructureKind) -> &'static str {
    match kind {
        StructureKind::Sequence => "SEQUENCE",
        StructureKind::Set => "SET",
        StructureKind::Choice => "CHOICE",
    }
}

/// Puts `a` or `an` before a kind name: `an INTEGER`, `a BOOLEAN`.
fn with_article(word: &str) -> String {
    if word.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

/// Decodes hexadecimal digits to bytes; an odd last digit is padded with a zero digit.
fn hex_bytes(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex
        .chars()
        .filter_map(|c| c.to_digit(16))
        .map(|d| d as u8)
        .collect();
    digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

/// Packs binary digits into bytes, first digit in the high bit; the last byte is padded
/// with zero bits.
fn bit_bytes(bits: &str) -> Vec<u8> {
    let digits: Vec<u8> = bits.bytes().map(|b| b - b'0').collect();
    digits
        .chunks(8)
        .map(|chunk| {
            chunk
                .iter()
                .enumerate()
                .fold(0u8, |byte, (index, bit)| byte | bit << (7 - index))
        })
        .collect()
}
