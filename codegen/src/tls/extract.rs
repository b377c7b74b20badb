//! Pulls the presentation-language definitions (RFC 8446 section 3) out of a plain-text
//! RFC into schema text, page breaks removed (RFC 7322 layout) and prose left out.
//!
//! A definition starts on a line that opens a `struct {` or `enum {` (possibly after a
//! modifier such as `digitally-signed`), or on a one-line `Type name...;` declaration
//! that begins a paragraph. It ends at the first `;` outside braces and comments.
//! Definitions separated only by blank lines form one block; each block is preceded by
//! `/* RFC NNNN section X.Y: Title */`.
//!
//! These definitions are printed as `//` comments, with the reason on the line before:
//! - those in a section titled "Presentation Language" or one of its subsections, which
//!   teach the notation (RFC 5246 section 4, RFC 8446 section 3);
//! - those that elide text with `...` or use the `[[ ]]` meta-notation;
//! - a second definition of a name already defined earlier in the same RFC (RFC 8446
//!   appendix B repeats section 4), so the first one printed is the one kept;
//! - a definition whose braces do not balance as printed (RFC 5246 appendix A.4.2
//!   leaves out the `};` that closes ServerKeyExchange's select). It ends at the first
//!   line that is indented like its first line, starts with `}` and ends with `;`;
//! - a definition naming a type that no printed definition of the RFC defines, unless
//!   `use` files are given, since those may define it.

use crate::rfc_text::RfcText;
use crate::source::SourceFile;
use crate::tls::ast;
use crate::tls::parser::parse_file;

/// Schema text extracted from one RFC, with counts of what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub text: String,
    /// Groups of definitions not separated by prose.
    pub blocks: usize,
    /// Definitions printed as schema text.
    pub definitions: usize,
    /// Definitions printed as comments, each after a line giving the reason.
    pub commented: usize,
}

/// One definition found in the RFC: lines `start..end` of [`RfcText::lines`].
struct Found {
    start: usize,
    end: usize,
    /// Whether braces balance before the closing `;`.
    balanced: bool,
}

/// A definition with its dedented text and what it defines and names.
struct Candidate {
    lines: Vec<String>,
    /// Reason to print it as a comment, or `None` to print it as schema.
    reason: Option<String>,
    name: Option<String>,
    referenced: Vec<String>,
}

/// Extracts every definition block of `rfc`, the text of a plain-text RFC. Each path in
/// `uses` becomes a `use "path";` line at the top, for RFCs that build on another one's
/// types (RFC 6962 on RFC 5246).
pub fn extract(rfc: &str, uses: &[String]) -> Extraction {
    let text = RfcText::parse(rfc);
    let number = rfc_number(rfc);
    let found = find_definitions(&text);
    let blocks = group_blocks(&text, &found);

    let mut candidates: Vec<Vec<Candidate>> = Vec::with_capacity(blocks.len());
    let mut defined: Vec<String> = Vec::new();
    for block in &blocks {
        let indent = block_indent(&text, block);
        let mut decided = Vec::with_capacity(block.len());
        for definition in *block {
            let lines: Vec<String> = text.lines[definition.start..definition.end]
                .iter()
                .map(|line| {
                    line.text
                        .get(indent..)
                        .unwrap_or(line.text.trim_start())
                        .to_string()
                })
                .collect();
            let source = lines.join("\n");
            let (name, referenced) = names_of(&source);
            let reason = example_reason(&text, definition, &source, name.as_deref(), &defined);
            if let (None, Some(name)) = (&reason, &name) {
                defined.push(name.clone());
            }
            decided.push(Candidate {
                lines,
                reason,
                name,
                referenced,
            });
        }
        candidates.push(decided);
    }
    if uses.is_empty() {
        comment_undefined_references(&mut candidates);
    }
    render(&text, &number, uses, &blocks, &candidates)
}

