//! Parses one TLS presentation language file (RFC 8446 section 3) with the pest grammar
//! in `tls.pest` and builds the syntax tree of `ast.rs`.

use std::sync::Arc;

use pest::Parser;
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};
use crate::tls::ast::*;

#[derive(Parser)]
#[grammar = "tls/tls.pest"]
struct TlsParser;

/// Deepest bracket nesting accepted. pest descends once per level, so deeper input
/// would risk the stack. The definitions of the bundled RFCs nest at most four levels.
pub const MAX_NESTING: usize = 100;

/// Largest schema text parsed, the limit files are read with: small enough for a parse
/// well under a second. pest parsed this grammar at roughly 2 to 5 MB per second in
/// release and test builds on a shared 2-core machine, an estimate from the timings of
/// `tests/robustness.rs`.
pub use crate::source::MAX_SCHEMA_BYTES;

/// Parses `file`. On a syntax error the tree is empty and the one diagnostic points to
/// where parsing stopped. Invalid numbers are reported together with a full tree.
pub fn parse_file(file: &Arc<SourceFile>) -> (SchemaFile, Vec<Diagnostic>) {
    if file.text.len() > MAX_SCHEMA_BYTES {
        let message = format!(
            "schema file has {} bytes, more than the {MAX_SCHEMA_BYTES} accepted",
            file.text.len()
        );
        let help = "split the schema into several files joined with `use`";
        return (
            SchemaFile::default(),
            vec![Diagnostic::error(file, Span::new(0, 0), message).with_help(help)],
        );
    }
    if let Err(diagnostic) = prescan(file) {
        return (SchemaFile::default(), vec![*diagnostic]);
    }

    let pairs = match TlsParser::parse(Rule::schema, &file.text) {
        Ok(pairs) => pairs,
        Err(error) => return (SchemaFile::default(), vec![syntax_error(file, error)]),
    };

    let mut builder = Builder {
        file,
        diagnostics: Vec::new(),
        previous_end: 0,
        section: None,
        current_name: String::new(),
        synthesized: Vec::new(),
    };
    let mut schema = SchemaFile::default();
    let root = pairs
        .into_iter()
        .next()
        .expect("schema rule always yields one pair");
    for pair in root.into_inner() {
        match pair.as_rule() {
            Rule::use_decl => schema.uses.push(builder.use_decl(pair)),
            Rule::definition => {
                let definition = builder.definition(pair);
                schema.definitions.push(definition);
                schema.definitions.append(&mut builder.synthesized);
            }
            _ => {}
        }
    }
    (schema, builder.diagnostics)
}

/// Checks what pest cannot report well before parsing: unterminated comments and
/// strings, and nesting deeper than [`MAX_NESTING`].
fn prescan(file: &Arc<SourceFile>) -> Result<(), Box<Diagnostic>> {
    let bytes = file.text.as_bytes();
    let mut depth = 0usize;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'/' if bytes.get(index + 1) == Some(&b'*') => {
                let Some(end) = file.text[index + 2..].find("*/") else {
                    return Err(Box::new(
                        Diagnostic::error(
                            file,
                            Span::new(index, index + 2),
                            "unterminated comment",
                        )
                        .with_help("close the comment with `*/`"),
                    ));
                };
                index += 2 + end + 2;
                continue;
            }
            b'/' if bytes.get(index + 1) == Some(&b'/') => {
                index = file.text[index..]
                    .find('\n')
                    .map_or(bytes.len(), |end| index + end);
                continue;
            }
            b'"' => {
                let end = file.text[index + 1..].find(['"', '\n']);
                match end {
                    Some(end) if bytes[index + 1 + end] == b'"' => index += end + 2,
                    _ => {
                        return Err(Box::new(
                            Diagnostic::error(
                                file,
                                Span::new(index, index + 1),
                                "unterminated string",
                            )
                            .with_help("close the string with `\"` on the same line"),
                        ));
                    }
                }
                continue;
            }
            b'{' | b'(' | b'[' | b'<' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Box::new(
                        Diagnostic::error(
                            file,
                            Span::new(index, index + 1),
                            format!("brackets nest deeper than {MAX_NESTING} levels"),
                        )
                        .with_help(
                            "define the inner structs as top-level types and refer to them by name",
                        ),
                    ));
                }
            }
            b'}' | b')' | b']' | b'>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        index += 1;
    }
    Ok(())
}

