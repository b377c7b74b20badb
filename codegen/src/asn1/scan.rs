//! A token scan run before the grammar. It finds unterminated `/* */` comments, nesting
//! too deep for a recursive parser, and the X.681/X.683 notation this front end does not
//! read (information object classes, parameterized assignments). Each gets a clear
//! diagnostic instead of a bare syntax error or a stack overflow.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Span};

/// Deepest nesting of brackets, `OF` and tag prefixes accepted. Modules in RFCs nest less
/// than 10 deep; the limit keeps the recursive parser and resolver far from the stack end.
pub const MAX_NESTING: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
enum TokenKind {
    Word,
    Punct,
    Text,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    kind: TokenKind,
    text: &'a str,
    span: Span,
}

/// Returns the diagnostics of the scan; an empty list means the grammar may run.
pub fn scan(file: &Arc<SourceFile>) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let tokens = match tokenize(file) {
        Ok(tokens) => tokens,
        Err(diagnostic) => return vec![diagnostic],
    };

    if let Some(diagnostic) = check_nesting(file, &tokens) {
        return vec![diagnostic];
    }
    find_unsupported(file, &tokens, &mut diagnostics);
    diagnostics
}

/// Splits the text into words, punctuation and quoted strings, skipping comments.
fn tokenize(file: &Arc<SourceFile>) -> Result<Vec<Token<'_>>, Diagnostic> {
    let text = file.text.as_str();
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut index = 0;

    while index < bytes.len() {
        let byte = bytes[index];
        if byte.is_ascii_whitespace() || byte == 0x0c {
            index += 1;
        } else if text[index..].starts_with("--") {
            index = skip_line_comment(text, index + 2);
        } else if text[index..].starts_with("/*") {
            index = skip_block_comment(file, index)?;
        } else if byte == b'"' || byte == b'\'' {
            let end = skip_quoted(text, index);
            tokens.push(token(TokenKind::Text, text, index, end));
            index = end;
        } else if byte.is_ascii_alphanumeric() {
            let mut end = index + 1;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric()
                    || bytes[end] == b'-'
                        && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
            {
                end += 1;
            }
            tokens.push(token(TokenKind::Word, text, index, end));
            index = end;
        } else {
            let width = if text[index..].starts_with("::=") {
                3
            } else {
                text[index..].chars().next().map_or(1, char::len_utf8)
            };
            tokens.push(token(TokenKind::Punct, text, index, index + width));
            index += width;
        }
    }
    Ok(tokens)
}

fn token(kind: TokenKind, text: &str, start: usize, end: usize) -> Token<'_> {
    Token {
        kind,
        text: &text[start..end],
        span: Span::new(start, end),
    }
}

/// Skips a `--` comment body: it ends at the next `--` or at the end of the line.
fn skip_line_comment(text: &str, mut index: usize) -> usize {
    let bytes = text.as_bytes();
    while index < bytes.len() && bytes[index] != b'\n' {
        if bytes[index..].starts_with(b"--") {
            return index + 2;
        }
        index += 1;
    }
    index
}

/// Skips a nested `/* */` comment, or reports the opener that is never closed.
fn skip_block_comment(file: &Arc<SourceFile>, start: usize) -> Result<usize, Diagnostic> {
    let text = file.text.as_str();
    let mut openers = vec![start];
    let mut index = start + 2;
    while let Some(&innermost) = openers.last() {
        if index >= text.len() {
            return Err(Diagnostic::error(
                file,
                Span::new(innermost, innermost + 2),
                "unterminated comment",
            )
            .with_help("close the comment with `*/`; `/* */` comments nest, so every `/*` needs its own `*/`"));
        }
        if text[index..].starts_with("/*") {
            openers.push(index);
            if openers.len() > MAX_NESTING {
                return Err(nesting_diagnostic(file, Span::new(index, index + 2)));
            }
            index += 2;
        } else if text[index..].starts_with("*/") {
            openers.pop();
            index += 2;
        } else {
            index += text[index..].chars().next().map_or(1, char::len_utf8);
        }
    }
    Ok(index)
}

/// Skips a `"..."` or `'...'` string; an unterminated one runs to the end for the grammar
/// to report.
fn skip_quoted(text: &str, start: usize) -> usize {
    let quote = text.as_bytes()[start];
    let bytes = text.as_bytes();
    let mut index = start + 1;
    while index < bytes.len() {
        if bytes[index] == quote {
            if quote == b'"' && bytes.get(index + 1) == Some(&b'"') {
                index += 2;
                continue;
            }
            return index + 1;
        }
        index += 1;
    }
    bytes.len()
}

