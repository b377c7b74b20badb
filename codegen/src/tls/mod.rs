//! TLS presentation language front end (RFC 8446 section 3, RFC 5246 section 4): pest
//! grammar, resolver and the IR that code generation reads.
//!
//! [`compile`] reads a root schema file and every file it reaches through `use`, parses
//! each one, resolves names, widths, selectors and length links, and returns either the
//! [`ir::Schema`] or every problem found, each as a [`Diagnostic`].

pub mod ast;
pub mod extract;
pub mod ir;
pub mod loader;
pub mod parser;
mod resolve;
pub(crate) mod scope;
pub mod sizes;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

pub use loader::{FsLoader, Loader, MemoryLoader, join_use_path};

/// Parses and resolves `root` and the files it uses, reading them through `loader`.
pub fn compile(
    root: Arc<SourceFile>,
    loader: &mut dyn Loader,
) -> Result<ir::Schema, Vec<Diagnostic>> {
    resolve::compile(root, loader)
}

/// Compiles schema text that uses no other file, as the `tls!` macro and tests do.
pub fn compile_text(name: &str, text: &str) -> Result<ir::Schema, Vec<Diagnostic>> {
    compile(SourceFile::new(name, text), &mut MemoryLoader::new())
}
