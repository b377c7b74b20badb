//! Constraints with their values checked (X.680 49 to 51): SIZE, value ranges, single
//! values, permitted alphabets and set arithmetic, and INTEGER values checked against them.

use super::super::ast::{self, ValueKind};
use super::super::ir;
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

impl<'a> Resolver<'a> {
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