/// Measures nesting as open brackets plus the `OF` and tag prefixes that wrap a type
/// without brackets (`SEQUENCE OF SEQUENCE OF ...`, `[0] [1] ...`).
fn check_nesting(file: &Arc<SourceFile>, tokens: &[Token<'_>]) -> Option<Diagnostic> {
    let mut saved_chains: Vec<usize> = Vec::new();
    let mut chain = 0;
    let mut depth_of_saved = 0;

    for token in tokens {
        match (token.kind == TokenKind::Punct, token.text) {
            (true, "{" | "(" | "[") => {
                depth_of_saved += chain + 1;
                saved_chains.push(chain);
                chain = 0;
            }
            (true, "}" | ")" | "]") => {
                chain = saved_chains.pop().unwrap_or(0);
                depth_of_saved = depth_of_saved.saturating_sub(chain + 1);
                if token.text == "]" {
                    chain += 1;
                }
            }
            (true, "," | "::=") => chain = 0,
            (false, "OF") => chain += 1,
            _ => {}
        }
        if depth_of_saved + chain > MAX_NESTING {
            return Some(nesting_diagnostic(file, token.span));
        }
    }
    None
}

fn nesting_diagnostic(file: &Arc<SourceFile>, span: Span) -> Diagnostic {
    Diagnostic::error(
        file,
        span,
        format!("nesting deeper than {MAX_NESTING} levels"),
    )
    .with_help("give inner types names of their own and refer to them by name")
}

/// Reports the first use of each construct of X.681 and X.683 in the file.
fn find_unsupported(file: &Arc<SourceFile>, tokens: &[Token<'_>], out: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    let mut report = |construct: &'static str, span: Span, out: &mut Vec<Diagnostic>| {
        if !seen.contains(&construct) {
            seen.push(construct);
            out.push(
                Diagnostic::error(file, span, format!("{construct} are not supported")).with_help(
                    "this front end reads X.680 types as 1988-style RFC modules write them; \
                         use ANY DEFINED BY in place of class fields and parameters",
                ),
            );
        }
    };

    for (index, token) in tokens.iter().enumerate() {
        let next = tokens.get(index + 1).map(|next| next.text);
        match (&token.kind, token.text) {
            (TokenKind::Punct, "&") => report("information object class fields", token.span, out),
            (TokenKind::Punct, "@") => report("component relation constraints", token.span, out),
            (TokenKind::Word, "CLASS" | "TYPE-IDENTIFIER" | "ABSTRACT-SYNTAX") => {
                report("information object classes", token.span, out);
            }
            (TokenKind::Word, "CONSTRAINED") if next == Some("BY") => {
                report("user-defined constraints (CONSTRAINED BY)", token.span, out);
            }
            (TokenKind::Word, _) if next == Some("{") && is_parameter_list(tokens, index + 1) => {
                report("parameterized assignments", token.span, out);
            }
            _ => {}
        }
    }
}

/// Tells whether the braces opening at `open` close right before `::=`, as a parameter
/// list does (`Name{Param} ::= ...`).
fn is_parameter_list(tokens: &[Token<'_>], open: usize) -> bool {
    let mut depth = 0usize;
    for (index, token) in tokens.iter().enumerate().skip(open) {
        match token.text {
            "{" => depth += 1,
            "}" => {
                depth -= 1;
                if depth == 0 {
                    return tokens.get(index + 1).is_some_and(|next| next.text == "::=");
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        let file = SourceFile::new("t.asn", text);
        scan(&file).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn comments_hide_brackets_and_ampersands() {
        assert!(messages("-- & { { -- X /* & /* { */ */ ::= 'A'H \"&\"").is_empty());
    }

    #[test]
    fn line_comment_ends_at_double_hyphen() {
        assert_eq!(
            messages("-- note -- &"),
            ["information object class fields are not supported"]
        );
    }

    #[test]
    fn unterminated_nested_comment_points_at_inner_opener() {
        let file = SourceFile::new("t.asn", "/* a /* b */");
        let diagnostics = scan(&file);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].span, Span::new(0, 2));
    }

    #[test]
    fn of_chains_count_as_nesting() {
        let text = format!("A ::= {}INTEGER", "SEQUENCE OF ".repeat(MAX_NESTING + 1));
        assert_eq!(messages(&text), ["nesting deeper than 64 levels"]);
    }

    #[test]
    fn sibling_components_do_not_add_up() {
        let body = "a SEQUENCE OF INTEGER, ".repeat(200);
        assert!(messages(&format!("A ::= SEQUENCE {{ {body} b NULL }}")).is_empty());
    }

    #[test]
    fn parameter_list_before_assignment_is_reported() {
        assert_eq!(
            messages("Foo{Type} ::= SEQUENCE { a Type } M { 1 } DEFINITIONS ::= BEGIN END"),
            ["parameterized assignments are not supported"]
        );
    }
}
