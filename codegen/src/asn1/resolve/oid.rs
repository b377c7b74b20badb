//! OID values resolved to arcs (X.680 32): names and numbers, `name(number)`, references
//! to OID, INTEGER and RELATIVE-OID values, and the first-arc rules of X.660.

use super::super::ast::{self, BracedItem, Name, ValueKind};
use super::super::ir;
use super::values::with_article;
use super::{MAX_REFERENCE_HOPS, Resolver};
use crate::source::Span;

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

    pub(super) fn relative_oid(
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
}
