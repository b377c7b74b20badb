//! The `rfcodec` command: `check` parses and resolves schema files, `extract` pulls the
//! presentation-language definitions (RFC 8446 section 3) out of a plain-text RFC.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::{SourceFile, tls};

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
        /// Schema files (`.tls`); `-` reads one schema from standard input.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Print the presentation-language definitions of a plain-text RFC as a schema.
    Extract {
        /// The RFC as published in plain text (`rfc8446.txt`).
        rfc: PathBuf,
        /// Add `use "FILE";` at the top, for RFCs that rely on another RFC's types.
        #[arg(long = "use", value_name = "FILE")]
        uses: Vec<String>,
    },
}

/// Schema notations, chosen by file extension or, for standard input, by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notation {
    /// TLS presentation language, `.tls`.
    Tls,
}

impl Notation {
    fn of_path(path: &str) -> Option<Self> {
        match path.rsplit_once('.').map(|(_, extension)| extension) {
            Some("tls") => Some(Notation::Tls),
            // NOTE: `.asn` and `.asn1` go to the ASN.1 front end once it exists.
            _ => None,
        }
    }

    /// Guesses the notation of standard input from its text.
    fn sniff(_text: &str) -> Self {
        // NOTE: ASN.1 modules can be recognized by `DEFINITIONS ::= BEGIN` once supported.
        Notation::Tls
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files } => check(&files),
        Command::Extract { rfc, uses } => extract(&rfc, &uses),
    }
}

/// Checks every file; exit status 1 if any has a problem.
fn check(paths: &[String]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        let (text, notation) = match read_schema(path) {
            Ok(read) => read,
            Err(message) => {
                eprintln!("{message}");
                failed = true;
                continue;
            }
        };
        let file = SourceFile::new(path.as_str(), text);
        let result = match notation {
            Notation::Tls => tls::compile(Arc::clone(&file), &mut tls::FsLoader).map(|_| ()),
        };
        if let Err(diagnostics) = result {
            eprintln!("{}\n", render_all(&diagnostics));
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read_schema(path: &str) -> Result<(String, Notation), String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|error| format!("-: error: cannot read standard input: {error}"))?;
        let notation = Notation::sniff(&text);
        return Ok((text, notation));
    }
    let Some(notation) = Notation::of_path(path) else {
        return Err(format!(
            "{path}: error: unknown schema notation\n  = help: name TLS presentation language files `*.tls`"
        ));
    };
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("{path}: error: cannot read file: {error}"))?;
    Ok((text, notation))
}

fn extract(rfc: &PathBuf, uses: &[String]) -> ExitCode {
    let text = match std::fs::read_to_string(rfc) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{}: error: cannot read file: {error}", rfc.display());
            return ExitCode::FAILURE;
        }
    };
    let extraction = tls::extract::extract(&text, uses);
    print!("{}", extraction.text);
    ExitCode::SUCCESS
}