/// Comments definitions that name a type no printed definition of the RFC defines (RFC
/// 5246 appendix E.2 names `Version` for ProtocolVersion), repeating until none is left,
/// since commenting one can leave others without a type. Skipped when `--use` files may
/// define the missing types.
fn comment_undefined_references(candidates: &mut [Vec<Candidate>]) {
    loop {
        let defined: Vec<String> = candidates
            .iter()
            .flatten()
            .filter(|candidate| candidate.reason.is_none())
            .filter_map(|candidate| candidate.name.clone())
            .collect();
        let mut changed = false;
        for candidate in candidates
            .iter_mut()
            .flatten()
            .filter(|candidate| candidate.reason.is_none())
        {
            let missing = candidate
                .referenced
                .iter()
                .find(|name| !defined.contains(name) && !is_builtin(name));
            if let Some(missing) = missing {
                candidate.reason =
                    Some(format!("names `{missing}`, which this RFC does not define"));
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn is_builtin(name: &str) -> bool {
    name == "opaque" || name == "optional" || crate::tls::scope::uint_bytes(name).is_some()
}

fn render(
    text: &RfcText,
    number: &str,
    uses: &[String],
    blocks: &[&[Found]],
    candidates: &[Vec<Candidate>],
) -> Extraction {
    let mut out = String::new();
    let mut extraction = Extraction {
        text: String::new(),
        blocks: blocks.len(),
        definitions: 0,
        commented: 0,
    };
    for (block, decided) in blocks.iter().zip(candidates) {
        let heading = text.section_of(block[0].start).unwrap_or("(no section)");
        out.push_str(&format!(
            "\n/* RFC {number} section {} */\n",
            describe_section(heading)
        ));
        for (position, (definition, candidate)) in block.iter().zip(decided).enumerate() {
            if position > 0 {
                // Keep the blank lines the RFC puts between definitions.
                for _ in block[position - 1].end..definition.start {
                    out.push('\n');
                }
            }
            match &candidate.reason {
                Some(reason) => {
                    extraction.commented += 1;
                    out.push_str(&format!("// {reason}:\n"));
                    for line in &candidate.lines {
                        out.push_str(&format!("// {line}\n"));
                    }
                }
                None => {
                    extraction.definitions += 1;
                    out.push_str(&candidate.lines.join("\n"));
                    out.push('\n');
                }
            }
        }
    }
    let mut header = format!(
        "// Extracted from RFC {number} by `rfcodec extract`: {} blocks, {} definitions, {} \
         commented out.\n",
        extraction.blocks, extraction.definitions, extraction.commented
    );
    for used in uses {
        header.push_str(&format!("use \"{used}\";\n"));
    }
    extraction.text = header + &out;
    extraction
}

/// Groups definitions that only blank lines separate.
fn group_blocks<'f>(text: &RfcText, found: &'f [Found]) -> Vec<&'f [Found]> {
    let mut blocks = Vec::new();
    let mut index = 0;
    while index < found.len() {
        let mut end = index + 1;
        while end < found.len() && only_blank(text, found[end - 1].end, found[end].start) {
            end += 1;
        }
        blocks.push(&found[index..end]);
        index = end;
    }
    blocks
}

/// Returns the indentation shared by every non-blank line of a block.
fn block_indent(text: &RfcText, block: &[Found]) -> usize {
    block
        .iter()
        .flat_map(|definition| &text.lines[definition.start..definition.end])
        .filter(|line| !line.text.trim().is_empty())
        .map(|line| line.text.len() - line.text.trim_start().len())
        .min()
        .unwrap_or(0)
}

/// Returns why a definition is printed as a comment, or `None` to print it as schema.
fn example_reason(
    text: &RfcText,
    definition: &Found,
    source: &str,
    name: Option<&str>,
    defined: &[String],
) -> Option<String> {
    // NOTE: RFC 5246 section 4.7 defines DigitallySigned among its examples, so it is
    // commented out too; schemas that need it define it themselves (schemas/rfc5246.tls).
    if in_presentation_language_section(text, definition.start) {
        return Some("example from the presentation language section, not a definition".into());
    }
    if !definition.balanced {
        return Some("braces do not balance as printed in the RFC".into());
    }
    let code = strip_comments(source);
    if code.contains("...") || code.contains("[[") {
        return Some("example with elided text, not a definition".into());
    }
    let name = name?;
    if defined.iter().any(|earlier| earlier == name) {
        return Some(format!(
            "repeats the definition of `{name}` printed earlier"
        ));
    }
    None
}

/// Returns the name a definition defines and the type names it refers to, when it
/// parses on its own.
fn names_of(source: &str) -> (Option<String>, Vec<String>) {
    let file = SourceFile::new("-", source);
    let (schema, _) = parse_file(&file);
    let Some(definition) = schema.definitions.first() else {
        return (None, Vec::new());
    };
    let params: Vec<&str> = definition
        .params
        .iter()
        .map(|param| param.text.as_str())
        .collect();
    let mut referenced = Vec::new();
    for definition in &schema.definitions {
        match &definition.kind {
            ast::DefinitionKind::Struct(body) => referenced_in(&body.members, &mut referenced),
            ast::DefinitionKind::Alias { ty, .. } | ast::DefinitionKind::Constant { ty, .. } => {
                referenced_in_type(ty, &mut referenced);
            }
            ast::DefinitionKind::Enum { .. } => {}
        }
    }
    // Enums declared inside a field are defined by this same text.
    let local: Vec<&str> = schema
        .definitions
        .iter()
        .map(|local| local.name.text.as_str())
        .collect();
    referenced.retain(|name| !params.contains(&name.as_str()) && !local.contains(&name.as_str()));
    (Some(definition.name.text.clone()), referenced)
}

fn referenced_in(members: &[ast::Member], out: &mut Vec<String>) {
    for member in members {
        match member {
            ast::Member::Field(field) => referenced_in_type(&field.ty, out),
            ast::Member::TypeOnly(ty) => referenced_in_type(ty, out),
            ast::Member::Struct(nested) => referenced_in(&nested.body.members, out),
            ast::Member::Select(select) => {
                for arm in &select.arms {
                    referenced_in(&arm.members, out);
                }
            }
        }
    }
}

fn referenced_in_type(ty: &ast::TypeRef, out: &mut Vec<String>) {
    out.push(ty.name.text.clone());
    for arg in &ty.args {
        referenced_in_type(arg, out);
    }
}

/// Returns whether the line lies under a top-level section titled "Presentation Language".
fn in_presentation_language_section(text: &RfcText, line: usize) -> bool {
    let Some(heading) = text.section_of(line) else {
        return false;
    };
    let top = heading.split('.').next().unwrap_or_default();
    text.sections.iter().any(|&(_, candidate)| {
        let (number, title) = candidate.split_once(' ').unwrap_or((candidate, ""));
        number.trim_end_matches('.') == top && title.trim() == "Presentation Language"
    })
}

/// `4.1.2.  Client Hello` to `4.1.2: Client Hello`.
fn describe_section(heading: &str) -> String {
    let heading = heading.strip_prefix("Appendix ").unwrap_or(heading);
    match heading.split_once(' ') {
        Some((number, title)) => format!("{}: {}", number.trim_end_matches('.'), title.trim()),
        None => heading.to_string(),
    }
}

/// Finds the RFC number in the first page header (`Request for Comments: 8446`).
fn rfc_number(rfc: &str) -> String {
    for line in rfc.lines().take(40) {
        if let Some((_, rest)) = line.split_once("Request for Comments:") {
            let digits: String = rest
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !digits.is_empty() {
                return digits;
            }
        }
    }
    "(unknown)".to_string()
}

fn only_blank(text: &RfcText, from: usize, to: usize) -> bool {
    text.lines[from..to]
        .iter()
        .all(|line| line.text.trim().is_empty())
}

/// Scans the body for definitions, in order.
fn find_definitions(text: &RfcText) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut index = 0;
    while index < text.lines.len() {
        let after_definition = found.last().is_some_and(|last| last.end == index);
        if starts_definition(text, index, after_definition) {
            let (end, balanced) = match definition_end(text, index) {
                Some(end) => (Some(end), true),
                None => (unbalanced_end(text, index), false),
            };
            if let Some(end) = end {
                found.push(Found {
                    start: index,
                    end,
                    balanced,
                });
                index = end;
                continue;
            }
        }
        index += 1;
    }
    found
}

const MODIFIERS: [&str; 5] = [
    "digitally-signed",
    "stream-ciphered",
    "block-ciphered",
    "aead-ciphered",
    "public-key-encrypted",
];

/// Returns whether line `index` can start a definition. `after_definition` is true when
/// the line right before it ends one.
fn starts_definition(text: &RfcText, index: usize, after_definition: bool) -> bool {
    let line = text.lines[index].text;
    if !line.starts_with("   ") {
        return false;
    }
    let trimmed = line.trim();
    let after_modifier = MODIFIERS
        .iter()
        .find_map(|modifier| trimmed.strip_prefix(modifier))
        .map_or(trimmed, str::trim_start);
    let opens = |keyword: &str| {
        after_modifier
            .strip_prefix(keyword)
            .is_some_and(|rest| rest.trim_start().starts_with('{'))
    };
    if opens("struct") || opens("enum") {
        return true;
    }

    // A one-line declaration must begin its paragraph or follow another definition, so
    // the end of a prose sentence such as "the handshake;" is not taken for one. A page
    // break also ends a paragraph, though no blank line is left where it was.
    let starts_paragraph = index == 0
        || after_definition
        || text.lines[index - 1].text.trim().is_empty()
        || text.lines[index - 1].number + 1 != text.lines[index].number;
    starts_paragraph && is_one_line_declaration(trimmed)
}

/// `Type name;`, `Type name[n];`, `Type name<a..b>;` or `Type name = value;`, where the
/// type is a built-in or a capitalized name.
fn is_one_line_declaration(line: &str) -> bool {
    let code = strip_comments(line);
    let code = code.trim();
    let Some(body) = code.strip_suffix(';') else {
        return false;
    };
    let declaration = body.split('=').next().unwrap_or_default().trim();
    let mut words = declaration.split_whitespace();
    let (Some(type_name), Some(name)) = (words.next(), words.next()) else {
        return false;
    };
    let word = |text: &str| {
        text.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-<>".contains(c))
    };
    let name = name.split(['[', '<']).next().unwrap_or_default();
    let builtin = type_name == "opaque" || type_name.starts_with("uint");
    let capitalized = type_name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_uppercase());
    let rest_is_vector = words.all(|rest| rest.starts_with('<') || rest.starts_with('['));
    (builtin || capitalized) && word(type_name) && word(name) && rest_is_vector
}

