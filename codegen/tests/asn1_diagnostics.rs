//! Diagnostics of the ASN.1 front end (X.680 modules), each asserted as the whole rendered
//! text: location, source line, caret and help.

use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::{SourceFile, asn1};

/// Wraps assignments in a module header and END.
fn module(body: &str) -> String {
    format!("M DEFINITIONS ::= BEGIN\n{body}\nEND\n")
}

/// Checks the files together and renders every diagnostic.
fn diagnostics(files: &[(&str, &str)]) -> String {
    let files: Vec<_> = files
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    match asn1::check_files(&files) {
        Ok(_) => panic!("the files were accepted"),
        Err(found) => render_all(&found),
    }
}

#[test]
fn rejects_unknown_type_reference() {
    let text = module("A ::= SEQUENCE {\n    a Foo\n}");
    let expected = r#"t.asn:3:7: error: unknown type `Foo`
  |
3 |     a Foo
  |       ^^^
  = help: define `Foo` in this module or import it from the module that defines it"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_unknown_value_reference() {
    let text = module("a INTEGER ::= b");
    let expected = r#"t.asn:2:15: error: unknown value `b`
  |
2 | a INTEGER ::= b
  |               ^
  = help: define `b` in this module or import it from the module that defines it"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_every_unknown_name_is_reported() {
    let text = module("A ::= SEQUENCE { a Foo, b Bar }\nc INTEGER ::= d");
    let expected = r#"t.asn:2:20: error: unknown type `Foo`
  |
2 | A ::= SEQUENCE { a Foo, b Bar }
  |                    ^^^
  = help: define `Foo` in this module or import it from the module that defines it

t.asn:2:27: error: unknown type `Bar`
  |
2 | A ::= SEQUENCE { a Foo, b Bar }
  |                           ^^^
  = help: define `Bar` in this module or import it from the module that defines it

t.asn:3:15: error: unknown value `d`
  |
3 | c INTEGER ::= d
  |               ^
  = help: define `d` in this module or import it from the module that defines it"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_duplicate_tags_in_set() {
    let text = module("A ::= SET {\n    a INTEGER,\n    b INTEGER\n}");
    let expected = r#"t.asn:4:5: error: components `a` and `b` of this SET both have the tag [UNIVERSAL 2]
  |
4 |     b INTEGER
  |     ^
  = help: give `b` a tag no other component has, such as [0]"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_duplicate_tags_in_choice() {
    let text = module("A ::= CHOICE {\n    a [0] INTEGER,\n    b [0] BOOLEAN\n}");
    let expected = r#"t.asn:4:5: error: alternatives `a` and `b` of this CHOICE both have the tag [0]
  |
4 |     b [0] BOOLEAN
  |     ^
  = help: give `b` a tag no other alternative has, such as [1]"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_untagged_choice_alternative_clashes() {
    let text =
        module("A ::= CHOICE {\n    a INTEGER,\n    b B\n}\nB ::= CHOICE { c BOOLEAN, d INTEGER }");
    let expected = r#"t.asn:4:5: error: alternatives `a` and `b` of this CHOICE both have the tag [UNIVERSAL 2]
  |
4 |     b B
  |     ^
  = help: give `b` a tag no other alternative has, such as [0]"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_ambiguous_optional_tags_in_sequence() {
    let text = module("A ::= SEQUENCE {\n    a [0] INTEGER OPTIONAL,\n    b [0] BOOLEAN\n}");
    let expected = r#"t.asn:4:5: error: `b` has the tag [0], like the OPTIONAL component `a` before it
  |
4 |     b [0] BOOLEAN
  |     ^
  = help: give `a` or `b` a distinct tag such as [1], so a decoder can tell whether `a` is absent"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_ambiguous_default_tags_in_sequence() {
    let text = module(
        "A ::= SEQUENCE {\n    a BOOLEAN DEFAULT TRUE,\n    b INTEGER OPTIONAL,\n    c BOOLEAN\n}",
    );
    let expected = r#"t.asn:5:5: error: `c` has the tag [UNIVERSAL 1], like the DEFAULT component `a` before it
  |
5 |     c BOOLEAN
  |     ^
  = help: give `a` or `c` a distinct tag such as [0], so a decoder can tell whether `a` is absent"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_untagged_any_after_optional() {
    let text = module("A ::= SEQUENCE {\n    a INTEGER OPTIONAL,\n    b ANY\n}");
    let expected = r#"t.asn:4:5: error: `b` has no tag of its own (an untagged ANY may have any tag), like the OPTIONAL component `a` before it
  |
4 |     b ANY
  |     ^
  = help: give `a` or `b` a distinct tag such as [0], so a decoder can tell whether `a` is absent"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_implicit_on_choice() {
    let text =
        module("A ::= SEQUENCE {\n    a [0] IMPLICIT B\n}\nB ::= CHOICE { x INTEGER, y BOOLEAN }");
    let expected = r#"t.asn:3:11: error: IMPLICIT tag on an untagged CHOICE
  |
3 |     a [0] IMPLICIT B
  |           ^^^^^^^^
  = help: remove IMPLICIT: a tag on an untagged CHOICE or ANY is always explicit, because the inner tag tells which alternative or type follows"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_implicit_on_any() {
    let text = module("A ::= SEQUENCE {\n    a [0] IMPLICIT ANY\n}");
    let expected = r#"t.asn:3:11: error: IMPLICIT tag on an untagged ANY
  |
3 |     a [0] IMPLICIT ANY
  |           ^^^^^^^^
  = help: remove IMPLICIT: a tag on an untagged CHOICE or ANY is always explicit, because the inner tag tells which alternative or type follows"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_default_of_wrong_type() {
    let text = module("A ::= SEQUENCE {\n    a INTEGER DEFAULT TRUE\n}");
    let expected = r#"t.asn:3:23: error: `TRUE` is not an INTEGER value
  |
3 |     a INTEGER DEFAULT TRUE
  |                       ^^^^
  = help: write a number or the name of an INTEGER value"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_default_boolean_given_number() {
    let text = module("A ::= SEQUENCE {\n    critical BOOLEAN DEFAULT 1\n}");
    let expected = r#"t.asn:3:30: error: `1` is not a BOOLEAN value
  |
3 |     critical BOOLEAN DEFAULT 1
  |                              ^
  = help: write TRUE or FALSE"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_default_names_unknown_named_number() {
    let text = module(
        "Version ::= INTEGER { v1(0), v2(1) }\nA ::= SEQUENCE {\n    version Version DEFAULT v3\n}",
    );
    let expected = r#"t.asn:4:29: error: unknown value `v3`
  |
4 |     version Version DEFAULT v3
  |                             ^^
  = help: define `v3` in this module or import it from the module that defines it"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_default_references_value_of_other_type() {
    let text = module("yes BOOLEAN ::= TRUE\nA ::= SEQUENCE {\n    a INTEGER DEFAULT yes\n}");
    let expected = r#"t.asn:4:23: error: `yes` is a BOOLEAN value, but an INTEGER value is needed here
  |
4 |     a INTEGER DEFAULT yes
  |                       ^^^
  = help: use an INTEGER value here"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_default_bit_string_names_unknown_bit() {
    let text = module(
        "Flags ::= BIT STRING { a(0), b(1) }\nA ::= SEQUENCE {\n    flags Flags DEFAULT { a, c }\n}",
    );
    let expected = r#"t.asn:4:25: error: `{ a, c }` is not a BIT STRING value
  |
4 |     flags Flags DEFAULT { a, c }
  |                         ^^^^^^^^
  = help: write '0101'B, '0F'H, or named bits in braces such as { a, b }"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_unterminated_comment() {
    let text = module("/* opened /* nested */ but never closed\nA ::= INTEGER");
    let expected = r#"t.asn:2:1: error: unterminated comment
  |
2 | /* opened /* nested */ but never closed
  | ^^
  = help: close the comment with `*/`; `/* */` comments nest, so every `/*` needs its own `*/`"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_missing_end() {
    let text = "M DEFINITIONS ::= BEGIN\nA ::= INTEGER\n";
    let expected = r#"t.asn:3:1: error: missing END at the end of the module
  |
3 | 
  | ^
  = help: end each module with END after its last assignment"#;
    assert_eq!(diagnostics(&[("t.asn", text)]), expected);
}

