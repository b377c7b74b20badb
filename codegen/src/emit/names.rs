//! Rust names for schema names: `UpperCamelCase` types and variants, `snake_case` fields
//! and modules, raw identifiers for Rust keywords.

use proc_macro2::{Ident, Span};

/// Words of a schema name: split at punctuation, digits kept with the letters before
/// them, and at case changes (`LogID` gives `Log`, `ID`; `ASN.1Cert` gives `ASN1`, `Cert`).
fn words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let previous = index.checked_sub(1).map(|before| chars[before]);
        let next = chars.get(index + 1).copied();
        let boundary = match previous {
            Some(previous) if c.is_ascii_uppercase() => {
                previous.is_ascii_lowercase()
                    || previous.is_ascii_digit()
                    || previous.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase())
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `SignedCertificateTimestamp`, `LogId`, `Asn1Cert`, `X509Entry`.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::new();
    for word in words(name) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// `sct_version`, `tbs_certificate`, `extn_id`.
pub fn snake(name: &str) -> String {
    let words: Vec<String> = words(name)
        .into_iter()
        .map(|word| word.to_ascii_lowercase())
        .collect();
    let mut out = words.join("_");
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// `SHOUTY_SNAKE_CASE` for constants.
pub fn shouty(name: &str) -> String {
    snake(name).to_ascii_uppercase()
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Returns whether `name` is a Rust keyword, strict or reserved.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Makes an identifier, raw (`r#type`) for keywords and with a `_` suffix for the few
/// keywords that cannot be raw (`self`, `Self`, `super`, `crate`).
pub fn ident(name: &str) -> Ident {
    if matches!(name, "self" | "Self" | "super" | "crate") {
        return Ident::new(&format!("{name}_"), Span::call_site());
    }
    if KEYWORDS.contains(&name) {
        return Ident::new_raw(name, Span::call_site());
    }
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_camel_follows_rust_conventions() {
        assert_eq!(
            upper_camel("SignedCertificateTimestamp"),
            "SignedCertificateTimestamp"
        );
        assert_eq!(upper_camel("LogID"), "LogId");
        assert_eq!(upper_camel("ASN.1Cert"), "Asn1Cert");
        assert_eq!(upper_camel("x509_entry"), "X509Entry");
        assert_eq!(upper_camel("Ecdsa-Sig-Value"), "EcdsaSigValue");
        assert_eq!(upper_camel("TLSPlaintext"), "TlsPlaintext");
        assert_eq!(upper_camel("sha256"), "Sha256");
        assert_eq!(upper_camel("RawPublicKey"), "RawPublicKey");
    }

    #[test]
    fn snake_follows_rust_conventions() {
        assert_eq!(snake("sct_version"), "sct_version");
        assert_eq!(snake("tbsCertificate"), "tbs_certificate");
        assert_eq!(
            snake("ASN1_subjectPublicKeyInfo"),
            "asn1_subject_public_key_info"
        );
        assert_eq!(snake("rfc6962"), "rfc6962");
        assert_eq!(snake("rfc5280-explicit"), "rfc5280_explicit");
    }

    #[test]
    fn ident_escapes_keywords() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("length").to_string(), "length");
    }
}