/// Returns the line after the `;` that ends the definition starting at `start`, or
/// `None` when none comes within a page-sized window or a heading comes first.
fn definition_end(text: &RfcText, start: usize) -> Option<usize> {
    const MAX_LINES: usize = 400;
    let mut depth = 0i64;
    let mut in_comment = false;
    for index in start..text.lines.len().min(start + MAX_LINES) {
        if index > start && text.sections.iter().any(|&(line, _)| line == index) {
            return None;
        }
        let mut ends = false;
        let bytes = text.lines[index].text.as_bytes();
        let mut position = 0;
        while position < bytes.len() {
            let pair = &bytes[position..(position + 2).min(bytes.len())];
            if in_comment {
                if pair == b"*/" {
                    in_comment = false;
                    position += 1;
                }
            } else if pair == b"/*" {
                in_comment = true;
                position += 1;
            } else if pair == b"//" {
                break;
            } else {
                match bytes[position] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    b';' if depth == 0 => ends = true,
                    b if !b.is_ascii_whitespace() => ends = false,
                    _ => {}
                }
            }
            position += 1;
        }
        if depth < 0 {
            return None;
        }
        if ends && depth == 0 && !in_comment {
            return Some(index + 1);
        }
    }
    None
}

/// Returns the line after `} Name;` indented like the `struct {` at `start`, for a
/// definition whose braces do not balance. Returns `None` when a heading or a less
/// indented line comes first.
fn unbalanced_end(text: &RfcText, start: usize) -> Option<usize> {
    let indent_of = |line: &str| line.len() - line.trim_start().len();
    let indent = indent_of(text.lines[start].text);
    for index in start + 1..text.lines.len().min(start + 400) {
        let line = text.lines[index].text;
        if line.trim().is_empty() {
            continue;
        }
        if indent_of(line) < indent || text.sections.iter().any(|&(heading, _)| heading == index) {
            return None;
        }
        let code = strip_comments(line);
        let code = code.trim();
        if indent_of(line) == indent && code.starts_with('}') && code.ends_with(';') {
            return Some(index + 1);
        }
    }
    None
}