/// Turns pest's error into a diagnostic at the point where parsing stopped.
fn syntax_error(file: &Arc<SourceFile>, error: pest::error::Error<Rule>) -> Diagnostic {
    // pest names only rules in its error; parsing again with error detail on also yields
    // the punctuation it tried. Only a failed parse pays for the detail.
    pest::set_error_detail(true);
    let detailed = TlsParser::parse(Rule::schema, &file.text).err();
    pest::set_error_detail(false);

    let position = match error.location {
        pest::error::InputLocation::Pos(position) => position,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let mut expected: Vec<String> = Vec::new();
    for variant in [
        Some(&error.variant),
        detailed.as_ref().map(|detailed| &detailed.variant),
    ] {
        let Some(pest::error::ErrorVariant::ParsingError { positives, .. }) = variant else {
            continue;
        };
        for word in positives.iter().filter_map(|rule| describe_rule(*rule)) {
            if !expected.iter().any(|known| known == word) {
                expected.push(word.to_string());
            }
        }
    }
    let attempts = detailed
        .as_ref()
        .and_then(pest::error::Error::parse_attempts);
    if let Some(attempts) = attempts.filter(|attempts| attempts.max_position == position) {
        let tokens: Vec<String> = attempts
            .expected_tokens()
            .iter()
            .map(ToString::to_string)
            .collect();
        for punctuation in [
            ";", ",", ":", "(", ")", "[", "]", "<", ">", "{", "}", "=", "..",
        ] {
            if tokens.iter().any(|token| token == punctuation) {
                expected.push(format!("`{punctuation}`"));
            }
        }
    }
    let found = describe_found(&file.text[position..]);

    // A missing `;` is reported at the next token, often on the next line, so point right
    // after the word that needed it instead.
    let mut start = position;
    let expects_semicolon = expected.iter().any(|word| word == "`;`");
    if expects_semicolon {
        start = file.text[..position].trim_end().len();
    }
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", join_alternatives(&expected))
    };
    let help = if expects_semicolon {
        "end each declaration with `;`"
    } else {
        "write the definition in the forms of RFC 8446 section 3: struct, enum, vector, select"
    };
    Diagnostic::error(file, Span::new(start, start + 1), message).with_help(help)
}

/// Describes what a rule reads, for rules that read more than punctuation; pest's
/// expected tokens name the punctuation.
fn describe_rule(rule: Rule) -> Option<&'static str> {
    let word = match rule {
        Rule::EOI => "end of file",
        Rule::schema
        | Rule::definition
        | Rule::struct_def
        | Rule::enum_def
        | Rule::alias_def
        | Rule::constant_def
        | Rule::use_decl
        | Rule::modifier => "a definition",
        Rule::field | Rule::nested_struct | Rule::nested_enum | Rule::select => "a field",
        Rule::type_ref | Rule::type_only => "a type",
        Rule::name | Rule::path | Rule::name_part => "a name",
        Rule::number | Rule::number_term | Rule::number_literal => "a number",
        Rule::enum_member | Rule::power_name => "an enum member",
        Rule::case_arm => "`case`",
        Rule::case_label => "a case label",
        Rule::varint => "`V`",
        Rule::string => "a string",
        Rule::value | Rule::number_list => "a value",
        Rule::number_operator => "`+` or `-`",
        _ => return None,
    };
    Some(word)
}

fn describe_found(rest: &str) -> String {
    let Some(first) = rest.chars().next() else {
        return "end of file".to_string();
    };
    if first.is_ascii_alphanumeric() || first == '_' {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            .take(40)
            .collect();
        format!("`{word}`")
    } else if first.is_whitespace() {
        "whitespace".to_string()
    } else {
        format!("`{}`", first.escape_default())
    }
}

