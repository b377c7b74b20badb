//! Parses ASN.1 module text with the pest grammar of `asn1.pest` and builds the syntax tree
//! of `ast.rs` (X.680 clauses 13 to 51).

use std::sync::Arc;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use super::ast::*;
use super::scan;
use super::syntax_error::syntax_diagnostic;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

#[derive(Parser)]
#[grammar = "asn1/asn1.pest"]
struct Asn1Parser;

/// Parses every module of one file, or returns the problems found: the scan's findings,
/// the first syntax error, or the constructs the grammar accepts but the notation forbids.
pub fn parse_file(file: &Arc<SourceFile>) -> Result<Vec<Module>, Vec<Diagnostic>> {
    let scanned = scan::scan(file);
    if !scanned.is_empty() {
        return Err(scanned);
    }

    let pairs = Asn1Parser::parse(Rule::file, &file.text)
        .map_err(|error| vec![syntax_diagnostic(file, &error)])?;
    let mut builder = Builder {
        file: Arc::clone(file),
        diagnostics: Vec::new(),
    };
    let mut modules = Vec::new();
    for pair in pairs
        .flatten()
        .filter(|p| p.as_rule() == Rule::module_definition)
    {
        modules.push(builder.module(pair));
    }

    if builder.diagnostics.is_empty() {
        Ok(modules)
    } else {
        Err(builder.diagnostics)
    }
}

/// Builds syntax tree nodes from pest pairs and collects the problems it finds.
struct Builder {
    file: Arc<SourceFile>,
    diagnostics: Vec<Diagnostic>,
}

/// Iterates the children of a pair that carry meaning, skipping keyword tokens.
fn children(pair: Pair<'_, Rule>) -> impl Iterator<Item = Pair<'_, Rule>> {
    pair.into_inner()
        .filter(|child| !is_keyword(child.as_rule()))
}

fn is_keyword(rule: Rule) -> bool {
    format!("{rule:?}").starts_with("kw_")
}

/// Returns the span of a pair without the blanks pest keeps after a repetition that
/// found nothing more.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let start = pair.as_span().start();
    Span::new(start, start + pair.as_str().trim_end().len())
}

fn name(pair: &Pair<'_, Rule>) -> Name {
    Name {
        text: pair.as_str().to_string(),
        span: span_of(pair),
    }
}

impl Builder {
    fn module(&mut self, pair: Pair<'_, Rule>) -> Module {
        let span = span_of(&pair);
        let mut module = Module {
            file: Arc::clone(&self.file),
            name: Name {
                text: String::new(),
                span,
            },
            oid: None,
            tag_default: TagDefault::Explicit,
            extensibility_implied: false,
            exports: None,
            imports: Vec::new(),
            assignments: Vec::new(),
            span,
        };

        for child in children(pair) {
            match child.as_rule() {
                Rule::module_identifier => {
                    let mut parts = children(child);
                    if let Some(reference) = parts.next() {
                        module.name = name(&reference);
                    }
                    if let Some(oid) = parts.next() {
                        module.oid = Some(self.oid_components(oid));
                    }
                }
                Rule::tag_default => {
                    module.tag_default = match child.as_str().split_whitespace().next() {
                        Some("IMPLICIT") => TagDefault::Implicit,
                        Some("AUTOMATIC") => TagDefault::Automatic,
                        _ => TagDefault::Explicit,
                    };
                }
                Rule::extension_default => module.extensibility_implied = true,
                Rule::exports => module.exports = self.exports(child),
                Rule::imports => module.imports = self.imports(child),
                Rule::type_assignment | Rule::value_assignment => {
                    module.assignments.push(self.assignment(child));
                }
                Rule::value_set_assignment => {
                    let span = span_of(&child);
                    self.report(
                        span,
                        "value set and object set assignments are not supported",
                        "write the set as a constraint on the type where it is used, such as \
                         INTEGER (1 | 2 | 3)",
                    );
                }
                _ => {}
            }
        }
        module
    }

    fn exports(&mut self, pair: Pair<'_, Rule>) -> Option<Vec<Name>> {
        let mut symbols = Vec::new();
        for child in children(pair) {
            match child.as_rule() {
                Rule::export_all => return None,
                Rule::symbol_list => symbols = self.symbols(child),
                _ => {}
            }
        }
        Some(symbols)
    }

    fn symbols(&mut self, pair: Pair<'_, Rule>) -> Vec<Name> {
        children(pair)
            .filter_map(|symbol| children(symbol).next().map(|reference| name(&reference)))
            .collect()
    }