#[test]
fn rejects_syntax_error_names_expected_items() {
    let text = module("A ::= SEQUENCE {\n    a INTEGER\n    b BOOLEAN\n}");
    let expected = r#"t.asn:4:5: error: expected named numbers in braces, a constraint, `DEFAULT` or `OPTIONAL`, found `b`
  |
4 |     b BOOLEAN
  |     ^
  = help: compare this line with the notation of X.680; comments start with `--`"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_unknown_import_module() {
    let text = module("IMPORTS Foo FROM Other;\nA ::= SEQUENCE { f Foo }");
    let expected = r#"t.asn:2:18: error: unknown module `Other`
  |
2 | IMPORTS Foo FROM Other;
  |                  ^^^^^
  = help: check the file that defines `Other` together with this one"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_import_not_defined_by_module() {
    let text_a = "A DEFINITIONS ::= BEGIN\nIMPORTS Bar FROM B;\nX ::= Bar\nEND\n";
    let text_b = "B DEFINITIONS ::= BEGIN\nBaz ::= INTEGER\nEND\n";
    let expected = r#"a.asn:2:9: error: module `B` does not define `Bar`
  |
2 | IMPORTS Bar FROM B;
  |         ^^^
  = help: check the spelling, or import the name from the module that defines it"#;
    assert_eq!(
        diagnostics(&[("a.asn", text_a), ("b.asn", text_b)]),
        expected
    );
}

