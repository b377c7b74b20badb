//! Misuse of the derives and schema macros is a compile error spanned on the mistake,
//! never a panic. Each case's full message is kept in its `.stderr` file.

#[test]
fn derive_misuse_is_reported() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/derive/*.rs");
}

// NOTE: trybuild builds the cases in target/tests/trybuild/rfcodec-tests. The cases that
// include schema files name paths from there, so another CARGO_TARGET_DIR changes their
// messages.
#[test]
fn schema_macro_misuse_is_reported() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/macros/*.rs");
}
