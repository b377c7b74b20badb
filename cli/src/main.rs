//! The `rfcodec` command: `check` parses and resolves schema files, `extract` pulls the
//! definitions out of a plain-text RFC, `generate` prints the Rust code of schemas, and
//! `inspect` prints the decoded layers of a certificate or of any schema type.

mod inspect;
mod sct_signatures;

mod generated;
mod verify;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};
use rfcodec_codegen::diagnostic::dedup;
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::emit::tls::TlsOptions;
use rfcodec_codegen::generate::generate_files;
use rfcodec_codegen::source::{MAX_RFC_BYTES, MAX_SCHEMA_BYTES, read_text, read_text_file};
use rfcodec_codegen::{SourceFile, asn1, tls};

#[derive(Parser)]
#[command(
    name = "rfcodec",
    version,
    about = "Codecs from the data definitions printed in RFCs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and resolve schema files; print every problem found to standard error.
    Check {
        /// Schema files: `.tls` (TLS presentation language) or `.asn` / `.asn1` (ASN.1
        /// modules, resolved together so they may import each other); `-` reads one
        /// schema from standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the definitions of a plain-text RFC as a schema, page breaks removed.
    Extract {
        /// The RFC as published in plain text (`rfc8446.txt`); `-` reads standard input.
        rfc: PathBuf,
        /// Which definitions to take; by default ASN.1 modules when the RFC has any, else
        /// TLS presentation-language blocks.
        #[arg(long, value_enum)]
        notation: Option<NotationArg>,
        /// Add `use "FILE";` at the top of a TLS extraction, for RFCs that rely on
        /// another RFC's types.
        #[arg(long = "use", value_name = "FILE")]
        uses: Vec<String>,
    },
    /// Print the Rust code generated from schema files, one module per file.
    Generate {
        /// Schema files; a `.tls` file brings the files it `use`s with it.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the code to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Keep unknown values of this TLS enum instead of rejecting them; repeatable.
        #[arg(long = "open-enum", value_name = "NAME")]
        open_enums: Vec<String>,
    },
    /// Decode a certificate, or bytes of any schema type, and print every layer: offsets,
    /// tags or length prefixes, lengths, field names and values.
    Inspect(inspect::InspectArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NotationArg {
    Tls,
    Asn1,
}

/// Schema notations, chosen by file extension or, for standard input, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notation {
    /// TLS presentation language, `.tls`.
    Tls,
    /// ASN.1 module notation, `.asn` or `.asn1`.
    Asn1,
}

impl Notation {
    fn of(path: &Path, text: &str) -> Option<Self> {
        if path == Path::new("-") {
            return Some(if text.contains("DEFINITIONS") {
                Notation::Asn1
            } else {
                Notation::Tls
            });
        }
        match path.extension().and_then(|extension| extension.to_str()) {
            Some("tls") => Some(Notation::Tls),
            Some("asn" | "asn1") => Some(Notation::Asn1),
            _ => None,
        }
    }
}

/// Exit status for unreadable files and unknown notations, as opposed to schema errors.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files } => check(&files),
        Command::Extract {
            rfc,
            notation,
            uses,
        } => extract(&rfc, notation, &uses),
        Command::Generate {
            files,
            output,
            open_enums,
        } => generate(&files, output.as_deref(), open_enums),
        Command::Inspect(args) => match sct_signatures::annotator(&args) {
            Ok(Some(annotate)) => inspect::run(&args, &[&annotate]),
            Ok(None) => inspect::run(&args, &[]),
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(USAGE_ERROR)
            }
        },
    }
}