fn join_alternatives(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Builds the syntax tree and collects the number problems it meets.
struct Builder<'f> {
    file: &'f Arc<SourceFile>,
    diagnostics: Vec<Diagnostic>,
    /// End of the previous top-level item, to find the comments before a definition.
    previous_end: usize,
    /// The last comment so far that names an RFC section.
    section: Option<String>,
    /// Name of the definition being built.
    current_name: String,
    /// Definitions of enums declared inside a field, named `Outer.field`, to be placed
    /// after the definition that contains them.
    synthesized: Vec<Definition>,
}

impl Builder<'_> {
    fn use_decl(&mut self, pair: Pair<Rule>) -> Use {
        self.previous_end = pair.as_span().end();
        let string = pair.into_inner().next().expect("use has a string");
        let text = string.as_str();
        Use {
            path: text[1..text.len() - 1].to_string(),
            span: string.as_span().into(),
        }
    }

    fn definition(&mut self, pair: Pair<Rule>) -> Definition {
        let span: Span = pair.as_span().into();
        let gap = &self.file.text[self.previous_end..span.start];
        if let Some(section) = last_section_comment(gap) {
            self.section = Some(section);
        }
        self.previous_end = span.end;

        let inner = pair
            .into_inner()
            .next()
            .expect("definition has one alternative");
        let rule = inner.as_rule();
        self.current_name = inner
            .clone()
            .into_inner()
            .find(|part| part.as_rule() == Rule::name)
            .map(|name| name.as_str().to_string())
            .unwrap_or_default();
        let mut parts = inner.into_inner().peekable();
        let modifier = match parts.peek().map(Pair::as_rule) {
            Some(Rule::modifier) => Some(modifier(parts.next().expect("peeked"))),
            _ => None,
        };

        let mut params = Vec::new();
        let (name, kind) = match rule {
            Rule::struct_def => {
                let mut members = Vec::new();
                let mut name = None;
                for part in parts {
                    match part.as_rule() {
                        Rule::name => name = Some(self.name(part)),
                        Rule::type_params => {
                            params = part.into_inner().map(|param| self.name(param)).collect();
                        }
                        _ => members.push(self.member(part)),
                    }
                }
                let body = StructBody { modifier, members };
                (
                    name.expect("struct has a name"),
                    DefinitionKind::Struct(body),
                )
            }
            Rule::enum_def => {
                let (name, kind) = self.enum_parts(parts);
                (name, kind)
            }
            Rule::constant_def => {
                let ty = self.type_ref(parts.next().expect("type"));
                let name = self.name(parts.next().expect("name"));
                let value = self.value(parts.next().expect("value"));
                (name, DefinitionKind::Constant { ty, value })
            }
            _ => {
                let ty = self.type_ref(parts.next().expect("type"));
                let name = self.name(parts.next().expect("name"));
                let vector = parts.next().map(|part| self.vector(part));
                (
                    name,
                    DefinitionKind::Alias {
                        modifier,
                        ty,
                        vector,
                    },
                )
            }
        };
        Definition {
            name,
            params,
            kind,
            span,
            section: self.section.clone(),
        }
    }

    fn member(&mut self, pair: Pair<Rule>) -> Member {
        let span: Span = pair.as_span().into();
        match pair.as_rule() {
            Rule::field => {
                let mut parts = pair.into_inner().peekable();
                let modifier = match parts.peek().map(Pair::as_rule) {
                    Some(Rule::modifier) => Some(modifier(parts.next().expect("peeked"))),
                    _ => None,
                };
                let ty = self.type_ref(parts.next().expect("type"));
                let name = self.name(parts.next().expect("name"));
                let mut vector = None;
                let mut fixed_value = None;
                for part in parts {
                    if part.as_rule() == Rule::fixed_value {
                        fixed_value =
                            Some(part.into_inner().map(|value| self.value(value)).collect());
                    } else {
                        vector = Some(self.vector(part));
                    }
                }
                Member::Field(Field {
                    modifier,
                    ty,
                    name,
                    vector,
                    fixed_value,
                    span,
                })
            }
            Rule::nested_struct => {
                let mut modifier_found = None;
                let mut members = Vec::new();
                let mut name = None;
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::modifier => modifier_found = Some(modifier(part)),
                        Rule::name => name = Some(self.name(part)),
                        _ => members.push(self.member(part)),
                    }
                }
                let body = StructBody {
                    modifier: modifier_found,
                    members,
                };
                Member::Struct(NestedStruct { body, name, span })
            }
            Rule::nested_enum => self.nested_enum(pair),
            Rule::select => {
                let mut parts = pair.into_inner();
                let selector = self.name(parts.next().expect("selector"));
                let mut arms = Vec::new();
                let mut name = None;
                for part in parts {
                    match part.as_rule() {
                        Rule::case_arm => arms.push(self.case_arm(part)),
                        _ => name = Some(self.name(part)),
                    }
                }
                Member::Select(Select {
                    selector,
                    arms,
                    name,
                    span,
                })
            }
            _ => {
                let ty = self.type_ref(pair.into_inner().next().expect("type"));
                Member::TypeOnly(ty)
            }
        }
    }

    /// Builds the members, maximum and name of `enum { ... } name`.
    fn enum_parts<'i>(
        &mut self,
        parts: impl Iterator<Item = Pair<'i, Rule>>,
    ) -> (Name, DefinitionKind) {
        let mut members = Vec::new();
        let mut maximum = None;
        let mut name = None;
        for part in parts {
            match part.as_rule() {
                Rule::enum_member => members.push(self.enum_member(part)),
                Rule::enum_maximum => {
                    maximum = Some(self.number(part.into_inner().next().expect("number")));
                }
                _ => name = Some(self.name(part)),
            }
        }
        (
            name.expect("enum has a name"),
            DefinitionKind::Enum { members, maximum },
        )
    }

    /// Turns `enum { ... } type;` inside a struct into a field of type `Outer.type` and
    /// a definition of that enum.
    fn nested_enum(&mut self, pair: Pair<Rule>) -> Member {
        let span: Span = pair.as_span().into();
        let (field_name, kind) = self.enum_parts(pair.into_inner());
        let type_name = Name {
            text: format!("{}.{}", self.current_name, field_name.text),
            span: field_name.span,
        };
        self.synthesized.push(Definition {
            name: type_name.clone(),
            params: Vec::new(),
            kind,
            span,
            section: self.section.clone(),
        });
        Member::Field(Field {
            modifier: None,
            ty: TypeRef {
                span: type_name.span,
                name: type_name,
                args: Vec::new(),
            },
            name: field_name,
            vector: None,
            fixed_value: None,
            span,
        })
    }

    fn case_arm(&mut self, pair: Pair<Rule>) -> CaseArm {
        let mut labels = Vec::new();
        let mut members = Vec::new();
        for part in pair.into_inner() {
            if part.as_rule() == Rule::case_label {
                let label = part.into_inner().next().expect("label");
                labels.push(match label.as_rule() {
                    Rule::number => CaseLabel::Number(self.number(label)),
                    _ => CaseLabel::Name(self.name(label)),
                });
            } else {
                members.push(self.member(part));
            }
        }
        CaseArm { labels, members }
    }

    fn enum_member(&mut self, pair: Pair<Rule>) -> EnumMember {
        let mut parts = pair.into_inner();
        let name = self.name(parts.next().expect("name"));
        let value = match (parts.next(), parts.next()) {
            (Some(first), Some(last)) => EnumValue::Range(self.number(first), self.number(last)),
            (Some(single), None) => EnumValue::Single(self.number(single)),
            _ => EnumValue::Implicit,
        };
        EnumMember { name, value }
    }

    fn type_ref(&mut self, pair: Pair<Rule>) -> TypeRef {
        // The pair ends after the whitespace tried before optional type arguments.
        let start = pair.as_span().start();
        let span = Span::new(start, start + pair.as_str().trim_end().len());
        let mut parts = pair.into_inner();
        let name = self.name(parts.next().expect("type name"));
        let args = match parts.next() {
            Some(args) => args.into_inner().map(|arg| self.type_ref(arg)).collect(),
            None => Vec::new(),
        };
        TypeRef { name, args, span }
    }

    fn vector(&mut self, pair: Pair<Rule>) -> Vector {
        let span: Span = pair.as_span().into();
        let rule = pair.as_rule();
        let inner = pair.into_inner().next().expect("vector content");
        match (rule, inner.as_rule()) {
            (Rule::fixed_vector, Rule::number) => Vector::Fixed {
                size: self.number(inner),
                span,
            },
            (Rule::fixed_vector, _) => Vector::Linked {
                path: self.name(inner),
                span,
            },
            (_, Rule::vector_range) => {
                let mut numbers = inner.into_inner();
                let floor = self.number(numbers.next().expect("floor"));
                let ceiling = self.number(numbers.next().expect("ceiling"));
                Vector::Variable {
                    floor,
                    ceiling,
                    span,
                }
            }
            (_, Rule::varint) => Vector::Varint { span },
            _ => {
                let ceiling = self.number(inner);
                let floor = Number {
                    value: Some(0),
                    span: ceiling.span,
                };
                Vector::Variable {
                    floor,
                    ceiling,
                    span,
                }
            }
        }
    }

    fn value(&mut self, pair: Pair<Rule>) -> Value {
        let span: Span = pair.as_span().into();
        let inner = pair.into_inner().next().expect("value content");
        match inner.as_rule() {
            Rule::number => Value::Number(self.number(inner)),
            Rule::number_list => {
                let numbers = inner
                    .into_inner()
                    .map(|number| self.number(number))
                    .collect();
                Value::List(numbers, span)
            }
            Rule::string => {
                let text = inner.as_str();
                Value::String(text[1..text.len() - 1].to_string(), span)
            }
            _ => Value::Name(self.name(inner)),
        }
    }

    fn name(&self, pair: Pair<Rule>) -> Name {
        Name {
            text: pair.as_str().to_string(),
            span: pair.as_span().into(),
        }
    }

    /// Evaluates a number expression such as `2^16-1`, reporting values that are
    /// negative or need more than 64 bits.
    fn number(&mut self, pair: Pair<Rule>) -> Number {
        let span: Span = pair.as_span().into();
        let mut total: Option<i128> = Some(0);
        let mut sign = 1i128;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::number_operator => sign = if part.as_str() == "-" { -1 } else { 1 },
                _ => {
                    let term = evaluate_term(part.as_str());
                    total = total.zip(term).map(|(total, term)| total + sign * term);
                }
            }
        }
        let value = total.and_then(|total| u64::try_from(total).ok());
        if value.is_none() {
            let text = &self.file.text[span.start..span.end];
            self.diagnostics.push(
                Diagnostic::error(self.file, span, format!("invalid number `{text}`"))
                    .with_help("write a value from 0 to 2^64-1"),
            );
        }
        Number { value, span }
    }
}