    fn imports(&mut self, pair: Pair<'_, Rule>) -> Vec<Import> {
        let mut imports = Vec::new();
        for group in children(pair) {
            let mut parts = children(group);
            let symbols = parts
                .next()
                .map(|list| self.symbols(list))
                .unwrap_or_default();
            let module = parts
                .next()
                .and_then(|reference| children(reference).next())
                .map(|reference| name(&reference));
            if let Some(module) = module {
                imports.push(Import { symbols, module });
            }
        }
        imports
    }

    fn assignment(&mut self, pair: Pair<'_, Rule>) -> Assignment {
        let span = span_of(&pair);
        let is_type = pair.as_rule() == Rule::type_assignment;
        let mut parts = children(pair);
        let assigned = name(
            &parts
                .next()
                .expect("grammar: assignment starts with a name"),
        );
        let ty = self.asn_type(parts.next().expect("grammar: assignment has a type"));
        let kind = if is_type {
            AssignmentKind::Type(ty)
        } else {
            let value = self.value(parts.next().expect("grammar: value assignment has a value"));
            AssignmentKind::Value { ty, value }
        };
        Assignment {
            name: assigned,
            kind,
            span,
        }
    }

    /// Builds a type. Recursion here follows the nesting, which the scan bounds.
    fn asn_type(&mut self, pair: Pair<'_, Rule>) -> Type {
        let span: Span = span_of(&pair);
        let inner = children(pair)
            .next()
            .expect("grammar: a type has one child");
        match inner.as_rule() {
            Rule::prefixed_type => self.prefixed_type(inner, span),
            _ => self.constrained_type(inner, span),
        }
    }