/// Checks every file; exit status 1 if any has a problem.
fn check(paths: &[PathBuf]) -> ExitCode {
    let mut status = 0u8;
    let mut tls_files = Vec::new();
    let mut asn1_files = Vec::new();
    for path in paths {
        // The extension decides before anything is read; standard input is sniffed.
        if path != Path::new("-") && Notation::of(path, "").is_none() {
            eprintln!(
                "{}: error: unknown schema notation\n  = help: name TLS presentation \
                 language files `*.tls` and ASN.1 modules `*.asn`",
                path.display()
            );
            status = status.max(USAGE_ERROR);
            continue;
        }
        let Ok(file) = read_source(path, MAX_SCHEMA_BYTES) else {
            status = status.max(USAGE_ERROR);
            continue;
        };
        match Notation::of(path, &file.text) {
            Some(Notation::Asn1) => asn1_files.push(file),
            _ => tls_files.push(file),
        }
    }

    // `check` validates the notation; constructs that have no Rust form are reported by
    // `generate`, so that any RFC's definitions can be checked.
    let mut diagnostics = Vec::new();
    for file in tls_files {
        if let Err(found) = tls::compile(Arc::clone(&file), &mut tls::FsLoader) {
            diagnostics.extend(found);
        }
    }
    if !asn1_files.is_empty() {
        if let Err(found) = asn1::check_files(&asn1_files) {
            diagnostics.extend(found);
        }
    }
    let diagnostics = dedup(diagnostics);
    if !diagnostics.is_empty() {
        eprintln!("{}", render_all(&diagnostics));
        status = status.max(1);
    }
    ExitCode::from(status)
}

fn extract(path: &Path, notation: Option<NotationArg>, uses: &[String]) -> ExitCode {
    let file = match read_source(path, MAX_RFC_BYTES) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let modules = asn1::extract_modules(&file.text);
    let notation = notation.unwrap_or(if modules.is_empty() {
        NotationArg::Tls
    } else {
        NotationArg::Asn1
    });
    match notation {
        NotationArg::Asn1 if modules.is_empty() => {
            eprintln!("error: {}: no ASN.1 module found", path.display());
            ExitCode::FAILURE
        }
        NotationArg::Asn1 => write_stdout(&modules),
        NotationArg::Tls => {
            let extraction = tls::extract::extract(&file.text, uses);
            write_stdout(&extraction.text)
        }
    }
}

fn generate(paths: &[PathBuf], output: Option<&Path>, open_enums: Vec<String>) -> ExitCode {
    if let Some(output) = output {
        let target = output.canonicalize().ok();
        if target.is_some() && paths.iter().any(|path| path.canonicalize().ok() == target) {
            eprintln!(
                "error: {}: the output file is one of the schema files; choose another",
                output.display()
            );
            return ExitCode::from(USAGE_ERROR);
        }
    }
    let options = TlsOptions {
        open_enums: open_enums.into_iter().collect(),
    };
    let files = match generate_files(paths, &options) {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{}", render_all(&diagnostics));
            return ExitCode::FAILURE;
        }
    };
    let mut code = String::new();
    for file in files {
        code.push_str(&format!("pub mod {} {{\n", file.module));
        for line in file.code.lines() {
            if line.is_empty() {
                code.push('\n');
            } else {
                code.push_str("    ");
                code.push_str(line);
                code.push('\n');
            }
        }
        code.push_str("}\n\n");
    }
    match output {
        None => write_stdout(&code),
        Some(path) => match std::fs::write(path, code) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot write {}: {error}", path.display());
                ExitCode::from(USAGE_ERROR)
            }
        },
    }
}

/// Writes `text` to standard output; a reader that closed the pipe early (`| head`) is
/// not an error.
fn write_stdout(text: &str) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write to standard output: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Reads a file of at most `limit` bytes, or standard input for `-`. A read error is
/// printed and gives exit status 2.
fn read_source(path: &Path, limit: usize) -> Result<Arc<SourceFile>, ExitCode> {
    let text = if path == Path::new("-") {
        read_text(std::io::stdin().lock(), limit)
    } else {
        read_text_file(path, limit)
    };
    match text {
        Ok(text) => Ok(SourceFile::new(path.display().to_string(), text)),
        Err(error) => {
            eprintln!("{}: error: cannot read file: {error}", path.display());
            Err(ExitCode::from(USAGE_ERROR))
        }
    }
}
