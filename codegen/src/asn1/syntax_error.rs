//! Syntax errors of the ASN.1 grammar (`asn1.pest`) as diagnostics that name what was
//! expected in the words of X.680.

use std::sync::Arc;

use pest::error::{ErrorVariant, InputLocation};

use super::parser::Rule;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// Turns pest's error into a diagnostic that names what was expected in X.680 words.
pub(super) fn syntax_diagnostic(
    file: &Arc<SourceFile>,
    error: &pest::error::Error<Rule>,
) -> Diagnostic {
    let offset = match error.location {
        InputLocation::Pos(offset) => offset,
        InputLocation::Span((start, _)) => start,
    };
    let rest = &file.text[offset..];
    if let ErrorVariant::CustomError { message } = &error.variant {
        return Diagnostic::error(file, Span::new(offset, offset), message.clone())
            .with_help("simplify the definition");
    }
    if rest.trim().is_empty() {
        let expects_end = matches!(
            &error.variant,
            ErrorVariant::ParsingError { positives, .. } if positives.contains(&Rule::kw_end)
        );
        let message = if expects_end {
            "missing END at the end of the module"
        } else {
            "unexpected end of file"
        };
        return Diagnostic::error(file, Span::new(offset, offset), message)
            .with_help("end each module with END after its last assignment");
    }

    let found_len = found_token_len(rest);
    let found = &rest[..found_len];
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => describe_rules(positives),
        ErrorVariant::CustomError { .. } => String::new(),
    };
    let message = if expected.is_empty() {
        format!("unexpected `{found}`")
    } else {
        format!("expected {expected}, found `{found}`")
    };
    Diagnostic::error(file, Span::new(offset, offset + found_len), message)
        .with_help("compare this line with the notation of X.680; comments start with `--`")
}

/// Returns the length of the word or character at the start of `rest`.
fn found_token_len(rest: &str) -> usize {
    let word = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-'))
        .map_or(rest.len(), |(index, _)| index);
    if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

/// Lists what the grammar expected, in the words of X.680, deduplicated and in order.
fn describe_rules(rules: &[Rule]) -> String {
    let mut names: Vec<String> = Vec::new();
    for &rule in rules {
        let name = describe_rule(rule);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    match names.len() {
        0 => String::new(),
        1 => names.remove(0),
        _ => {
            let last = names.pop().unwrap_or_default();
            format!("{} or {last}", names.join(", "))
        }
    }
}

fn describe_rule(rule: Rule) -> String {
    let name = format!("{rule:?}");
    if let Some(keyword) = name.strip_prefix("kw_") {
        return format!("`{}`", keyword.to_uppercase().replace('_', "-"));
    }
    let text = match rule {
        Rule::module_definition | Rule::module_identifier => "a module definition",
        Rule::type_reference | Rule::external_type_reference | Rule::referenced_type => {
            "a type reference"
        }
        Rule::identifier | Rule::defined_value | Rule::external_value_reference => "an identifier",
        Rule::asn_type | Rule::prefixed_type | Rule::constrained_type => "a type",
        Rule::value | Rule::braced_value | Rule::signed_number | Rule::single_value => "a value",
        Rule::number => "a number",
        Rule::tag => "a tag",
        Rule::named_number_list => "named numbers in braces",
        Rule::tag_default => "a tag default",
        Rule::constraint => "a constraint",
        Rule::named_component | Rule::component_list => "a component",
        Rule::extension_marker | Rule::extension_in_constraint => "`...`",
        Rule::EOI => "end of file",
        _ => return name.replace('_', " "),
    };
    text.to_string()
}