#[test]
fn rejects_import_not_exported() {
    let text_a = "A DEFINITIONS ::= BEGIN\nIMPORTS Bar FROM B;\nX ::= Bar\nEND\n";
    let text_b = "B DEFINITIONS ::= BEGIN\nEXPORTS Baz;\nBar ::= INTEGER\nBaz ::= INTEGER\nEND\n";
    let expected = r#"a.asn:2:9: error: module `B` does not export `Bar`
  |
2 | IMPORTS Bar FROM B;
  |         ^^^
  = help: add `Bar` to the EXPORTS of `B`"#;
    assert_eq!(
        diagnostics(&[("a.asn", text_a), ("b.asn", text_b)]),
        expected
    );
}

#[test]
fn rejects_duplicate_assignment() {
    let text = module("A ::= INTEGER\nA ::= BOOLEAN");
    let expected = r#"t.asn:3:1: error: `A` is already defined on line 2
  |
3 | A ::= BOOLEAN
  | ^
  = help: remove or rename one of the two assignments"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_duplicate_module_across_files() {
    let text_a = module("A ::= INTEGER");
    let text_b = module("B ::= INTEGER");
    let expected = r#"b.asn:1:1: error: module `M` is already defined in a.asn line 1
  |
1 | M DEFINITIONS ::= BEGIN
  | ^
  = help: check each module once; rename one of the two modules"#;
    assert_eq!(
        diagnostics(&[("a.asn", &text_a), ("b.asn", &text_b)]),
        expected
    );
}