/// Evaluates `n` or `b^e`, or returns `None` when the value needs more than 64 bits.
fn evaluate_term(text: &str) -> Option<i128> {
    let literal = |text: &str| -> Option<u64> {
        match text.strip_prefix("0x") {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => text.parse().ok(),
        }
    };
    match text.split_once('^') {
        Some((base, exponent)) => {
            let exponent = u32::try_from(literal(exponent)?).ok()?;
            let power = u64::checked_pow(literal(base)?, exponent)?;
            Some(i128::from(power))
        }
        None => literal(text).map(i128::from),
    }
}

fn modifier(pair: Pair<Rule>) -> Modifier {
    match pair.as_str() {
        "digitally-signed" => Modifier::DigitallySigned,
        "stream-ciphered" => Modifier::StreamCiphered,
        "block-ciphered" => Modifier::BlockCiphered,
        "aead-ciphered" => Modifier::AeadCiphered,
        _ => Modifier::PublicKeyEncrypted,
    }
}

/// Returns the text, without delimiters, of the last comment in `gap` that names an RFC
/// section: one that starts with `RFC `, as `/* RFC 6962 section 3.2: ... */` does.
fn last_section_comment(gap: &str) -> Option<String> {
    let mut last = None;
    let mut rest = gap;
    loop {
        let block = rest.find("/*");
        let line = rest.find("//");
        let text = match (block, line) {
            (Some(block), line) if line.is_none_or(|line| block < line) => {
                let end = rest[block..]
                    .find("*/")
                    .map_or(rest.len(), |end| block + end);
                let text = &rest[block + 2..end];
                rest = &rest[(end + 2).min(rest.len())..];
                text
            }
            (_, Some(line)) => {
                let end = rest[line..].find('\n').map_or(rest.len(), |end| line + end);
                let text = &rest[line + 2..end];
                rest = &rest[end..];
                text
            }
            _ => return last,
        };
        let text = text.trim();
        if text.starts_with("RFC ") {
            last = Some(text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> SchemaFile {
        let (schema, diagnostics) = parse_file(&SourceFile::new("t.tls", text));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        schema
    }

    #[test]
    fn evaluates_number_expressions() {
        assert_eq!(evaluate_term("2^16"), Some(65536));
        assert_eq!(evaluate_term("0xFE00"), Some(0xFE00));
        assert_eq!(evaluate_term("2^64"), None);
        let schema = parse("opaque A<2^8-2..2^16-1>;");
        let DefinitionKind::Alias {
            vector: Some(Vector::Variable { floor, ceiling, .. }),
            ..
        } = &schema.definitions[0].kind
        else {
            panic!("a variable vector");
        };
        assert_eq!((floor.value, ceiling.value), (Some(254), Some(65535)));
    }

    #[test]
    fn section_comment_carries_to_later_definitions() {
        let text =
            "/* RFC 8446 section 4.1.2: Client Hello */\nuint16 A;\n/* other */\nopaque B[2];\n";
        let schema = parse(text);
        let sections: Vec<Option<&str>> = schema
            .definitions
            .iter()
            .map(|definition| definition.section.as_deref())
            .collect();
        let expected = Some("RFC 8446 section 4.1.2: Client Hello");
        assert_eq!(sections, [expected, expected]);
    }

    #[test]
    fn accepts_irregular_rfc_forms() {
        // RFC 5246 A.4 (missing comma), 7.4.8 (missing `;` and name), E.2 (missing `]`),
        // 7.4.4 (ceiling only) and RFC 6066 (a power as a member name).
        let text = "enum { finished(20) (255) } H;\n\
                    struct { digitally-signed struct { opaque m[n]; } } V;\n\
                    struct { opaque c[V2.len; } V2;\n\
                    struct { uint16 s<2^16-1>; } R;\n\
                    enum { 2^9(1), (255) } M;\n";
        let schema = parse(text);
        let names: Vec<&str> = schema
            .definitions
            .iter()
            .map(|definition| definition.name.text.as_str())
            .collect();
        assert_eq!(names, ["H", "V", "V2", "R", "M"]);
    }

    #[test]
    fn keywords_need_a_word_boundary() {
        let schema = parse("struct { structure a; enumerated b; } X;");
        let DefinitionKind::Struct(body) = &schema.definitions[0].kind else {
            panic!("a struct");
        };
        assert_eq!(body.members.len(), 2);
    }

    #[test]
    fn last_section_comment_ignores_other_comments() {
        let gap = "/* RFC 1 section 2 */ // note\n/* RFC 3 section 4 */ /* plain */";
        assert_eq!(
            last_section_comment(gap).as_deref(),
            Some("RFC 3 section 4")
        );
    }
}
