//! `rfcodec inspect`: decodes a certificate, or bytes of any schema type, with the
//! interpreter and prints the annotated tree as text or JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine;
use clap::Args;
use rfcodec_codegen::tls::FsLoader;
use rfcodec_interpreter::{Decoded, Schemas, TypeRef};

/// The certificate inspected when no file is given: a Let's Encrypt certificate of 2018
/// with two SCTs (logs Nimbus2018 and Icarus).
pub const EXAMPLE_CERTIFICATE: &[u8] =
    include_bytes!("../../tests/data/certs/letsencrypt-2018-two-scts.der");

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Input in DER, PEM or hex, detected from the content; `-` reads standard input.
    /// Without it, the bundled example certificate is inspected.
    pub file: Option<PathBuf>,
    /// Schema files to load instead of the bundled ones: `.tls`, `.asn` / `.asn1` and
    /// `.bind` binding files; repeatable. Needs `--type`.
    #[arg(long = "schema", value_name = "FILE", requires = "type_name")]
    pub schemas: Vec<PathBuf>,
    /// Type to decode the input as (`SignedCertificateTimestampList`, or `Module.Type` for
    /// ASN.1); by default an X.509 `Certificate` of RFC 5280.
    #[arg(long = "type", value_name = "NAME")]
    pub type_name: Option<String>,
    /// Print the tree as JSON instead of the annotated dump.
    #[arg(long)]
    pub json: bool,
    /// The issuer's certificate (DER, PEM or hex), to check the signatures of the SCTs
    /// embedded in the inspected certificate (RFC 6962 section 3.2).
    #[arg(long, value_name = "FILE", requires = "log_keys")]
    pub issuer: Option<PathBuf>,
    /// A log's public key, a DER SubjectPublicKeyInfo (or PEM or hex); repeatable. Each
    /// SCT is checked against the key whose SHA-256 is its log ID.
    #[arg(long = "log-key", value_name = "FILE", requires = "issuer")]
    pub log_keys: Vec<PathBuf>,
}

/// A step that adds facts to the decoded tree before it is printed, such as whether each
/// SCT signature is valid. It gets the tree and the input bytes that the tree points into.
pub type Annotator<'a> = &'a dyn Fn(&mut Decoded, &[u8]);

/// Exit status for unreadable input, schema errors and unknown types.
const USAGE_ERROR: u8 = 2;

/// Runs `inspect`: exit status 0 when everything decoded, 1 when any error was reported.
pub fn run(args: &InspectArgs, annotators: &[Annotator<'_>]) -> ExitCode {
    let schemas = match load_schemas(&args.schemas) {
        Ok(schemas) => schemas,
        Err(message) => return usage_error(&message),
    };
    let ty = match find_type(&schemas, args.type_name.as_deref()) {
        Ok(ty) => ty,
        Err(message) => return usage_error(&message),
    };
    let input = match &args.file {
        None => EXAMPLE_CERTIFICATE.to_vec(),
        Some(path) => match read_input(path) {
            Ok(bytes) => bytes,
            Err(message) => return usage_error(&message),
        },
    };

    let mut decoded = rfcodec_interpreter::decode(&schemas, ty, &input);
    for annotate in annotators {
        annotate(&mut decoded, &input);
    }
    if args.json {
        let json = rfcodec_interpreter::to_json(&decoded);
        println!(
            "{}",
            serde_json::to_string_pretty(&json).unwrap_or_default()
        );
    } else {
        print!("{}", rfcodec_interpreter::to_text(&decoded, &input));
    }

    let problems = decoded.problems();
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(USAGE_ERROR)
}

fn load_schemas(paths: &[PathBuf]) -> Result<Schemas, String> {
    if paths.is_empty() {
        return Ok(Schemas::bundled());
    }
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        files.push((path.display().to_string(), text));
    }
    Schemas::load_with(&files, &mut FsLoader).map_err(|error| error.to_string())
}

fn find_type(schemas: &Schemas, name: Option<&str>) -> Result<TypeRef, String> {
    match name {
        Some(name) => schemas.find_type(name).ok_or_else(|| {
            format!("type `{name}` is not defined in the loaded schemas; check its spelling")
        }),
        None => schemas
            .certificate()
            .ok_or_else(|| "no `Certificate` type is loaded; give `--type`".to_string()),
    }
}

/// Reads the input file, or standard input for `-`, and decodes PEM or hex text.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    let bytes = bytes.map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    decode_input(&bytes).map_err(|message| format!("{}: {message}", path.display()))
}

/// Returns the bytes of DER or TLS input as they are, of PEM's first block, or of hex
/// digits (whitespace and colons between them are ignored).
pub fn decode_input(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(bytes.to_vec());
    };
    if let Some(begin) = text.find("-----BEGIN ") {
        return decode_pem(&text[begin..]);
    }
    let digits: String = text
        .chars()
        .filter(|char| !char.is_ascii_whitespace() && *char != ':')
        .collect();
    let is_hex = !digits.is_empty() && digits.chars().all(|char| char.is_ascii_hexdigit());
    if is_hex && !bytes.is_empty() && bytes.iter().all(u8::is_ascii) {
        return hex::decode(&digits).map_err(|error| format!("invalid hex input: {error}"));
    }
    Ok(bytes.to_vec())
}

fn decode_pem(text: &str) -> Result<Vec<u8>, String> {
    let mut lines = text.lines();
    lines.next();
    let body: String = lines
        .take_while(|line| !line.starts_with("-----END "))
        .filter(|line| !line.contains(':'))
        .flat_map(|line| line.trim().chars())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|error| format!("invalid PEM: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_pem_hex_and_der_detected() {
        let pem = "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n";
        assert_eq!(
            decode_input(pem.as_bytes()),
            Ok(vec![0x30, 0x03, 0x02, 0x01, 0x01])
        );
        assert_eq!(
            decode_input(b"30 03\n02:01:01\n"),
            Ok(vec![0x30, 0x03, 0x02, 0x01, 0x01])
        );
        assert_eq!(
            decode_input(&[0x30, 0x03, 0x02, 0x01, 0x01]),
            Ok(vec![0x30, 0x03, 0x02, 0x01, 0x01])
        );
    }

    #[test]
    fn odd_hex_digit_count_rejected() {
        assert_eq!(
            decode_input(b"abc"),
            Err("invalid hex input: Odd number of digits".to_string())
        );
    }
}
