//! Hostile and oversized schema input for the TLS presentation language front end:
//! random bytes, a 10 MB schema and 10,000 levels of nesting end in a result, never in
//! a panic or a stack overflow, and within a second.

use std::time::{Duration, Instant};

use rfcodec_codegen::tls::{self, ir};

const LIMIT: Duration = Duration::from_secs(1);

/// Compiles `text` and returns the schema or the diagnostic messages, and the time it
/// took.
fn timed(text: &str) -> (Result<ir::Schema, Vec<String>>, Duration) {
    let start = Instant::now();
    let result = tls::compile_text("input.tls", text).map_err(|diagnostics| {
        diagnostics
            .into_iter()
            .map(|diagnostic| diagnostic.message)
            .collect()
    });
    (result, start.elapsed())
}

/// Returns the messages of a failed compile, or an empty list.
fn messages(result: Result<ir::Schema, Vec<String>>) -> Vec<String> {
    result.err().unwrap_or_default()
}

/// xorshift64: reproducible bytes without a dependency.
fn random_bytes(seed: u64, length: usize) -> Vec<u8> {
    let mut state = seed;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

#[test]
fn random_bytes_give_errors() {
    for seed in 1..=20u64 {
        let bytes = random_bytes(seed, 64 * 1024);
        let text = String::from_utf8_lossy(&bytes);
        let (result, elapsed) = timed(&text);
        assert!(result.is_err(), "seed {seed} parsed as a schema");
        assert!(elapsed < LIMIT, "seed {seed} took {elapsed:?}");
    }
}

#[test]
fn random_schema_words_give_a_result() {
    let words = [
        "struct",
        "{",
        "}",
        "enum",
        "select",
        "(",
        ")",
        "case",
        ":",
        ";",
        "opaque",
        "uint8",
        "<",
        ">",
        "[",
        "]",
        "0..255",
        "2^16-1",
        "T",
        "x",
        ",",
        "/*",
        "*/",
        "=",
        "digitally-signed",
    ];
    for seed in 1..=50u64 {
        let picks = random_bytes(seed, 2000);
        let text: Vec<&str> = picks
            .iter()
            .map(|&pick| words[usize::from(pick) % words.len()])
            .collect();
        let (_, elapsed) = timed(&text.join(" "));
        assert!(elapsed < LIMIT, "seed {seed} took {elapsed:?}");
    }
}

/// Repeats a valid definition until the text reaches `bytes`; returns it and the count.
fn valid_schema(bytes: usize) -> (String, usize) {
    let mut text = String::with_capacity(bytes + 100);
    let mut count = 0;
    while text.len() + 100 < bytes {
        text.push_str(&format!(
            "/* RFC 0 section {count} */\nstruct {{ uint16 a; opaque b<0..2^16-1>; }} T{count};\n"
        ));
        count += 1;
    }
    (text, count)
}

#[test]
fn ten_megabyte_schema_is_rejected() {
    let (text, _) = valid_schema(10 * 1024 * 1024);
    let (result, elapsed) = timed(&text);
    let expected = format!(
        "schema file has {} bytes, more than the 262144 accepted",
        text.len()
    );
    assert_eq!(messages(result), [expected]);
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn schema_at_size_limit_compiles() {
    let (text, count) = valid_schema(tls::parser::MAX_SCHEMA_BYTES);
    let (result, elapsed) = timed(&text);
    let schema = result.expect("the generated schema is valid");
    assert_eq!(schema.types.len(), count);
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn unterminated_comment_at_size_limit_fails_fast() {
    let text = format!("/*{}", "x".repeat(tls::parser::MAX_SCHEMA_BYTES - 2));
    let (result, elapsed) = timed(&text);
    assert_eq!(messages(result), ["unterminated comment"]);
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn ten_thousand_nested_structs_fail_fast() {
    let text = format!(
        "{} uint8 a; {} X;",
        "struct {".repeat(10_000),
        "};".repeat(10_000)
    );
    let (result, elapsed) = timed(&text);
    assert_eq!(messages(result), ["brackets nest deeper than 100 levels"]);
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn ten_thousand_nested_type_arguments_fail_fast() {
    let text = format!(
        "struct {{ {}uint8{} x; }} X;",
        "optional<".repeat(10_000),
        ">".repeat(10_000)
    );
    let (result, elapsed) = timed(&text);
    assert_eq!(messages(result), ["brackets nest deeper than 100 levels"]);
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn nesting_at_limit_parses() {
    // 99 nested structs plus the braces of the top-level one: 100 levels.
    let text = format!(
        "struct {{ {} uint8 a; {} }} X;",
        "struct {".repeat(99),
        "};".repeat(99)
    );
    let (result, _) = timed(&text);
    let schema = result.expect("100 levels are accepted");
    assert_eq!(schema.types.len(), 1);
}

#[test]
fn ten_thousand_chained_aliases_resolve() {
    let mut text = String::from("uint16 T0;\n");
    for index in 1..10_000 {
        text.push_str(&format!("T{} T{index};\n", index - 1));
    }
    text.push_str("struct { T9999 pair[4]; T9999 odd[3]; } X;\n");
    let (result, elapsed) = timed(&text);
    // T9999 is two bytes through 10,000 aliases, so `odd[3]` is the only error.
    assert_eq!(
        messages(result),
        ["fixed vector of 3 bytes is not a multiple of the 2-byte `T9999`"]
    );
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn ten_thousand_chained_structs_resolve() {
    let mut text = String::from("struct { uint8 a; } S0;\n");
    for index in 1..10_000 {
        text.push_str(&format!("struct{{S{} i;}}S{index};\n", index - 1));
    }
    text.push_str("struct { S0 first; } S0Loop;\n");
    let (result, elapsed) = timed(&text);
    let schema = result.expect("a chain without a cycle is valid");
    assert_eq!(schema.types.len(), 10_001);
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}

#[test]
fn ten_thousand_type_cycle_is_reported_once() {
    let mut text = String::from("struct { S9999 last; } S0;\n");
    for index in 1..10_000 {
        text.push_str(&format!("struct{{S{} i;}}S{index};\n", index - 1));
    }
    let (result, elapsed) = timed(&text);
    assert_eq!(
        messages(result),
        ["`S0` contains itself: S0 -> S9999 -> S9998 -> S9997 -> S9996 -> S9995 -> ... -> S0"]
    );
    assert!(elapsed < LIMIT, "took {elapsed:?}");
}
