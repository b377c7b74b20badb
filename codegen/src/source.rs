//! Schema source files and byte spans into them, with line and column lookup.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// Largest schema file read, 256 KiB: more than ten times RFC 8446's whole schema. The
/// TLS parser rejects longer text too. Reading stops here, so a device or an endless
/// stream named as a schema costs no more memory than that.
pub const MAX_SCHEMA_BYTES: usize = 256 * 1024;

/// Largest plain-text RFC read by `extract`, 8 MiB; the longest RFCs are under 1 MiB.
pub const MAX_RFC_BYTES: usize = 8 * 1024 * 1024;

/// Reads UTF-8 text of at most `limit` bytes, failing without reading further when there
/// is more, and naming the byte offset of invalid UTF-8.
pub fn read_text(reader: impl Read, limit: usize) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("file is larger than the {limit} bytes accepted"),
        ));
    }
    String::from_utf8(bytes).map_err(|error| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("invalid UTF-8 at byte {}", error.utf8_error().valid_up_to()),
        )
    })
}

/// Reads a text file with [`read_text`].
pub fn read_text_file(path: &Path, limit: usize) -> std::io::Result<String> {
    read_text(std::fs::File::open(path)?, limit)
}

/// A schema file as read: its display name (a path, or `-` for standard input) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Arc::new(Self {
            name: name.into(),
            text,
            line_starts,
        })
    }

    /// Returns the 1-based line and column of a byte offset; columns count characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, column + 1)
    }

    /// Returns the text of a 1-based line without its line terminator.
    pub fn line(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

impl From<pest::Span<'_>> for Span {
    fn from(span: pest::Span<'_>) -> Self {
        Self::new(span.start(), span.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        let file = SourceFile::new("x.tls", "ab\ncdé f\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(7), (2, 4));
        assert_eq!(file.line_col(8), (2, 5));
        assert_eq!(file.line(2), "cdé f");
    }

    #[test]
    fn read_text_stops_at_the_limit() {
        let endless = std::io::repeat(b'a');
        let error = read_text(endless, 16).unwrap_err();
        assert_eq!(
            error.to_string(),
            "file is larger than the 16 bytes accepted"
        );
        assert_eq!(
            read_text(&b"0123456789abcdef"[..], 16).unwrap(),
            "0123456789abcdef"
        );
    }

    #[test]
    fn read_text_names_invalid_utf8_offset() {
        let error = read_text(&b"ab\xffcd"[..], 16).unwrap_err();
        assert_eq!(error.to_string(), "invalid UTF-8 at byte 2");
    }

    #[test]
    fn line_col_clamps_past_the_end() {
        let file = SourceFile::new("x.tls", "ab");
        assert_eq!(file.line_col(10), (1, 3));
    }
}