/// Removes `/* */` and `//` comments.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else if rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |end| &rest[end..]);
        } else {
            let mut chars = rest.chars();
            out.push(chars.next().expect("not empty"));
            rest = chars.as_str();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC: &str = "\
Request for Comments: 9999

3.  Presentation Language

      struct { uint8 a; } Example;

4.  Protocol

4.1.  Hello

   The hello message follows; it carries the handshake;

      uint16 ProtocolVersion;
      opaque Random[32];

   Prose between blocks.

      struct {
          ProtocolVersion version;   /* { in a comment */
          Random random;
      } Hello;

      struct {
          ...
      } Elided;

Appendix A.  Copy

      uint16 ProtocolVersion;
";

    #[test]
    fn extract_groups_blocks_and_comments_examples() {
        let extraction = extract(RFC, &[]);
        assert_eq!(
            extraction.text,
            "// Extracted from RFC 9999 by `rfcodec extract`: 4 blocks, 3 definitions, 3 \
             commented out.

/* RFC 9999 section 3: Presentation Language */
// example from the presentation language section, not a definition:
// struct { uint8 a; } Example;

/* RFC 9999 section 4.1: Hello */
uint16 ProtocolVersion;
opaque Random[32];

/* RFC 9999 section 4.1: Hello */
struct {
    ProtocolVersion version;   /* { in a comment */
    Random random;
} Hello;

// example with elided text, not a definition:
// struct {
//     ...
// } Elided;

/* RFC 9999 section A: Copy */
// repeats the definition of `ProtocolVersion` printed earlier:
// uint16 ProtocolVersion;
"
        );
        assert_eq!(extraction.blocks, 4);
        assert_eq!(extraction.definitions, 3);
        assert_eq!(extraction.commented, 3);
    }

    #[test]
    fn extract_adds_use_lines() {
        let extraction = extract("", &["rfc5246.tls".to_string()]);
        assert_eq!(
            extraction.text,
            "// Extracted from RFC (unknown) by `rfcodec extract`: 0 blocks, 0 definitions, 0 \
             commented out.\nuse \"rfc5246.tls\";\n"
        );
    }

    #[test]
    fn one_line_declaration_needs_type_and_name() {
        assert!(is_one_line_declaration("opaque ASN.1Cert<1..2^24-1>;"));
        assert!(is_one_line_declaration(
            "uint8 CipherSuite[2];    /* selector */"
        ));
        assert!(is_one_line_declaration(
            "CipherSuite TLS_NULL_WITH_NULL_NULL = { 0x00,0x00 };"
        ));
        assert!(!is_one_line_declaration("the handshake;"));
        assert!(!is_one_line_declaration(
            "The client sends its hello message;"
        ));
        assert!(!is_one_line_declaration("uint16 ProtocolVersion"));
    }
}