#[test]
fn rejects_rust_name_collision_of_types() {
    let text = module("Foo-Bar ::= INTEGER\nFooBar ::= BOOLEAN");
    let expected = r#"t.asn:3:1: error: `FooBar` and `Foo-Bar` (line 2) both become the Rust name `FooBar`
  |
3 | FooBar ::= BOOLEAN
  | ^^^^^^
  = help: rename one of them; generated Rust code needs distinct names"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_rust_name_collision_of_fields() {
    let text = module("A ::= SEQUENCE {\n    type-id INTEGER,\n    typeId BOOLEAN\n}");
    let expected = r#"t.asn:4:5: error: `typeId` and `type-id` (line 3) both become the Rust name `type_id`
  |
4 |     typeId BOOLEAN
  |     ^^^^^^
  = help: rename one of them; generated Rust code needs distinct names"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_rust_name_collision_of_values() {
    let text =
        module("id-pkix OBJECT IDENTIFIER ::= { 1 3 }\nidPkix OBJECT IDENTIFIER ::= { 1 3 }");
    let expected = r#"t.asn:3:1: error: `idPkix` and `id-pkix` (line 2) both become the Rust name `ID_PKIX`
  |
3 | idPkix OBJECT IDENTIFIER ::= { 1 3 }
  | ^^^^^^
  = help: rename one of them; generated Rust code needs distinct names"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_duplicate_component_name() {
    let text = module("A ::= SEQUENCE {\n    a INTEGER,\n    a BOOLEAN\n}");
    let expected = r#"t.asn:4:5: error: `a` is already a component of this SEQUENCE (line 3)
  |
4 |     a BOOLEAN
  |     ^
  = help: rename one of the two components"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_oid_first_arc_above_two() {
    let text = module("id-x OBJECT IDENTIFIER ::= { 3 1 }");
    let expected = r#"t.asn:2:30: error: OID arc 3 is invalid as the first arc
  |
2 | id-x OBJECT IDENTIFIER ::= { 3 1 }
  |                              ^
  = help: the first arc of an OID is 0 (itu-t), 1 (iso) or 2 (joint-iso-itu-t)"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_oid_second_arc_above_39() {
    let text = module("id-x OBJECT IDENTIFIER ::= { 1 40 }");
    let expected = r#"t.asn:2:32: error: OID arc 40 is invalid under arc 1
  |
2 | id-x OBJECT IDENTIFIER ::= { 1 40 }
  |                                ^^
  = help: under the first arcs 0 and 1 the second arc is 0 to 39"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_oid_name_with_wrong_number() {
    let text = module("id-x OBJECT IDENTIFIER ::= { iso(2) member-body(2) }");
    let expected = r#"t.asn:2:30: error: `iso` is arc 1, not 2
  |
2 | id-x OBJECT IDENTIFIER ::= { iso(2) member-body(2) }
  |                              ^^^
  = help: write `iso(1)`"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_oid_starts_with_integer_value() {
    let text = module("n INTEGER ::= 5\nid-x OBJECT IDENTIFIER ::= { n 1 }");
    let expected = r#"t.asn:3:30: error: `n` is an INTEGER value, but an OBJECT IDENTIFIER value is needed here
  |
3 | id-x OBJECT IDENTIFIER ::= { n 1 }
  |                              ^
  = help: start an OID value with an OID value or a name of X.660, then give numbers"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_size_range_floor_above_ceiling() {
    let text = module("A ::= OCTET STRING (SIZE (5..2))");
    let expected = r#"t.asn:2:27: error: size range `5..2` is empty: its lower endpoint is above its upper endpoint
  |
2 | A ::= OCTET STRING (SIZE (5..2))
  |                           ^^^^
  = help: swap the endpoints or correct the one that is wrong"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_value_range_lower_above_upper() {
    let text = module("ub INTEGER ::= 1\nA ::= INTEGER (10..ub)");
    let expected = r#"t.asn:3:16: error: value range `10..ub` is empty: its lower endpoint is above its upper endpoint
  |
3 | A ::= INTEGER (10..ub)
  |                ^^^^^^
  = help: swap the endpoints or correct the one that is wrong"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_negative_size() {
    let text = module("A ::= SEQUENCE SIZE (-1..4) OF INTEGER");
    let expected = r#"t.asn:2:22: error: size -1 is negative
  |
2 | A ::= SEQUENCE SIZE (-1..4) OF INTEGER
  |                      ^^
  = help: sizes count elements or characters, from 0"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_optional_on_choice_alternative() {
    let text = module("A ::= CHOICE {\n    a INTEGER OPTIONAL,\n    b BOOLEAN\n}");
    let expected = r#"t.asn:3:15: error: OPTIONAL on a CHOICE alternative
  |
3 |     a INTEGER OPTIONAL,
  |               ^^^^^^^^
  = help: remove OPTIONAL: exactly one alternative of a CHOICE is present; make the CHOICE itself OPTIONAL where it is used"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_type_defined_as_itself() {
    let text = module("A ::= B\nB ::= [0] A");
    let expected = r#"t.asn:2:1: error: `A` is defined in terms of itself
  |
2 | A ::= B
  | ^
  = help: put a SEQUENCE, SET, CHOICE or SEQUENCE OF between the type and itself"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_any_defined_by_unknown_component() {
    let text =
        module("A ::= SEQUENCE {\n    id OBJECT IDENTIFIER,\n    value ANY DEFINED BY kind\n}");
    let expected = r#"t.asn:4:26: error: ANY DEFINED BY names `kind`, which is not a component of this SEQUENCE
  |
4 |     value ANY DEFINED BY kind
  |                          ^^^^
  = help: name the component of the same SEQUENCE or SET that identifies the type"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_components_of_non_sequence() {
    let text = module("A ::= SEQUENCE {\n    COMPONENTS OF B\n}\nB ::= SET { b INTEGER }");
    let expected = r#"t.asn:3:19: error: COMPONENTS OF in a SEQUENCE needs a SEQUENCE type
  |
3 |     COMPONENTS OF B
  |                   ^
  = help: name a SEQUENCE type whose components this SEQUENCE should copy"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_information_object_class() {
    let text = module("ALGORITHM ::= CLASS {\n    &id OBJECT IDENTIFIER UNIQUE\n}");
    let expected = r#"t.asn:2:15: error: information object classes are not supported
  |
2 | ALGORITHM ::= CLASS {
  |               ^^^^^
  = help: this front end reads X.680 types as 1988-style RFC modules write them; use ANY DEFINED BY in place of class fields and parameters

t.asn:3:5: error: information object class fields are not supported
  |
3 |     &id OBJECT IDENTIFIER UNIQUE
  |     ^
  = help: this front end reads X.680 types as 1988-style RFC modules write them; use ANY DEFINED BY in place of class fields and parameters"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_parameterized_assignment() {
    let text = module("Signed{ToBeSigned} ::= SEQUENCE {\n    toBeSigned ToBeSigned\n}");
    let expected = r#"t.asn:2:1: error: parameterized assignments are not supported
  |
2 | Signed{ToBeSigned} ::= SEQUENCE {
  | ^^^^^^
  = help: this front end reads X.680 types as 1988-style RFC modules write them; use ANY DEFINED BY in place of class fields and parameters"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_unsupported_builtin_type() {
    let text = module("A ::= SEQUENCE {\n    e EXTERNAL\n}");
    let expected = r#"t.asn:3:7: error: the type `EXTERNAL` is not supported
  |
3 |     e EXTERNAL
  |       ^^^^^^^^
  = help: this front end reads the types 1988-style RFC modules use; describe the value as OCTET STRING or ANY instead"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_unsupported_inner_subtyping() {
    let text =
        module("A ::= SEQUENCE { a INTEGER OPTIONAL }\nB ::= A (WITH COMPONENTS { a PRESENT })");
    let expected = r#"t.asn:3:10: error: WITH COMPONENTS constraints are not supported
  |
3 | B ::= A (WITH COMPONENTS { a PRESENT })
  |          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: remove the constraint; decoders check only SIZE, value ranges, single values and FROM"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_named_numbers_share_a_value() {
    let text = module("A ::= INTEGER { one(1), uno(1) }");
    let expected = r#"t.asn:2:25: error: named numbers `one` and `uno` have the same value 1
  |
2 | A ::= INTEGER { one(1), uno(1) }
  |                         ^^^
  = help: give each name its own value"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_number_too_large() {
    let text = module("a INTEGER ::= 1000000000000000000000000000000000000000000");
    let expected = r#"t.asn:2:15: error: number `1000000000000000000000000000000000000000000` is too large
  |
2 | a INTEGER ::= 1000000000000000000000000000000000000000000
  |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: numbers must fit in 128 bits"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_nesting_too_deep() {
    let body = format!("A ::=\n{}INTEGER", "SEQUENCE OF\n".repeat(65));
    let text = module(&body);
    let expected = r#"t.asn:67:10: error: nesting deeper than 64 levels
   |
67 | SEQUENCE OF
   |          ^^
   = help: give inner types names of their own and refer to them by name"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_value_set_assignment() {
    let text = module("Small INTEGER ::= { 1 | 2 | 3 }");
    let expected = r#"t.asn:2:1: error: value set and object set assignments are not supported
  |
2 | Small INTEGER ::= { 1 | 2 | 3 }
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: write the set as a constraint on the type where it is used, such as INTEGER (1 | 2 | 3)"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_default_outside_value_range() {
    let text = module(
        "SkipCerts ::= INTEGER (0..MAX)\nA ::= SEQUENCE {\n    skip [0] SkipCerts DEFAULT -1\n}",
    );
    let expected = r#"t.asn:4:32: error: value `-1` is outside the constraint `(0..MAX)` of its type
  |
4 |     skip [0] SkipCerts DEFAULT -1
  |                                ^^
  = help: use a value the constraint allows, or change the constraint"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_value_outside_single_values() {
    let text = module("small INTEGER (1 | 2 | 4) ::= 3");
    let expected = r#"t.asn:2:31: error: value `3` is outside the constraint `(1 | 2 | 4)` of its type
  |
2 | small INTEGER (1 | 2 | 4) ::= 3
  |                               ^
  = help: use a value the constraint allows, or change the constraint"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_named_bit_value_too_long() {
    let text = module(
        "Flags ::= BIT STRING { far(100000000) }\nA ::= SEQUENCE {\n    flags Flags DEFAULT { far }\n}",
    );
    let expected = r#"t.asn:4:25: error: BIT STRING value `{ far }` would be 100000001 bits long
  |
4 |     flags Flags DEFAULT { far }
  |                         ^^^^^^^
  = help: name only bits below position 65536 in a value"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_tag_number_out_of_range() {
    let text = module("minus INTEGER ::= -1\nA ::= [minus] INTEGER");
    let expected = r#"t.asn:3:7: error: tag number -1 is out of range
  |
3 | A ::= [minus] INTEGER
  |       ^^^^^^^
  = help: tag numbers are 0 to 2^64-1"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_choice_value_names_unknown_alternative() {
    let text = module(
        "C ::= CHOICE { a INTEGER, b BOOLEAN }\nA ::= SEQUENCE {\n    c [0] C DEFAULT z : 1\n}",
    );
    let expected = r#"t.asn:4:21: error: `z : 1` is not a CHOICE value
  |
4 |     c [0] C DEFAULT z : 1
  |                     ^^^^^
  = help: name one of the alternatives, then `:` and its value"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_sequence_value_misses_component() {
    let text = module(
        "P ::= SEQUENCE { x INTEGER, y INTEGER }\nA ::= SEQUENCE {\n    p [0] P DEFAULT { x 1 }\n}",
    );
    let expected = r#"t.asn:4:21: error: `{ x 1 }` is not a SEQUENCE value
  |
4 |     p [0] P DEFAULT { x 1 }
  |                     ^^^^^^^
  = help: give a value for `y`"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_ambiguous_tags_through_untagged_choice() {
    let text = module(
        "A ::= SEQUENCE {\n    a [0] INTEGER OPTIONAL,\n    b B\n}\nB ::= CHOICE { x [0] BOOLEAN, y [1] NULL }",
    );
    let expected = r#"t.asn:4:5: error: `b` has the tag [0], like the OPTIONAL component `a` before it
  |
4 |     b B
  |     ^
  = help: give `a` or `b` a distinct tag such as [2], so a decoder can tell whether `a` is absent"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}

#[test]
fn rejects_export_of_undefined_name() {
    let text = module("EXPORTS A, Missing;\nA ::= INTEGER");
    let expected = r#"t.asn:2:12: error: `Missing` is exported but not defined in this module
  |
2 | EXPORTS A, Missing;
  |            ^^^^^^^
  = help: define `Missing` or remove it from EXPORTS"#;
    assert_eq!(diagnostics(&[("t.asn", &text)]), expected);
}
