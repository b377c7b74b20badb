//! Plain-text RFCs as printed (RFC 7322 layout): page footers, form feeds and running
//! headers removed, each remaining line kept with its line number and enclosing section.

/// One line of an RFC's body after pagination is removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RfcLine<'a> {
    /// 1-based line number in the original text, for messages that point back into it.
    pub number: usize,
    pub text: &'a str,
}

/// The body of a plain-text RFC with its page furniture removed.
#[derive(Debug, Clone)]
pub struct RfcText<'a> {
    pub lines: Vec<RfcLine<'a>>,
    /// Section headings in order, each with the index into `lines` where it starts.
    pub sections: Vec<(usize, &'a str)>,
}

impl<'a> RfcText<'a> {
    /// Removes every page break: the blank padding before a footer (`... [Page N]`), the
    /// footer, the form feed, the running header and the blank lines after it.
    pub fn parse(text: &'a str) -> Self {
        let raw: Vec<&str> = text.lines().collect();
        let mut lines: Vec<RfcLine<'a>> = Vec::with_capacity(raw.len());
        let mut index = 0;
        while index < raw.len() {
            let line = raw[index].trim_end_matches('\r');
            if is_page_footer(line) {
                while lines.last().is_some_and(|kept| kept.text.trim().is_empty()) {
                    lines.pop();
                }
                index = skip_page_top(&raw, index + 1);
                continue;
            }
            if starts_with_form_feed(line) {
                index = skip_page_top(&raw, index);
                continue;
            }
            lines.push(RfcLine {
                number: index + 1,
                text: line,
            });
            index += 1;
        }

        let sections = lines
            .iter()
            .enumerate()
            .filter(|(_, line)| is_section_heading(line.text))
            .map(|(index, line)| (index, line.text.trim_end()))
            .collect();
        Self { lines, sections }
    }

    /// Returns the heading of the section that contains line `index` of `lines`.
    pub fn section_of(&self, index: usize) -> Option<&'a str> {
        let position = self.sections.partition_point(|&(start, _)| start <= index);
        position.checked_sub(1).map(|found| self.sections[found].1)
    }
}

/// Skips a form feed, the running header after it and the blank lines that follow.
fn skip_page_top(raw: &[&str], mut index: usize) -> usize {
    if raw
        .get(index)
        .is_some_and(|line| starts_with_form_feed(line))
    {
        let rest = raw[index].trim_start_matches([' ', '\t', '\u{c}']);
        index += 1;
        if rest.trim().is_empty() && raw.get(index).is_some_and(|line| is_page_header(line)) {
            index += 1;
        } else if is_page_header(rest) {
            // Some texts put the header on the form feed's own line.
        }
    }
    while raw.get(index).is_some_and(|line| line.trim().is_empty()) {
        index += 1;
    }
    index
}

/// Tells whether a line starts with a form feed after blanks. `str::trim_start` would
/// remove the form feed itself, because Unicode counts it as white space.
fn starts_with_form_feed(line: &str) -> bool {
    line.trim_start_matches([' ', '\t']).starts_with('\u{c}')
}

/// A footer ends with `[Page N]` and contains author and status text before it.
fn is_page_footer(line: &str) -> bool {
    let trimmed = line.trim_end();
    let Some(open) = trimmed.rfind("[Page ") else {
        return false;
    };
    trimmed.ends_with(']')
        && trimmed[open + 6..trimmed.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit())
        && open > 0
}

/// A running header starts with `RFC NNNN` or `Internet-Draft` and is padded with spaces.
fn is_page_header(line: &str) -> bool {
    let line = line.trim_end();
    (line.starts_with("RFC ") || line.starts_with("Internet-Draft")) && line.contains("   ")
}

/// A heading starts in column 0 with a section number (`4.`, `7.4.1.`, `A.1.`,
/// `Appendix A.`) followed by its title.
fn is_section_heading(line: &str) -> bool {
    let line = line.trim_end();
    let rest = line.strip_prefix("Appendix ").unwrap_or(line);
    let Some((number, title)) = rest.split_once(' ') else {
        return false;
    };
    if title.trim().is_empty()
        || !number.ends_with('.') && !number.chars().all(|c| c.is_ascii_digit())
    {
        return false;
    }
    let mut parts = number.trim_end_matches('.').split('.');
    let first = parts.next().unwrap_or_default();
    let first_ok = first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty()
        || first.len() == 1 && first.chars().all(|c| c.is_ascii_uppercase());
    first_ok && parts.all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE_BREAK: &str = "\
4.3.  Vectors

   struct {
       uint8 a;


Dierks & Rescorla           Standards Track                    [Page 10]
\u{c}
RFC 5246                          TLS                        August 2008


       uint8 b;
   } T;
";

    #[test]
    fn parse_removes_page_furniture() {
        let rfc = RfcText::parse(PAGE_BREAK);
        let texts: Vec<&str> = rfc.lines.iter().map(|line| line.text).collect();
        assert_eq!(
            texts,
            [
                "4.3.  Vectors",
                "",
                "   struct {",
                "       uint8 a;",
                "       uint8 b;",
                "   } T;"
            ]
        );
        assert_eq!(rfc.lines[4].number, 12);
    }

    #[test]
    fn section_of_finds_enclosing_heading() {
        let rfc = RfcText::parse(PAGE_BREAK);
        assert_eq!(rfc.section_of(3), Some("4.3.  Vectors"));
    }

    #[test]
    fn headings_need_a_number_and_a_title() {
        assert!(is_section_heading("7.4.1.2.  Client Hello"));
        assert!(is_section_heading("A.1.  Record Layer"));
        assert!(is_section_heading("Appendix B.  Protocol Data Structures"));
        assert!(is_section_heading("10  Security Considerations"));
        assert!(!is_section_heading("   struct {"));
        assert!(!is_section_heading("Dierks & Rescorla"));
        assert!(!is_section_heading("7."));
    }
}
