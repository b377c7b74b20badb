//! ASN.1 module front end (X.680): grammar, resolver and IR of the modules RFCs print.
//!
//! [`check_files`] parses and resolves a set of files together, so modules may import from
//! each other across files; [`extract_modules`] pulls the modules out of an RFC's text.

pub mod ast;
mod extract;
pub mod ir;
mod ir_display;
mod names;
pub mod parser;
mod resolve;
mod scan;
mod syntax_error;

use std::sync::Arc;

pub use extract::extract_modules;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// Parses every file; syntax errors of all files are reported together.
pub fn parse_files(files: &[Arc<SourceFile>]) -> Result<Vec<ast::Module>, Vec<Diagnostic>> {
    let mut modules = Vec::new();
    let mut diagnostics = Vec::new();
    for file in files {
        match parser::parse_file(file) {
            Ok(parsed) => modules.extend(parsed),
            Err(found) => diagnostics.extend(found),
        }
    }
    if diagnostics.is_empty() {
        Ok(modules)
    } else {
        Err(diagnostics)
    }
}

/// Parses and resolves the files as one set, so modules may import from each other across
/// files. Syntax errors stop the run before resolution; resolution reports every problem.
pub fn check_files(files: &[Arc<SourceFile>]) -> Result<ir::Ir, Vec<Diagnostic>> {
    let modules = parse_files(files)?;
    resolve::resolve(&modules)
}
