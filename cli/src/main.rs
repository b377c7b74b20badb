//! The `rfcodec` command: check and extract schemas.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::{SourceFile, asn1};

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
    /// Parse and resolve schema files together; `-` reads standard input.
    Check {
        /// Schema files (`.asn`, `.asn1`), resolved as one set so they may import each other
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the schema blocks of an RFC's plain text, page breaks removed.
    Extract {
        /// The RFC in plain text; `-` reads standard input
        rfc: PathBuf,
    },
}

/// The notation of a schema file.
enum Notation {
    Asn1,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files } => check(&files),
        Command::Extract { rfc } => extract(&rfc),
    }
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let mut asn1_files = Vec::new();
    for path in paths {
        let file = match read_source(path) {
            Ok(file) => file,
            Err(code) => return code,
        };
        match notation_of(path, &file.text) {
            Some(Notation::Asn1) => asn1_files.push(file),
            None => {
                eprintln!(
                    "error: {}: unknown schema notation; name ASN.1 files `.asn` or `.asn1`",
                    path.display()
                );
                return ExitCode::from(2);
            }
        }
    }

    match asn1::check_files(&asn1_files) {
        Ok(_) => ExitCode::SUCCESS,
        Err(diagnostics) => {
            eprintln!("{}", render_all(&diagnostics));
            ExitCode::FAILURE
        }
    }
}

/// Picks the notation from the file extension, or for standard input from its text.
fn notation_of(path: &Path, text: &str) -> Option<Notation> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("asn" | "asn1") => Some(Notation::Asn1),
        _ if path == Path::new("-") && text.contains("DEFINITIONS") => Some(Notation::Asn1),
        _ => None,
    }
}

fn extract(path: &Path) -> ExitCode {
    let file = match read_source(path) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let modules = asn1::extract_modules(&file.text);
    if modules.is_empty() {
        eprintln!("error: {}: no ASN.1 module found", path.display());
        return ExitCode::FAILURE;
    }
    print!("{modules}");
    ExitCode::SUCCESS
}

/// Reads a file, or standard input for `-`. A read error is printed and gives exit code 2.
fn read_source(path: &Path) -> Result<Arc<SourceFile>, ExitCode> {
    let text = if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map(|_| text)
    } else {
        std::fs::read_to_string(path)
    };
    match text {
        Ok(text) => Ok(SourceFile::new(path.display().to_string(), text)),
        Err(error) => {
            eprintln!("error: {}: {error}", path.display());
            Err(ExitCode::from(2))
        }
    }
}
