//! Schema diagnostics: `FILE:LINE:COL: error: ...`, the source line, a caret under the
//! fault and a line saying what to do.

use std::fmt;
use std::sync::Arc;

use crate::source::{SourceFile, Span};

/// One problem found in a schema, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> Self {
        Self {
            file: Arc::clone(file),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Returns the 1-based line and column where the fault starts.
    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.span.start)
    }
}

/// Renders like a compiler: location line, the source line with a caret run, then help.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_col();
        writeln!(
            f,
            "{}:{line}:{column}: error: {}",
            self.file.name, self.message
        )?;

        let text = self.file.line(line);
        let (end_line, end_column) = self.file.line_col(self.span.end.max(self.span.start));
        let width = if end_line == line && end_column > column {
            end_column - column
        } else {
            1
        };
        let gutter = " ".repeat(line.to_string().len());
        writeln!(f, "{gutter} |")?;
        writeln!(f, "{line} | {text}")?;
        write!(
            f,
            "{gutter} | {}{}",
            " ".repeat(column - 1),
            "^".repeat(width)
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n{gutter} = help: {help}")?;
        }
        Ok(())
    }
}

/// Drops repeats of the same problem, as when one file is reached from several roots,
/// keeping the first of each.
pub fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = std::collections::HashSet::new();
    diagnostics
        .into_iter()
        .filter(|diagnostic| {
            seen.insert((
                diagnostic.file.name.clone(),
                diagnostic.span,
                diagnostic.message.clone(),
            ))
        })
        .collect()
}

/// Renders every diagnostic, separated by blank lines, in the order given.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    let rendered: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    rendered.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_caret_and_help() {
        let file = SourceFile::new("ct.tls", "struct {\n    Foo bar;\n} X;\n");
        let diagnostic = Diagnostic::error(&file, Span::new(13, 16), "unknown type `Foo`")
            .with_help("define `Foo` or `use` the file that defines it");
        assert_eq!(
            diagnostic.to_string(),
            "ct.tls:2:5: error: unknown type `Foo`\n  |\n2 |     Foo bar;\n  |     ^^^\n  \
             = help: define `Foo` or `use` the file that defines it"
        );
    }
}
