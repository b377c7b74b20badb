//! Binding files: declarations that a field's bytes contain a value of another schema and
//! encoding (TLS inside a DER OCTET STRING, DER inside a TLS opaque vector), under a
//! condition on a sibling field. [`parse`] reads one file into a [`BindingFile`].

use std::sync::Arc;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

#[derive(Parser)]
#[grammar = "bind/bind.pest"]
struct BindParser;

/// A parsed binding file, its aliases checked.
#[derive(Debug, Clone)]
pub struct BindingFile {
    pub file: Arc<SourceFile>,
    pub uses: Vec<Use>,
    pub bindings: Vec<Binding>,
}

/// `use "rfc6962.tls" as ct;`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    /// The schema file as written, relative to the binding file.
    pub path: String,
    pub alias: String,
    pub span: Span,
}

/// `bind TARGET [when CONDITION] as LAYER;`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub target: Target,
    pub condition: Option<Condition>,
    pub layer: Layer,
    pub span: Span,
}

/// The type, or the field of a type, whose bytes the binding decodes further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub alias: String,
    pub type_name: String,
    /// Field names from the type down; empty when the binding applies to the type itself.
    pub fields: Vec<String>,
    pub span: Span,
}

/// `when path == value`: `path` names a field beside the target, or inside one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub path: Vec<String>,
    pub value: ConditionValue,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionValue {
    /// Dotted arcs, `1.3.6.1.4.1.11129.2.4.2`.
    ObjectIdentifier(Vec<u64>),
    Number(u64),
    /// An enum member or a named value, `ecdsa`.
    Name(String),
}

/// The encoding and type of the target's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layer {
    /// `der NULL`: one DER NULL.
    DerNull,
    /// `der OCTET STRING containing LAYER`: one DER OCTET STRING whose content octets
    /// hold the inner layer.
    DerOctetString(Box<Layer>),
    /// `der alias.Type` or `tls alias.Type`.
    Type {
        encoding: Encoding,
        alias: String,
        type_name: String,
        span: Span,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Der,
    Tls,
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Der => "der",
            Self::Tls => "tls",
        })
    }
}

/// Parses a binding file and checks that every alias it uses is declared.
pub fn parse(file: &Arc<SourceFile>) -> Result<BindingFile, Vec<Diagnostic>> {
    let mut pairs = BindParser::parse(Rule::file, &file.text)
        .map_err(|error| vec![syntax_error(file, &error)])?;
    let root = pairs.next().expect("the file rule matches once");

    let mut uses = Vec::new();
    let mut bindings = Vec::new();
    for pair in root.into_inner() {
        match pair.as_rule() {
            Rule::use_declaration => uses.push(read_use(pair)),
            Rule::binding => bindings.push(read_binding(pair)),
            _ => {}
        }
    }

    let diagnostics = check_aliases(file, &uses, &bindings);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(BindingFile {
        file: Arc::clone(file),
        uses,
        bindings,
    })
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    // Non-atomic rules take in the whitespace after them; the caret stops before it.
    let start = pair.as_span().start();
    Span::new(start, start + pair.as_str().trim_end().len())
}

fn read_use(pair: Pair<'_, Rule>) -> Use {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let quoted = inner.next().expect("grammar: string").as_str();
    let alias = inner.next().expect("grammar: name").as_str().to_string();
    Use {
        path: quoted[1..quoted.len() - 1].to_string(),
        alias,
        span,
    }
}

fn read_binding(pair: Pair<'_, Rule>) -> Binding {
    let span = span_of(&pair);
    let mut target = None;
    let mut condition = None;
    let mut layer = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::target => target = Some(read_target(part)),
            Rule::condition => condition = Some(read_condition(part)),
            Rule::layer => layer = Some(read_layer(part)),
            _ => {}
        }
    }
    Binding {
        target: target.expect("grammar: target"),
        condition,
        layer: layer.expect("grammar: layer"),
        span,
    }
}

