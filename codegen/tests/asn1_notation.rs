//! The ASN.1 notation the front end accepts (X.680 as RFC modules write it), each test
//! asserting the resolved IR in its text form.

use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::{SourceFile, asn1};

/// Checks one file and renders its first module as IR text.
fn resolved(text: &str) -> String {
    match asn1::check_files(&[SourceFile::new("t.asn", text)]) {
        Ok(ir) => ir.modules[0].to_string(),
        Err(found) => panic!("{}", render_all(&found)),
    }
}

#[test]
fn automatic_tags_number_root_components_first() {
    let text = "\
M DEFINITIONS AUTOMATIC TAGS ::= BEGIN
A ::= SEQUENCE {
    a INTEGER,
    b B,
    c BOOLEAN OPTIONAL,
    ...,
    [[ 2: e INTEGER, f BOOLEAN ]],
    g IA5String,
    ...,
    h NULL
}
B ::= CHOICE { x BOOLEAN, y NULL }
END
";
    let expected = "\
M AUTOMATIC TAGS
A ::= SEQUENCE {
  a <[0]> [0] IMPLICIT AUTOMATIC INTEGER
  b <[1]> [1] EXPLICIT AUTOMATIC B (type 0.1)
  c <[2]> [2] IMPLICIT AUTOMATIC BOOLEAN OPTIONAL
  e <[4]> [4] IMPLICIT AUTOMATIC INTEGER -- addition group 0 version 2
  f <[5]> [5] IMPLICIT AUTOMATIC BOOLEAN -- addition group 0 version 2
  g <[6]> [6] IMPLICIT AUTOMATIC IA5String -- extension addition
  h <[3]> [3] IMPLICIT AUTOMATIC NULL
  ...
}
B ::= CHOICE {
  x <[0]> [0] IMPLICIT AUTOMATIC BOOLEAN
  y <[1]> [1] IMPLICIT AUTOMATIC NULL
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn written_tag_turns_automatic_tagging_off() {
    let text = "\
M DEFINITIONS AUTOMATIC TAGS ::= BEGIN
A ::= SET { a [5] INTEGER, b BOOLEAN }
END
";
    let expected = "\
M AUTOMATIC TAGS
A ::= SET {
  a <[5]> [5] IMPLICIT INTEGER
  b <[UNIVERSAL 1]> BOOLEAN
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn tag_classes_and_modes() {
    let text = "\
M DEFINITIONS IMPLICIT TAGS ::= BEGIN
A ::= SEQUENCE {
    a [APPLICATION 5] INTEGER,
    b [PRIVATE 1] EXPLICIT BOOLEAN,
    c [UNIVERSAL 30] IMPLICIT OCTET STRING,
    d [2] ANY
}
END
";
    let expected = "\
M IMPLICIT TAGS
A ::= SEQUENCE {
  a <[APPLICATION 5]> [APPLICATION 5] IMPLICIT INTEGER
  b <[PRIVATE 1]> [PRIVATE 1] EXPLICIT BOOLEAN
  c <[UNIVERSAL 30]> [UNIVERSAL 30] IMPLICIT OCTET STRING
  d <[2]> [2] EXPLICIT ANY
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn enumerated_items_take_free_numbers() {
    let text = "\
M DEFINITIONS ::= BEGIN
E ::= ENUMERATED { a, b(5), c, ..., d, e(10) }
END
";
    assert_eq!(
        resolved(text),
        "M EXPLICIT TAGS\nE ::= ENUMERATED { a(0), b(5), c(1), ..., d(6), e(10) }\n"
    );
}

#[test]
fn keywords_are_whole_words() {
    let text = "\
M DEFINITIONS ::= BEGIN
TIMESTAMP ::= INTEGER
SETTINGS-X ::= SEQUENCE { t TIMESTAMP, nullable BOOLEAN }
END
";
    let expected = "\
M EXPLICIT TAGS
TIMESTAMP ::= INTEGER
SETTINGS-X ::= SEQUENCE {
  t <[UNIVERSAL 2]> TIMESTAMP (type 0.0)
  nullable <[UNIVERSAL 1]> BOOLEAN
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn comments_of_both_forms_are_skipped() {
    let text = "\
-- leading comment
M DEFINITIONS ::= BEGIN -- ends at -- A ::= INTEGER -- ends at the line end
/* block /* nested */ still a comment */ B ::= BOOLEAN
END
";
    assert_eq!(
        resolved(text),
        "M EXPLICIT TAGS\nA ::= INTEGER\nB ::= BOOLEAN\n"
    );
}

#[test]
fn components_of_copies_root_components() {
    let text = "\
M DEFINITIONS ::= BEGIN
Base ::= SEQUENCE { x INTEGER, ..., y BOOLEAN }
Derived ::= SEQUENCE { COMPONENTS OF Base, z NULL }
END
";
    let expected = "\
M EXPLICIT TAGS
Base ::= SEQUENCE {
  x <[UNIVERSAL 2]> INTEGER
  y <[UNIVERSAL 1]> BOOLEAN -- extension addition
  ...
}
Derived ::= SEQUENCE {
  x <[UNIVERSAL 2]> INTEGER -- COMPONENTS OF type 0.0
  z <[UNIVERSAL 5]> NULL
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn default_values_are_evaluated() {
    let text = "\
M DEFINITIONS AUTOMATIC TAGS ::= BEGIN
maxSize INTEGER ::= 10
Flags ::= BIT STRING { a(0), b(1), c(2) }
E ::= ENUMERATED { red, green }
C ::= CHOICE { n INTEGER, b BOOLEAN }
A ::= SEQUENCE {
    size INTEGER DEFAULT maxSize,
    flags Flags DEFAULT { a, c },
    list SEQUENCE OF INTEGER DEFAULT {},
    octets OCTET STRING DEFAULT 'F0A'H,
    bits BIT STRING DEFAULT '101'B,
    colour E DEFAULT green,
    choice C DEFAULT n : 5,
    text UTF8String DEFAULT \"a \"\"b\"\"\",
    real REAL DEFAULT { mantissa 15, base 10, exponent -1 }
}
END
";
    let expected = "\
M AUTOMATIC TAGS
Flags ::= BIT STRING { a(0), b(1), c(2) }
E ::= ENUMERATED { red(0), green(1) }
C ::= CHOICE {
  n <[0]> [0] IMPLICIT AUTOMATIC INTEGER
  b <[1]> [1] IMPLICIT AUTOMATIC BOOLEAN
}
A ::= SEQUENCE {
  size <[0]> [0] IMPLICIT AUTOMATIC INTEGER DEFAULT 10
  flags <[1]> [1] IMPLICIT AUTOMATIC Flags (type 0.0) DEFAULT '101'B
  list <[2]> [2] IMPLICIT AUTOMATIC SEQUENCE OF INTEGER DEFAULT {}
  octets <[3]> [3] IMPLICIT AUTOMATIC OCTET STRING DEFAULT 'F0A0'H
  bits <[4]> [4] IMPLICIT AUTOMATIC BIT STRING DEFAULT '101'B
  colour <[5]> [5] IMPLICIT AUTOMATIC E (type 0.1) DEFAULT green(1)
  choice <[6]> [6] EXPLICIT AUTOMATIC C (type 0.2) DEFAULT n : 5
  text <[7]> [7] IMPLICIT AUTOMATIC UTF8String DEFAULT \"a \\\"b\\\"\"
  real <[8]> [8] IMPLICIT AUTOMATIC REAL DEFAULT Finite { mantissa: 15, base: 10, exponent: -1 }
}
maxSize ::= 10
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn constraints_keep_their_structure() {
    let text = "\
M DEFINITIONS ::= BEGIN
ub INTEGER ::= 64
A ::= SEQUENCE {
    a OCTET STRING (SIZE (1..MAX)),
    b PrintableString (FROM (\"A\"..\"Z\" | \"0\"..\"9\")) (SIZE (2)),
    c INTEGER (0 | 2 | 4),
    d INTEGER (MIN..0),
    e INTEGER (1..<10, ...),
    f SET SIZE (1..ub) OF elem INTEGER,
    g SEQUENCE (SIZE (0..ub)) OF IA5String
}
END
";
    let expected = "\
M EXPLICIT TAGS
A ::= SEQUENCE {
  a <[UNIVERSAL 4]> OCTET STRING (SIZE (1..MAX))
  b <[UNIVERSAL 19]> PrintableString (FROM (\"A\"..\"Z\" | \"0\"..\"9\")) (SIZE (2))
  c <[UNIVERSAL 2]> INTEGER (0 | 2 | 4)
  d <[UNIVERSAL 2]> INTEGER (MIN..0)
  e <[UNIVERSAL 2]> INTEGER (1..<10, ...)
  f <[UNIVERSAL 17]> SET OF elem INTEGER (SIZE (1..64))
  g <[UNIVERSAL 16]> SEQUENCE OF IA5String (SIZE (0..64))
}
ub ::= 64
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn recursive_types_are_marked_and_boxed() {
    let text = "\
M DEFINITIONS ::= BEGIN
Tree ::= SEQUENCE {
    value INTEGER,
    children SEQUENCE OF Tree,
    parent Tree OPTIONAL
}
Expr ::= CHOICE { leaf NULL, pair Pair }
Pair ::= SEQUENCE { left Expr, right Expr }
Leaf ::= SEQUENCE { tree Tree }
END
";
    let expected = "\
M EXPLICIT TAGS
Tree ::= SEQUENCE {
  value <[UNIVERSAL 2]> INTEGER
  children <[UNIVERSAL 16]> SEQUENCE OF Tree (type 0.0)
  parent <[UNIVERSAL 16]> Tree (type 0.0) BOXED OPTIONAL
}  -- recursive
Expr ::= CHOICE {
  leaf <[UNIVERSAL 5]> NULL
  pair <[UNIVERSAL 16]> Pair (type 0.2) BOXED
}  -- recursive
Pair ::= SEQUENCE {
  left <[UNIVERSAL 5]|[UNIVERSAL 16]> Expr (type 0.1) BOXED
  right <[UNIVERSAL 5]|[UNIVERSAL 16]> Expr (type 0.1) BOXED
}  -- recursive
Leaf ::= SEQUENCE {
  tree <[UNIVERSAL 16]> Tree (type 0.0)
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn list_only_recursion_needs_no_box() {
    let text = "\
M DEFINITIONS ::= BEGIN
Node ::= SEQUENCE { children SEQUENCE OF Node }
END
";
    let expected = "\
M EXPLICIT TAGS
Node ::= SEQUENCE {
  children <[UNIVERSAL 16]> SEQUENCE OF Node (type 0.0)
}  -- recursive
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn imports_resolve_across_files_with_assigned_identifiers() {
    let first = "\
A { 1 2 3 } DEFINITIONS ::= BEGIN
EXPORTS ALL;
IMPORTS Thing FROM B { 1 2 4 } limit FROM C;
Holder ::= SEQUENCE { thing Thing (SIZE (1..limit)) }
END
";
    let second = "B { 1 2 4 } DEFINITIONS ::= BEGIN\nEXPORTS Thing;\nThing ::= OCTET STRING\nEND\n";
    let third = "C DEFINITIONS ::= BEGIN\nlimit INTEGER ::= 8\nEND\n";
    let files = [
        SourceFile::new("a.asn", first),
        SourceFile::new("b.asn", second),
        SourceFile::new("c.asn", third),
    ];
    let ir = asn1::check_files(&files).unwrap_or_else(|found| panic!("{}", render_all(&found)));
    let expected = "\
A {1.2.3} EXPLICIT TAGS
IMPORTS Thing FROM module 1
IMPORTS limit FROM module 2
Holder ::= SEQUENCE {
  thing <[UNIVERSAL 4]> Thing (type 1.0) (SIZE (1..8))
}
";
    assert_eq!(ir.modules[0].to_string(), expected);
}

#[test]
fn oid_values_accept_every_component_form() {
    let text = "\
M { iso(1) member-body(2) us(840) 10045 } DEFINITIONS ::= BEGIN
arc INTEGER ::= 7
base OBJECT IDENTIFIER ::= { iso member-body 840 }
named OBJECT IDENTIFIER ::= { base rsadsi(113549) 1 }
counted OBJECT IDENTIFIER ::= { named arc }
joint OBJECT IDENTIFIER ::= { joint-iso-itu-t(2) ds(5) 29 }
relative RELATIVE-OID ::= { 4 arc }
END
";
    let expected = "\
M {1.2.840.10045} EXPLICIT TAGS
arc ::= 7
base ::= {1.2.840}
named ::= {1.2.840.113549.1}
counted ::= {1.2.840.113549.1.7}
joint ::= {2.5.29}
relative ::= RELATIVE-OID {4.7}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn extensibility_implied_makes_types_extensible() {
    let text = "\
M DEFINITIONS EXTENSIBILITY IMPLIED ::= BEGIN
A ::= SEQUENCE { a INTEGER }
END
";
    let expected = "\
M EXPLICIT TAGS EXTENSIBILITY IMPLIED
A ::= SEQUENCE {
  a <[UNIVERSAL 2]> INTEGER
  ...
}
";
    assert_eq!(resolved(text), expected);
}

#[test]
fn several_modules_share_one_file() {
    let text = "\
A DEFINITIONS ::= BEGIN IMPORTS T FROM B; U ::= T END
B DEFINITIONS IMPLICIT TAGS ::= BEGIN T ::= [1] INTEGER END
";
    let files = [SourceFile::new("t.asn", text)];
    let ir = asn1::check_files(&files).unwrap_or_else(|found| panic!("{}", render_all(&found)));
    assert_eq!(
        ir.modules[1].to_string(),
        "B IMPLICIT TAGS\nT ::= [1] IMPLICIT INTEGER\n"
    );
    assert_eq!(
        ir.modules[0].to_string(),
        "A EXPLICIT TAGS\nIMPORTS T FROM module 1\nU ::= T (type 1.0)\n"
    );
}

#[test]
fn definition_text_is_kept_verbatim() {
    let text = "M DEFINITIONS ::= BEGIN\nA  ::=  SEQUENCE {\n  a INTEGER -- note\n}\n\nEND\n";
    let ir = asn1::check_files(&[SourceFile::new("t.asn", text)]).expect("valid module");
    let assignment = &ir.modules[0].types[0];
    assert_eq!(
        assignment.definition,
        "A  ::=  SEQUENCE {\n  a INTEGER -- note\n}"
    );
    assert_eq!(assignment.line, 2);
    assert_eq!(assignment.rust_name, "A");
}
