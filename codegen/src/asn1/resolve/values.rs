//! Values checked against their types and evaluated (X.680 16.7 and the value notation of
//! each type), and INTEGER value references followed to their numbers.

use super::super::ast::{self, BracedItem, Name, StructureKind, ValueKind};
use super::super::ir::{self, RealValue};
use super::{MAX_REFERENCE_HOPS, Resolver, TypeTarget};

/// Longest BIT STRING value, in bits, that named bits may build. Longer ones are rejected
/// rather than allocated.
const MAX_NAMED_BIT_VALUE_LENGTH: usize = 1 << 16;

/// The builtin kind a value is checked against, after references and tags.
enum Expected<'a> {
    Ast(usize, &'a ast::Type),
    String,
    Time,
}

impl<'a> Resolver<'a> {
    /// Checks a value written in `value_module` against a type written in `type_module`
    /// and evaluates it. Returns `None` after reporting a problem, or silently for a name
    /// imported from a module that is missing from the run (the import is reported).
    // NOTE: only INTEGER values are checked against constraints (in
    // `check_integer_constraints`), so a string DEFAULT outside a SIZE constraint passes.
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
                self.bit_string_value(value_module, type_module, named, value)
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
    pub(super) fn kind_word(&self, module: usize, ty: &'a ast::Type) -> String {
        match self.expected(module, ty) {
            Some(Expected::Ast(_, base)) => describe_expected(base).0,
            Some(Expected::String) => "character string".to_string(),
            Some(Expected::Time) => "time".to_string(),
            None => "unknown".to_string(),
        }
    }

    pub(super) fn wrong_value(
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

    /// Evaluates a BIT STRING value. Returns `None` when the value's form does not fit,
    /// and `Some(None)` after reporting a problem inside it.
    fn bit_string_value(
        &mut self,
        value_module: usize,
        type_module: usize,
        named: &'a [ast::NamedNumber],
        value: &ast::Value,
    ) -> Option<Option<ir::Value>> {
        let groups = match &value.kind {
            ValueKind::BString(bits) => {
                let bits = bits.chars().map(|c| c == '1').collect();
                return Some(Some(ir::Value::BitString(bits)));
            }
            ValueKind::HString(hex) => {
                let bits = hex_bytes(hex)
                    .iter()
                    .flat_map(|byte| (0..8).rev().map(move |bit| byte >> bit & 1 == 1))
                    .take(hex.len() * 4)
                    .collect();
                return Some(Some(ir::Value::BitString(bits)));
            }
            ValueKind::Braced(groups) => groups,
            _ => return None,
        };

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
            let position = self.number_value(type_module, bit.number.as_ref()?, 0);
            positions.push(usize::try_from(position?).ok()?);
        }
        let length = positions.iter().max().map_or(0, |max| max + 1);
        // A named bit far out would make the value as long as its position.
        if length > MAX_NAMED_BIT_VALUE_LENGTH {
            let text = self.file(value_module).text[value.span.start..value.span.end].to_string();
            self.report_at(
                value_module,
                value.span,
                format!("BIT STRING value `{text}` would be {length} bits long"),
                &format!("name only bits below position {MAX_NAMED_BIT_VALUE_LENGTH} in a value"),
            );
            return Some(None);
        }
        let mut bits = vec![false; length];
        for position in positions {
            bits[position] = true;
        }
        Some(Some(ir::Value::BitString(bits)))
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
    pub(super) fn integer_of(
        &mut self,
        module: usize,
        value: &'a ast::Value,
        depth: usize,
    ) -> Option<i128> {
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
pub(super) fn with_article(word: &str) -> String {
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