fn read_target(pair: Pair<'_, Rule>) -> Target {
    let span = span_of(&pair);
    let mut names: Vec<String> = pair.into_inner().map(|name| name.as_str().into()).collect();
    let alias = names.remove(0);
    let type_name = names.remove(0);
    Target {
        alias,
        type_name,
        fields: names,
        span,
    }
}

fn read_condition(pair: Pair<'_, Rule>) -> Condition {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let path = inner
        .next()
        .expect("grammar: field_path")
        .into_inner()
        .map(|name| name.as_str().to_string())
        .collect();
    let value = inner.next().expect("grammar: value");
    let text = value.as_str();
    let value = match value.as_rule() {
        Rule::object_identifier => ConditionValue::ObjectIdentifier(
            text.split('.')
                .map(|arc| arc.parse().unwrap_or(u64::MAX))
                .collect(),
        ),
        Rule::number => ConditionValue::Number(text.parse().unwrap_or(u64::MAX)),
        _ => ConditionValue::Name(text.to_string()),
    };
    Condition { path, value, span }
}

fn read_layer(pair: Pair<'_, Rule>) -> Layer {
    let mut inner = pair.into_inner();
    let encoding = match inner.next().expect("grammar: encoding").as_str() {
        "der" => Encoding::Der,
        _ => Encoding::Tls,
    };
    let body = inner.next().expect("grammar: layer body");
    match body.as_rule() {
        Rule::null => Layer::DerNull,
        Rule::containing => {
            let nested = body.into_inner().next().expect("grammar: layer");
            Layer::DerOctetString(Box::new(read_layer(nested)))
        }
        _ => {
            let span = span_of(&body);
            let mut names = body.into_inner();
            let alias = names.next().expect("grammar: alias").as_str().to_string();
            let type_name = names.next().expect("grammar: type").as_str().to_string();
            Layer::Type {
                encoding,
                alias,
                type_name,
                span,
            }
        }
    }
}

/// Reports aliases used but not declared, and aliases declared twice.
fn check_aliases(file: &Arc<SourceFile>, uses: &[Use], bindings: &[Binding]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for (index, declared) in uses.iter().enumerate() {
        if uses[..index]
            .iter()
            .any(|other| other.alias == declared.alias)
        {
            diagnostics.push(
                Diagnostic::error(
                    file,
                    declared.span,
                    format!("alias `{}` is declared twice", declared.alias),
                )
                .with_help("give each `use` its own alias"),
            );
        }
    }
    let known = |alias: &str| uses.iter().any(|declared| declared.alias == alias);
    let unknown = |alias: &str, span: Span| {
        Diagnostic::error(file, span, format!("unknown alias `{alias}`"))
            .with_help(format!("declare it with `use \"FILE\" as {alias};`"))
    };
    for binding in bindings {
        if !known(&binding.target.alias) {
            diagnostics.push(unknown(&binding.target.alias, binding.target.span));
        }
        let mut layer = &binding.layer;
        loop {
            match layer {
                Layer::DerNull => break,
                Layer::DerOctetString(inner) => layer = inner,
                Layer::Type { alias, span, .. } => {
                    if !known(alias) {
                        diagnostics.push(unknown(alias, *span));
                    }
                    break;
                }
            }
        }
    }
    diagnostics
}

/// Turns pest's error into a diagnostic at the point where parsing stopped.
fn syntax_error(file: &Arc<SourceFile>, error: &pest::error::Error<Rule>) -> Diagnostic {
    let position = match error.location {
        pest::error::InputLocation::Pos(position) => position,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let mut expected: Vec<&str> = Vec::new();
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &error.variant {
        for rule in positives {
            let word = describe_rule(*rule);
            if !expected.contains(&word) {
                expected.push(word);
            }
        }
    }
    let found = file.text[position..]
        .split_whitespace()
        .next()
        .map_or("end of file".to_string(), |word| format!("`{word}`"));
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", expected.join(" or "))
    };
    Diagnostic::error(file, Span::new(position, position + 1), message).with_help(
        "write `use \"FILE\" as ALIAS;` or `bind ALIAS.Type[.field] [when PATH == VALUE] \
         as der|tls ...;`",
    )
}

