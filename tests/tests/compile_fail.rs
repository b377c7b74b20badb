//! Misuse of the derives and schema macros is a compile error spanned on the mistake,
//! never a panic; each case's full message is kept in its `.stderr` file.

#[test]
fn derive_misuse_is_reported() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/derive/*.rs");
}
