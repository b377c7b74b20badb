//! Hostile input for the ASN.1 front end (X.680 modules): random bytes, random token
//! sequences and 10,000 levels of nesting give diagnostics, never a panic or a stack
//! overflow.

use rfcodec_codegen::diagnostic::Diagnostic;
use rfcodec_codegen::{SourceFile, asn1};

/// A small deterministic generator (xorshift64), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }
}

fn check(text: &str) -> Result<asn1::ir::Ir, Vec<Diagnostic>> {
    asn1::check_files(&[SourceFile::new("t.asn", text)])
}

/// Every diagnostic must point inside the file it names.
fn assert_spans_inside(text: &str, diagnostics: &[Diagnostic]) {
    assert!(!diagnostics.is_empty());
    for diagnostic in diagnostics {
        assert!(diagnostic.span.start <= diagnostic.span.end);
        assert!(diagnostic.span.end <= text.len(), "{diagnostic}");
        assert!(!diagnostic.to_string().is_empty());
    }
}

fn nesting_message(text: &str) -> String {
    match check(text) {
        Ok(_) => panic!("deep nesting was accepted"),
        Err(found) => found[0].message.clone(),
    }
}

#[test]
fn random_bytes_are_rejected() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..2000 {
        let length = random.below(300);
        let bytes: Vec<u8> = (0..length).map(|_| random.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match check(&text) {
            Ok(_) => panic!("random bytes accepted: {text:?}"),
            Err(found) => assert_spans_inside(&text, &found),
        }
    }
}

#[test]
fn random_token_sequences_never_panic() {
    const TOKENS: &[&str] = &[
        "M",
        "DEFINITIONS",
        "::=",
        "BEGIN",
        "END",
        "A",
        "B",
        "a",
        "b",
        "SEQUENCE",
        "SET",
        "OF",
        "CHOICE",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "[[",
        "]]",
        ",",
        "...",
        "INTEGER",
        "BOOLEAN",
        "OPTIONAL",
        "DEFAULT",
        "0",
        "1",
        "-5",
        "SIZE",
        "..",
        "MIN",
        "MAX",
        "IMPLICIT",
        "EXPLICIT",
        "ANY",
        "DEFINED",
        "BY",
        "COMPONENTS",
        "IMPORTS",
        "FROM",
        ";",
        "--",
        "/*",
        "*/",
        "'01'B",
        "\"x\"",
        "OBJECT",
        "IDENTIFIER",
        "TRUE",
        "|",
        "APPLICATION",
        "\n",
    ];
    let mut random = Random(42);
    let mut accepted = 0;
    for _ in 0..3000 {
        let mut text = String::from("M DEFINITIONS ::= BEGIN ");
        for _ in 0..random.below(40) {
            text.push_str(TOKENS[random.below(TOKENS.len())]);
            text.push(' ');
        }
        if random.below(2) == 0 {
            text.push_str(" END");
        }
        match check(&text) {
            Ok(_) => accepted += 1,
            Err(found) => assert_spans_inside(&text, &found),
        }
    }
    assert!(accepted < 3000);
}

#[test]
fn ten_thousand_braces_are_rejected() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN a INTEGER ::= {}",
        "{".repeat(10_000)
    );
    assert_eq!(nesting_message(&text), "nesting deeper than 64 levels");
}

#[test]
fn ten_thousand_sequence_of_are_rejected() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN A ::= {}INTEGER END",
        "SEQUENCE OF ".repeat(10_000)
    );
    assert_eq!(nesting_message(&text), "nesting deeper than 64 levels");
}

#[test]
fn ten_thousand_nested_sequences_are_rejected() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN A ::= {}INTEGER{} END",
        "SEQUENCE { a ".repeat(10_000),
        " }".repeat(10_000)
    );
    assert_eq!(nesting_message(&text), "nesting deeper than 64 levels");
}

#[test]
fn ten_thousand_tags_are_rejected() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN A ::= {}INTEGER END",
        "[0] ".repeat(10_000)
    );
    assert_eq!(nesting_message(&text), "nesting deeper than 64 levels");
}

#[test]
fn ten_thousand_nested_comments_are_rejected() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN {}{} END",
        "/* ".repeat(10_000),
        "*/ ".repeat(10_000)
    );
    assert_eq!(nesting_message(&text), "nesting deeper than 64 levels");
}

#[test]
fn ten_thousand_parentheses_are_rejected() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN A ::= INTEGER {}1{} END",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    assert_eq!(nesting_message(&text), "nesting deeper than 64 levels");
}

#[test]
fn nesting_at_the_limit_is_accepted() {
    let text = format!(
        "M DEFINITIONS ::= BEGIN A ::= {}INTEGER{} END",
        "SEQUENCE { a ".repeat(63),
        " }".repeat(63)
    );
    assert!(check(&text).is_ok());
}

#[test]
fn ten_thousand_chained_aliases_are_rejected() {
    let mut text = String::from("M DEFINITIONS ::= BEGIN\n");
    for index in 0..10_000 {
        text.push_str(&format!("A{index} ::= A{}\n", index + 1));
    }
    text.push_str("A10000 ::= INTEGER\nEND\n");
    let found = check(&text).expect_err("a chain of 10,000 aliases");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "`A9936` reaches its type through more than 64 references"
    );
}

#[test]
fn ten_thousand_alias_cycle_is_reported_once() {
    let mut text = String::from("M DEFINITIONS ::= BEGIN\n");
    for index in 0..10_000 {
        text.push_str(&format!("A{index} ::= A{}\n", (index + 1) % 10_000));
    }
    text.push_str("END\n");
    let found = check(&text).expect_err("a cycle of 10,000 aliases");
    let cycles: Vec<&str> = found
        .iter()
        .map(|d| d.message.as_str())
        .filter(|m| m.contains("in terms of itself"))
        .collect();
    assert_eq!(cycles, ["`A0` is defined in terms of itself"]);
}