fn describe_rule(rule: Rule) -> &'static str {
    match rule {
        Rule::use_declaration => "`use`",
        Rule::binding => "`bind`",
        Rule::target => "a target `alias.Type.field`",
        Rule::condition => "`when`",
        Rule::field_path => "a field path",
        Rule::layer => "`der` or `tls`",
        Rule::encoding => "`der` or `tls`",
        Rule::containing => "`OCTET STRING containing`",
        Rule::type_name => "a type `alias.Type`",
        Rule::string => "a quoted file name",
        Rule::name => "a name",
        Rule::object_identifier | Rule::number => "a value",
        Rule::EOI => "end of file",
        _ => "a declaration",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<BindingFile, Vec<Diagnostic>> {
        parse(&SourceFile::new("ct.bind", text))
    }

    #[test]
    fn reads_octet_string_layer_with_condition() {
        let file = parse_text(
            "use \"a.asn\" as pkix;\nuse \"b.tls\" as ct;\n\
             bind pkix.Extension.extnValue when extnID == 1.3.6.1.4.1.11129.2.4.2\n\
             as der OCTET STRING containing tls ct.SignedCertificateTimestampList;\n",
        )
        .expect("valid file");
        assert_eq!(file.uses.len(), 2);
        let binding = &file.bindings[0];
        assert_eq!(binding.target.type_name, "Extension");
        assert_eq!(binding.target.fields, ["extnValue"]);
        let condition = binding.condition.as_ref().expect("condition");
        assert_eq!(condition.path, ["extnID"]);
        assert_eq!(
            condition.value,
            ConditionValue::ObjectIdentifier(vec![1, 3, 6, 1, 4, 1, 11129, 2, 4, 2])
        );
        let Layer::DerOctetString(inner) = &binding.layer else {
            panic!("expected an OCTET STRING layer, got {:?}", binding.layer);
        };
        assert!(matches!(
            inner.as_ref(),
            Layer::Type { encoding: Encoding::Tls, type_name, .. }
                if type_name == "SignedCertificateTimestampList"
        ));
    }

    #[test]
    fn reads_hyphenated_asn1_names() {
        let file = parse_text(
            "use \"x.tls\" as ct; use \"y.asn\" as alg;\n\
             bind ct.DigitallySigned.signature when algorithm.signature == ecdsa\n\
             as der alg.ECDSA-Sig-Value;",
        )
        .expect("valid file");
        let condition = file.bindings[0].condition.as_ref().expect("condition");
        assert_eq!(condition.value, ConditionValue::Name("ecdsa".into()));
        assert!(matches!(
            &file.bindings[0].layer,
            Layer::Type { encoding: Encoding::Der, type_name, .. } if type_name == "ECDSA-Sig-Value"
        ));
    }

    #[test]
    fn rejects_unknown_alias_with_location() {
        let errors = parse_text("use \"x.tls\" as ct;\nbind pk.Foo as der NULL;\n")
            .expect_err("unknown alias");
        assert_eq!(
            errors[0].to_string(),
            "ct.bind:2:6: error: unknown alias `pk`\n  |\n2 | bind pk.Foo as der NULL;\n  \
             |      ^^^^^^\n  = help: declare it with `use \"FILE\" as pk;`"
        );
    }

    #[test]
    fn rejects_missing_layer_encoding() {
        let errors = parse_text("use \"x.tls\" as ct;\nbind ct.Foo as ct.Bar;\n")
            .expect_err("missing encoding");
        let rendered = errors[0].to_string();
        assert!(
            rendered.starts_with("ct.bind:2:16: error: expected `der` or `tls`, found `ct.Bar;`"),
            "{rendered}"
        );
    }
}