    fn prefixed_type(&mut self, pair: Pair<'_, Rule>, span: Span) -> Type {
        let mut tag = None;
        let mut mode = None;
        let mut inner = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::tag => tag = Some(self.tag(child)),
                Rule::tag_mode => {
                    let written = if child.as_str() == "IMPLICIT" {
                        TagMode::Implicit
                    } else {
                        TagMode::Explicit
                    };
                    mode = Some((written, span_of(&child)));
                }
                _ => inner = Some(self.asn_type(child)),
            }
        }
        Type {
            kind: TypeKind::Tagged {
                tag: tag.expect("grammar: prefixed type has a tag"),
                mode,
                inner: Box::new(inner.expect("grammar: prefixed type has an inner type")),
            },
            constraints: Vec::new(),
            span,
        }
    }

    fn tag(&mut self, pair: Pair<'_, Rule>) -> Tag {
        let span = span_of(&pair);
        let mut class = TagClass::ContextSpecific;
        let mut number = NumberRef::Literal(0, span);
        for child in children(pair) {
            match child.as_rule() {
                Rule::tag_class => {
                    class = match child.as_str() {
                        "UNIVERSAL" => TagClass::Universal,
                        "APPLICATION" => TagClass::Application,
                        _ => TagClass::Private,
                    };
                }
                _ => number = self.number_ref(child),
            }
        }
        Tag {
            class,
            number,
            span,
        }
    }

    fn constrained_type(&mut self, pair: Pair<'_, Rule>, span: Span) -> Type {
        let mut parts = children(pair);
        let base = parts.next().expect("grammar: constrained type has a base");
        let kind = self.type_kind(base);
        let constraints = parts.map(|c| self.constraint(c)).collect();
        Type {
            kind,
            constraints,
            span,
        }
    }

    fn type_kind(&mut self, pair: Pair<'_, Rule>) -> TypeKind {
        let rule = pair.as_rule();
        match rule {
            Rule::referenced_type => {
                let inner = children(pair)
                    .next()
                    .expect("grammar: reference has a name");
                if inner.as_rule() == Rule::external_type_reference {
                    let mut names = children(inner);
                    let module = names.next().map(|m| name(&m));
                    let target = name(&names.next().expect("grammar: Module.Type"));
                    TypeKind::Reference {
                        module,
                        name: target,
                    }
                } else {
                    TypeKind::Reference {
                        module: None,
                        name: name(&inner),
                    }
                }
            }
            Rule::boolean_type => TypeKind::Boolean,
            Rule::null_type => TypeKind::Null,
            Rule::real_type => TypeKind::Real,
            Rule::octet_string_type => TypeKind::OctetString,
            Rule::object_identifier_type => TypeKind::ObjectIdentifier,
            Rule::relative_oid_type => TypeKind::RelativeOid,
            Rule::integer_type => TypeKind::Integer(self.named_numbers(pair)),
            Rule::bit_string_type => TypeKind::BitString(self.named_numbers(pair)),
            Rule::enumerated_type => TypeKind::Enumerated(self.enumeration(pair)),
            Rule::any_type => TypeKind::Any {
                defined_by: children(pair).next().map(|id| name(&id)),
            },
            Rule::sequence_of_type | Rule::set_of_type => self.list_type(pair),
            Rule::sequence_type | Rule::set_type | Rule::choice_type => {
                let kind = match rule {
                    Rule::sequence_type => StructureKind::Sequence,
                    Rule::set_type => StructureKind::Set,
                    _ => StructureKind::Choice,
                };
                let items = children(pair)
                    .next()
                    .map(|list| self.component_list(list, kind))
                    .unwrap_or_default();
                TypeKind::Structure { kind, items }
            }
            _ => TypeKind::Unsupported(unsupported_type_name(pair.as_str())),
        }
    }

    fn named_numbers(&mut self, pair: Pair<'_, Rule>) -> Vec<NamedNumber> {
        let Some(list) = children(pair).next() else {
            return Vec::new();
        };
        children(list).map(|n| self.named_number(n)).collect()
    }

    fn named_number(&mut self, pair: Pair<'_, Rule>) -> NamedNumber {
        let mut parts = children(pair);
        let named = name(&parts.next().expect("grammar: named number has a name"));
        let number = parts.next().map(|n| self.number_ref(n));
        NamedNumber {
            name: named,
            number,
        }
    }

    fn enumeration(&mut self, pair: Pair<'_, Rule>) -> Vec<Option<NamedNumber>> {
        let mut items = Vec::new();
        for item in children(pair) {
            let inner = children(item).next().expect("grammar: enumeration item");
            items.push(match inner.as_rule() {
                Rule::named_number => Some(self.named_number(inner)),
                Rule::identifier => Some(NamedNumber {
                    name: name(&inner),
                    number: None,
                }),
                _ => None,
            });
        }
        items
    }

    fn list_type(&mut self, pair: Pair<'_, Rule>) -> TypeKind {
        let kind = if pair.as_rule() == Rule::sequence_of_type {
            ListKind::SequenceOf
        } else {
            ListKind::SetOf
        };
        let mut size = None;
        let mut element_name = None;
        let mut element = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::size_constraint => {
                    let span = span_of(&child);
                    let inner =
                        self.constraint(children(child).next().expect("grammar: SIZE (..)"));
                    size = Some(Box::new(Constraint {
                        root: Some(ElementSet::Element(Box::new(Element::Size(Box::new(
                            inner,
                        ))))),
                        extensible: false,
                        additions: None,
                        span,
                    }));
                }
                Rule::constraint => size = Some(Box::new(self.constraint(child))),
                Rule::element_name => {
                    element_name = children(child).next().map(|id| name(&id));
                }
                _ => element = Some(self.asn_type(child)),
            }
        }
        TypeKind::List {
            kind,
            size,
            element_name,
            element: Box::new(element.expect("grammar: list has an element type")),
        }
    }

    fn component_list(&mut self, pair: Pair<'_, Rule>, kind: StructureKind) -> Vec<ComponentItem> {
        let mut items = Vec::new();
        for child in children(pair) {
            let span: Span = span_of(&child);
            match child.as_rule() {
                // NOTE: an exception specification after `...` (`! value`) is parsed and
                // dropped, because the IR has no place for it yet.
                Rule::extension_marker => items.push(ComponentItem::ExtensionMarker(span)),
                Rule::version_group => {
                    let mut version = None;
                    let mut inner = Vec::new();
                    for part in children(child) {
                        match part.as_rule() {
                            Rule::number => version = part.as_str().parse().ok(),
                            _ => inner = self.component_list(part, kind),
                        }
                    }
                    items.push(ComponentItem::VersionGroup {
                        version,
                        items: inner,
                        span,
                    });
                }
                Rule::components_of => {
                    if kind == StructureKind::Choice {
                        self.report(span, "COMPONENTS OF inside a CHOICE", "COMPONENTS OF only copies the components of a SEQUENCE or SET into another one of the same kind");
                    }
                    let ty = children(child).next().expect("grammar: COMPONENTS OF T");
                    items.push(ComponentItem::ComponentsOf(self.asn_type(ty)));
                }
                _ => {
                    let component = self.component(child);
                    if kind == StructureKind::Choice {
                        match &component.presence {
                            Presence::Optional(at) => self.report(
                                *at,
                                "OPTIONAL on a CHOICE alternative",
                                "remove OPTIONAL: exactly one alternative of a CHOICE is present; make the CHOICE itself OPTIONAL where it is used",
                            ),
                            Presence::Default(value) => self.report(
                                value.span,
                                "DEFAULT on a CHOICE alternative",
                                "remove the DEFAULT: exactly one alternative of a CHOICE is present",
                            ),
                            Presence::Required => {}
                        }
                    }
                    items.push(ComponentItem::Named(component));
                }
            }
        }
        items
    }

    fn component(&mut self, pair: Pair<'_, Rule>) -> Component {
        let span = span_of(&pair);
        let mut parts = children(pair);
        let named = name(&parts.next().expect("grammar: component has a name"));
        let ty = self.asn_type(parts.next().expect("grammar: component has a type"));
        let presence = match parts.next() {
            Some(marker) if marker.as_rule() == Rule::optional_marker => {
                Presence::Optional(span_of(&marker))
            }
            Some(default) => {
                let value = children(default).next().expect("grammar: DEFAULT value");
                Presence::Default(self.value(value))
            }
            None => Presence::Required,
        };
        Component {
            name: named,
            ty,
            presence,
            span,
        }
    }

    fn constraint(&mut self, pair: Pair<'_, Rule>) -> Constraint {
        let span = span_of(&pair);
        let mut constraint = Constraint {
            root: None,
            extensible: false,
            additions: None,
            span,
        };
        let Some(spec) = children(pair).find(|c| c.as_rule() == Rule::constraint_spec) else {
            return constraint;
        };
        for part in children(spec) {
            match part.as_rule() {
                Rule::extension_in_constraint => constraint.extensible = true,
                _ => {
                    let set = self.element_set(part);
                    if constraint.extensible {
                        constraint.additions = Some(set);
                    } else {
                        constraint.root = Some(set);
                    }
                }
            }
        }
        constraint
    }

    fn element_set(&mut self, pair: Pair<'_, Rule>) -> ElementSet {
        let rule = pair.as_rule();
        if !matches!(
            rule,
            Rule::element_set
                | Rule::all_except
                | Rule::unions
                | Rule::intersections
                | Rule::except_elements
        ) {
            return ElementSet::Element(Box::new(self.element(pair)));
        }

        let mut parts: Vec<ElementSet> = children(pair).map(|p| self.element_set(p)).collect();
        match rule {
            Rule::all_except => ElementSet::AllExcept(Box::new(parts.remove(0))),
            Rule::unions if parts.len() > 1 => ElementSet::Union(parts),
            Rule::intersections if parts.len() > 1 => ElementSet::Intersection(parts),
            Rule::except_elements if parts.len() > 1 => {
                let excluded = parts.pop().expect("grammar: a EXCEPT b");
                ElementSet::Except(Box::new(parts.remove(0)), Box::new(excluded))
            }
            _ => parts.remove(0),
        }
    }

    fn element(&mut self, pair: Pair<'_, Rule>) -> Element {
        let span: Span = span_of(&pair);
        let rule = pair.as_rule();
        let mut parts = children(pair);
        let mut next = || parts.next().expect("grammar: constraint element has parts");
        match rule {
            Rule::size_constraint => Element::Size(Box::new(self.constraint(next()))),
            Rule::permitted_alphabet => {
                Element::PermittedAlphabet(Box::new(self.constraint(next())))
            }
            Rule::value_range => {
                let lower = self.endpoint(next());
                let upper = self.endpoint(next());
                Element::Range { lower, upper, span }
            }
            Rule::single_value => Element::SingleValue(self.value(next())),
            Rule::contained_subtype => Element::Includes(Box::new(self.asn_type(next()))),
            Rule::inner_type_constraint => {
                Element::Unsupported("WITH COMPONENTS constraints".to_string(), span)
            }
            _ => Element::Unsupported(
                "contents constraints (CONTAINING, ENCODED BY)".to_string(),
                span,
            ),
        }
    }

    fn endpoint(&mut self, pair: Pair<'_, Rule>) -> Endpoint {
        let mut endpoint = Endpoint {
            bound: Bound::Min,
            open: false,
        };
        for part in children(pair) {
            match part.as_rule() {
                Rule::open_end => endpoint.open = true,
                Rule::min_value => endpoint.bound = Bound::Min,
                Rule::max_value => endpoint.bound = Bound::Max,
                _ => endpoint.bound = Bound::Value(self.value(part)),
            }
        }
        endpoint
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span: Span = span_of(&pair);
        let inner = if pair.as_rule() == Rule::value {
            children(pair)
                .next()
                .expect("grammar: a value has one child")
        } else {
            pair
        };
        let text = inner.as_str();
        let kind = match inner.as_rule() {
            Rule::true_value => ValueKind::Boolean(true),
            Rule::false_value => ValueKind::Boolean(false),
            Rule::null_value => ValueKind::Null,
            Rule::plus_infinity => ValueKind::PlusInfinity,
            Rule::minus_infinity => ValueKind::MinusInfinity,
            Rule::signed_number | Rule::number => ValueKind::Integer(self.integer(text, span)),
            Rule::bstring => ValueKind::BString(quoted_digits(text)),
            Rule::hstring => ValueKind::HString(quoted_digits(text)),
            Rule::cstring => ValueKind::CString(text[1..text.len() - 1].replace("\"\"", "\"")),
            Rule::choice_value => {
                let mut parts = children(inner);
                let alternative = name(&parts.next().expect("grammar: alternative name"));
                let value = self.value(parts.next().expect("grammar: alternative value"));
                ValueKind::Choice {
                    alternative,
                    value: Box::new(value),
                }
            }
            Rule::braced_value => {
                let groups = children(inner)
                    .map(|group| children(group).map(|item| self.braced_item(item)).collect())
                    .collect();
                ValueKind::Braced(groups)
            }
            _ => {
                let (module, reference) = self.defined_value(inner);
                ValueKind::Reference {
                    module,
                    name: reference,
                }
            }
        };
        Value { kind, span }
    }

    fn braced_item(&mut self, pair: Pair<'_, Rule>) -> BracedItem {
        if pair.as_rule() == Rule::name_and_number {
            let mut parts = children(pair);
            let named = name(&parts.next().expect("grammar: name(number)"));
            let number = self.number_ref(parts.next().expect("grammar: name(number)"));
            BracedItem::NameAndNumber {
                name: named,
                number,
            }
        } else {
            BracedItem::Value(self.value(pair))
        }
    }

    /// Splits `Module.value` or `value` into its module and name.
    fn defined_value(&mut self, pair: Pair<'_, Rule>) -> (Option<Name>, Name) {
        let pair = if pair.as_rule() == Rule::defined_value {
            children(pair).next().expect("grammar: defined value")
        } else {
            pair
        };
        if pair.as_rule() == Rule::external_value_reference {
            let mut parts = children(pair);
            let module = parts.next().map(|m| name(&m));
            let value = name(&parts.next().expect("grammar: Module.value"));
            (module, value)
        } else {
            (None, name(&pair))
        }
    }

    fn number_ref(&mut self, pair: Pair<'_, Rule>) -> NumberRef {
        let span: Span = span_of(&pair);
        match pair.as_rule() {
            Rule::number | Rule::signed_number => {
                NumberRef::Literal(self.integer(pair.as_str(), span), span)
            }
            _ => {
                let (_, reference) = self.defined_value(pair);
                NumberRef::Reference(reference)
            }
        }
    }

    fn integer(&mut self, text: &str, span: Span) -> i128 {
        text.parse().unwrap_or_else(|_| {
            self.report(
                span,
                &format!("number `{text}` is too large"),
                "numbers must fit in 128 bits",
            );
            0
        })
    }

    /// Builds the definitive OID of a module header as braced value items.
    fn oid_components(&mut self, pair: Pair<'_, Rule>) -> Vec<BracedItem> {
        let mut components = Vec::new();
        for part in children(pair) {
            let span: Span = span_of(&part);
            let kind = match part.as_rule() {
                Rule::name_and_number => {
                    components.push(self.braced_item(part));
                    continue;
                }
                Rule::number => ValueKind::Integer(self.integer(part.as_str(), span)),
                _ => {
                    let (module, name) = self.defined_value(part);
                    ValueKind::Reference { module, name }
                }
            };
            components.push(BracedItem::Value(Value { kind, span }));
        }
        components
    }

    fn report(&mut self, span: Span, message: &str, help: &str) {
        self.diagnostics
            .push(Diagnostic::error(&self.file, span, message).with_help(help));
    }
}

/// Returns the digits between the quotes of `'...'B` or `'...'H`, blanks removed.
fn quoted_digits(text: &str) -> String {
    text[1..text.len() - 2]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn unsupported_type_name(text: &str) -> String {
    text.split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}
