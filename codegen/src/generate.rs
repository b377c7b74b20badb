//! The one path from schema files to formatted Rust that every entry point takes: the
//! build-script `Builder`, `rfcodec generate` and the `include_schema!` macro.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::emit::tls::{TlsOptions, emit_schema};
use crate::source::{SourceFile, Span};
use crate::tls::{FsLoader, compile};

/// One schema file's generated module.
#[derive(Debug, Clone)]
pub struct GeneratedModule {
    /// The module name, from the file name (`rfc6962`).
    pub module: String,
    /// The schema file whose types the module contains.
    pub file: String,
    /// Every schema file the module was generated from, for rebuild tracking.
    pub sources: Vec<String>,
    pub items: TokenStream,
}

/// A generated module formatted as a source file.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    pub module: String,
    pub sources: Vec<String>,
    pub code: String,
}

/// The notation of a schema file, told by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    Tls,
    Asn1,
    /// A binding file, `.bind`, linking fields to types of other schemas.
    Bind,
}

impl Notation {
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "tls" => Some(Self::Tls),
            "asn" | "asn1" => Some(Self::Asn1),
            "bind" => Some(Self::Bind),
            _ => None,
        }
    }
}

/// Generates one module per schema file reached from `paths`, each file once.
pub fn generate_modules(
    paths: &[PathBuf],
    tls: &TlsOptions,
) -> Result<Vec<GeneratedModule>, Vec<Diagnostic>> {
    let mut modules: Vec<GeneratedModule> = Vec::new();
    let mut diagnostics = Vec::new();
    let mut emitted = BTreeSet::new();
    let mut asn1_files: Vec<Arc<SourceFile>> = Vec::new();
    let mut bind_files: Vec<Arc<SourceFile>> = Vec::new();
    for path in paths {
        // `./a.tls` and `a.tls` are one file, as a `use` of it would name it.
        let name = crate::tls::loader::normalize(path);
        let Some(notation) = Notation::of(path) else {
            diagnostics.push(file_error(
                &name,
                "unknown schema notation",
                "name TLS presentation language files `.tls` and ASN.1 modules `.asn`",
            ));
            continue;
        };
        let text = match crate::source::read_text_file(path, crate::source::MAX_SCHEMA_BYTES) {
            Ok(text) => text,
            Err(error) => {
                diagnostics.push(file_error(
                    &name,
                    &format!("cannot read schema file: {error}"),
                    "check the path; relative paths start at the current directory, which \
                     is the package root in build scripts and macros",
                ));
                continue;
            }
        };
        match notation {
            Notation::Tls => {
                let schema = match compile(SourceFile::new(name.clone(), text), &mut FsLoader) {
                    Ok(schema) => schema,
                    Err(found) => {
                        diagnostics.extend(found);
                        continue;
                    }
                };
                match emit_schema(&schema, tls) {
                    Ok(codes) => {
                        let sources: Vec<String> =
                            schema.files.iter().map(|file| file.name.clone()).collect();
                        for code in codes {
                            if emitted.insert(code.file.clone()) {
                                modules.push(GeneratedModule {
                                    module: code.name,
                                    file: code.file.clone(),
                                    sources: sources.clone(),
                                    items: code.items,
                                });
                            }
                        }
                    }
                    Err(found) => diagnostics.extend(found),
                }
            }
            Notation::Asn1 => asn1_files.push(SourceFile::new(name, text)),
            Notation::Bind => bind_files.push(SourceFile::new(name, text)),
        }
    }
    if !asn1_files.is_empty() {
        // ASN.1 modules import from each other, so the files resolve as one set.
        let resolved = crate::asn1::check_files(&asn1_files)
            .and_then(|ir| crate::emit::der::emit_modules(&ir, &asn1_files));
        match resolved {
            Ok(codes) => {
                let sources: Vec<String> =
                    asn1_files.iter().map(|file| file.name.clone()).collect();
                for code in codes {
                    if emitted.insert(code.file.clone()) {
                        modules.push(GeneratedModule {
                            module: code.name,
                            file: code.file.clone(),
                            sources: sources.clone(),
                            items: code.items,
                        });
                    }
                }
            }
            Err(found) => diagnostics.extend(found),
        }
    }
    for file in &bind_files {
        match crate::bind::parse(file) {
            Ok(bindings) => {
                if let Err(found) = crate::emit::bind::emit_accessors(&bindings, &mut modules) {
                    diagnostics.extend(found);
                }
            }
            Err(found) => diagnostics.extend(found),
        }
    }
    if diagnostics.is_empty() {
        check_module_names(&modules)?;
        Ok(modules)
    } else {
        Err(crate::diagnostic::dedup(diagnostics))
    }
}

/// Fails when two schema files would become Rust modules of the same name.
fn check_module_names(modules: &[GeneratedModule]) -> Result<(), Vec<Diagnostic>> {
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    let mut diagnostics = Vec::new();
    for module in modules {
        let file = module.file.as_str();
        if let Some(other) = seen.insert(&module.module, file) {
            diagnostics.push(file_error(
                file,
                &format!(
                    "this file and `{other}` would both become the Rust module `{}`",
                    module.module
                ),
                "rename one of the files; module names come from file names",
            ));
        }
    }
    if diagnostics.is_empty() {
        Ok(())
    } else {
        Err(diagnostics)
    }
}

/// Generates and formats one file per module, each with an `@generated` header.
pub fn generate_files(
    paths: &[PathBuf],
    tls: &TlsOptions,
) -> Result<Vec<GeneratedFile>, Vec<Diagnostic>> {
    let modules = generate_modules(paths, tls)?;
    let mut files = Vec::new();
    for module in modules {
        let items = &module.items;
        let code = match crate::emit::format_file(quote! { #items }) {
            Ok(code) => code,
            Err(error) => {
                return Err(vec![file_error(
                    &module.module,
                    &format!("generated code does not parse: {error}"),
                    "this is a bug in rfcodec; please report it with the schema",
                )]);
            }
        };
        let header = format!(
            "// @generated by rfcodec from {}. Do not edit.\n\n",
            module.sources.join(", ")
        );
        files.push(GeneratedFile {
            module: module.module,
            sources: module.sources,
            code: header + &code,
        });
    }
    Ok(files)
}

/// Generates the items of schema text given inline, as the `tls!` and `asn1!` macros do:
/// no module around them, and no `use` of other files. `name` is the file name that
/// diagnostics show.
pub fn generate_text(
    notation: Notation,
    name: &str,
    text: &str,
    tls: &TlsOptions,
) -> Result<TokenStream, Vec<Diagnostic>> {
    match notation {
        Notation::Tls => {
            let schema = crate::tls::compile_text(name, text)?;
            let modules = emit_schema(&schema, tls)?;
            Ok(modules.into_iter().map(|module| module.items).collect())
        }
        Notation::Asn1 => {
            let files = [SourceFile::new(name, text)];
            let ir = crate::asn1::check_files(&files)?;
            let modules = crate::emit::der::emit_modules(&ir, &files)?;
            Ok(modules.into_iter().map(|module| module.items).collect())
        }
        Notation::Bind => Err(vec![file_error(
            name,
            "a binding file has no types of its own to expand inline",
            "give the binding file to include_schema! or the Builder with its schemas",
        )]),
    }
}

fn file_error(name: &str, message: &str, help: &str) -> Diagnostic {
    Diagnostic::error(&SourceFile::new(name, ""), Span::default(), message).with_help(help)
}
