//! Finds the ASN.1 modules (X.680 13.1, `Name { oid } DEFINITIONS ... ::= BEGIN ... END`)
//! printed in an RFC's plain text and returns them with page breaks removed.

use crate::rfc_text::{RfcLine, RfcText};

/// Lines searched above `DEFINITIONS` for the module name; RFC 5280 puts a blank line
/// and a two-line OID between them.
const HEADER_LOOKBACK: usize = 6;

/// Returns every module of the RFC, each dedented, separated by a blank line and ending
/// with a newline. Returns an empty string when the text contains no module.
pub fn extract_modules(text: &str) -> String {
    let rfc = RfcText::parse(text);
    let lines = &rfc.lines;
    let mut modules: Vec<String> = Vec::new();
    let mut index = 0;

    while index < lines.len() {
        if !starts_definitions(lines, index) {
            index += 1;
            continue;
        }
        let Some(start) = header_start(lines, index) else {
            index += 1;
            continue;
        };
        let Some(end) = (index..lines.len()).find(|&i| is_module_end(lines[i].text)) else {
            break;
        };
        modules.push(dedent(&lines[start..=end]));
        index = end + 1;
    }
    modules.join("\n")
}

/// Tells whether line `index` contains `DEFINITIONS` as a word, with `::=` on it or on one
/// of the next two lines.
fn starts_definitions(lines: &[RfcLine<'_>], index: usize) -> bool {
    let has_word = lines[index]
        .text
        .split(|c: char| c.is_whitespace() || c == '{' || c == '}')
        .any(|word| word == "DEFINITIONS");
    has_word
        && lines[index..lines.len().min(index + 3)]
            .iter()
            .any(|line| line.text.contains("::="))
}

/// Finds the line with the module name, at or above the `DEFINITIONS` line.
fn header_start(lines: &[RfcLine<'_>], definitions: usize) -> Option<usize> {
    let floor = definitions.saturating_sub(HEADER_LOOKBACK);
    (floor..=definitions)
        .rev()
        .find(|&i| is_module_name_line(lines[i].text))
}

/// Tells whether a line starts with a type reference followed by `{`, `DEFINITIONS` or
/// nothing, as the first line of a module does.
fn is_module_name_line(text: &str) -> bool {
    let trimmed = text.trim_start();
    let word_end = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(trimmed.len());
    let (word, rest) = trimmed.split_at(word_end);
    let rest = rest.trim_start();
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && word != "DEFINITIONS"
        && (rest.is_empty() || rest.starts_with('{') || rest.starts_with("DEFINITIONS"))
}

/// Tells whether a line is `END` alone or followed by a comment, as the last line of a
/// module is.
fn is_module_end(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed == "END"
        || trimmed
            .strip_prefix("END")
            .is_some_and(|rest| rest.trim_start().starts_with("--"))
}

/// Removes the indentation all non-blank lines share and trailing blanks.
fn dedent(lines: &[RfcLine<'_>]) -> String {
    let indent = lines
        .iter()
        .filter(|line| !line.text.trim().is_empty())
        .map(|line| line.text.len() - line.text.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for line in lines {
        let text = line.text.trim_end();
        out.push_str(text.get(indent..).unwrap_or(""));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_across_page_break_is_joined() {
        let text = "\
5.  Module

   Mod { 1 2 }
   DEFINITIONS ::= BEGIN
   A ::= INTEGER


Author                      Standards Track                    [Page 3]
\u{c}
RFC 9999                      Test                           May 2008


   B ::= NULL
   END

6.  Next
";
        assert_eq!(
            extract_modules(text),
            "Mod { 1 2 }\nDEFINITIONS ::= BEGIN\nA ::= INTEGER\nB ::= NULL\nEND\n"
        );
    }

    #[test]
    fn prose_mentioning_definitions_is_skipped() {
        let text = "   The DEFINITIONS keyword starts a module.\n   Nothing else.\n";
        assert_eq!(extract_modules(text), "");
    }

    #[test]
    fn end_with_comment_closes_module() {
        assert!(is_module_end("END -- of module"));
        assert!(!is_module_end("ENDING"));
    }
}
