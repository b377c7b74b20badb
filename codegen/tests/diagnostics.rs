//! Whole rendered diagnostics for schemas that break the rules of the TLS presentation
//! language (RFC 8446 section 3) or of this front end: one test per rule.

use rfcodec_codegen::SourceFile;
use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::tls::{self, MemoryLoader};

/// Compiles `schema` as `schema.tls` and renders every diagnostic.
fn diagnostics(schema: &str) -> String {
    match tls::compile_text("schema.tls", schema) {
        Ok(_) => "no diagnostics".to_string(),
        Err(diagnostics) => render_all(&diagnostics),
    }
}

#[test]
fn rejects_unknown_type() {
    let schema = r#"struct {
    Foo bar;
} X;
"#;
    let expected = r#"schema.tls:2:5: error: unknown type `Foo`
  |
2 |     Foo bar;
  |     ^^^
  = help: define `Foo` or `use` the file that defines it"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_duplicate_definition() {
    let schema = r#"uint16 ProtocolVersion;
opaque ProtocolVersion[2];
"#;
    let expected = r#"schema.tls:2:8: error: duplicate definition of `ProtocolVersion`
  |
2 | opaque ProtocolVersion[2];
  |        ^^^^^^^^^^^^^^^
  = help: the first definition is at schema.tls:1:8; rename or remove one of them"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_floor_above_ceiling() {
    let schema = r#"opaque Id<10..5>;
"#;
    let expected = r#"schema.tls:1:10: error: vector floor 10 is above its ceiling 5
  |
1 | opaque Id<10..5>;
  |          ^^^^^^^
  = help: write `<floor..ceiling>` with floor <= ceiling"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_ceiling_above_four_bytes() {
    let schema = r#"opaque Huge<0..2^32>;
"#;
    let expected = r#"schema.tls:1:16: error: vector ceiling 4294967296 does not fit a 4-byte length prefix
  |
1 | opaque Huge<0..2^32>;
  |                ^^^^
  = help: keep the ceiling at or below 2^32-1, or use `<V>` for a varint length"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_fixed_size_not_multiple() {
    let schema = r#"struct {
    uint16 pair[3];
} X;
"#;
    let expected = r#"schema.tls:2:16: error: fixed vector of 3 bytes is not a multiple of the 2-byte `uint16`
  |
2 |     uint16 pair[3];
  |                ^^^
  = help: `[n]` counts bytes: write a multiple of 2"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_enum_value_over_maximum() {
    let schema = r#"enum { a(1), b(256), (255) } E;
"#;
    let expected = r#"schema.tls:1:14: error: value 256 of `b` is above the enum's maximum 255
  |
1 | enum { a(1), b(256), (255) } E;
  |              ^
  = help: raise the maximum `(n)` or lower the value"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_duplicate_enum_value() {
    let schema = r#"enum { a(1), b(1), (255) } E;
"#;
    let expected = r#"schema.tls:1:14: error: value 1 of `b` is already used by `a`
  |
1 | enum { a(1), b(1), (255) } E;
  |              ^
  = help: give each member its own value"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_duplicate_enum_member() {
    let schema = r#"enum { a(1), a(2), (255) } E;
"#;
    let expected = r#"schema.tls:1:14: error: duplicate enum member `a`
  |
1 | enum { a(1), a(2), (255) } E;
  |              ^
  = help: give each member its own name"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_reversed_enum_range() {
    let schema = r#"enum { reserved(0x20..0x10), (255) } E;
"#;
    let expected = r#"schema.tls:1:8: error: range of `reserved` starts at 32, after its end 16
  |
1 | enum { reserved(0x20..0x10), (255) } E;
  |        ^^^^^^^^
  = help: write the range as `(first..last)` with first <= last"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_selector_not_found() {
    let schema = r#"enum { a(0), (255) } T;
struct {
    T type;
    select (kind) {
        case a: uint8 x;
    };
} X;
"#;
    let expected = r#"schema.tls:4:13: error: selector `kind` not found
  |
4 |     select (kind) {
  |             ^^^^
  = help: name an enum or integer field of this struct or of an enclosing struct, as in `select (Handshake.msg_type)`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_selector_not_enum() {
    let schema = r#"struct {
    opaque type<0..255>;
    select (type) {
        case a: uint8 x;
    };
} X;
"#;
    let expected = r#"schema.tls:3:13: error: selector `type` is not an enum or integer field
  |
3 |     select (type) {
  |             ^^^^
  = help: select on a field whose type is an enum or uint8 .. uint64"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_case_label_not_in_enum() {
    let schema = r#"enum { a(0), b(1), (255) } T;
struct {
    T type;
    select (type) {
        case c: uint8 x;
    };
} X;
"#;
    let expected = r#"schema.tls:5:14: error: `c` is not a member of enum `T`
  |
5 |         case c: uint8 x;
  |              ^
  = help: use one of the members of `T`: a, b"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_name_label_for_integer() {
    let schema = r#"struct {
    uint8 type;
    select (type) {
        case a: uint8 x;
    };
} X;
"#;
    let expected = r#"schema.tls:4:14: error: case label `a` must be a number
  |
4 |         case a: uint8 x;
  |              ^
  = help: selector `type` is an integer: write `case 0:`, `case 1:` ..."#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_duplicate_case_label() {
    let schema = r#"enum { a(0), b(1), (255) } T;
struct {
    T type;
    select (type) {
        case a: uint8 x;
        case a: uint16 y;
    };
} X;
"#;
    let expected = r#"schema.tls:6:14: error: duplicate case label `a`
  |
6 |         case a: uint16 y;
  |              ^
  = help: list each label in one case only"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_mutual_recursion() {
    let schema = r#"struct {
    B b;
} A;
struct {
    A a;
} B;
"#;
    let expected = r#"schema.tls:5:5: error: `A` contains itself: A -> B -> A
  |
5 |     A a;
  |     ^^^^
  = help: break the cycle with a variable vector `<floor..ceiling>` or `optional<T>`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_recursion_through_fixed_vector() {
    let schema = r#"struct {
    uint8 depth;
    Node children[4];
} Node;
"#;
    let expected = r#"schema.tls:3:5: error: `Node` contains itself: Node -> Node
  |
3 |     Node children[4];
  |     ^^^^^^^^^^^^^^^^^
  = help: break the cycle with a variable vector `<floor..ceiling>` or `optional<T>`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_number_above_64_bits() {
    let schema = r#"opaque Id<0..2^64>;
"#;
    let expected = r#"schema.tls:1:14: error: invalid number `2^64`
  |
1 | opaque Id<0..2^64>;
  |              ^^^^
  = help: write a value from 0 to 2^64-1"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_negative_number() {
    let schema = r#"opaque Id<0..1-2>;
"#;
    let expected = r#"schema.tls:1:14: error: invalid number `1-2`
  |
1 | opaque Id<0..1-2>;
  |              ^^^
  = help: write a value from 0 to 2^64-1"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_unterminated_comment() {
    let schema = r#"uint16 A;
/* RFC 8446
uint8 B;
"#;
    let expected = r#"schema.tls:2:1: error: unterminated comment
  |
2 | /* RFC 8446
  | ^^
  = help: close the comment with `*/`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_unterminated_string() {
    let schema = r#"use "rfc5246.tls;
"#;
    let expected = r#"schema.tls:1:5: error: unterminated string
  |
1 | use "rfc5246.tls;
  |     ^
  = help: close the string with `"` on the same line"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_missing_semicolon() {
    let schema = r#"struct {
    uint8 a
    uint8 b;
} X;
"#;
    let expected = r#"schema.tls:2:12: error: expected `;`, `[`, `<`, `}` or `=`, found `uint8`
  |
2 |     uint8 a
  |            ^
  = help: end each declaration with `;`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_missing_definition_name() {
    let schema = r#"struct {
    uint8 a;
};
"#;
    let expected = r#"schema.tls:3:2: error: expected a name, found `;`
  |
3 | };
  |  ^
  = help: write the definition in the forms of RFC 8446 section 3: struct, enum, vector, select"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_malformed_vector_range() {
    let schema = r#"opaque Id<0...5>;
"#;
    let expected = r#"schema.tls:1:14: error: expected a number, found `.`
  |
1 | opaque Id<0...5>;
  |              ^
  = help: write the definition in the forms of RFC 8446 section 3: struct, enum, vector, select"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_digitally_signed_without_algorithm() {
    let schema = r#"digitally-signed struct {
    uint64 timestamp;
} Signed;
"#;
    let expected = r#"schema.tls:1:1: error: `digitally-signed` needs the type `SignatureAndHashAlgorithm`
  |
1 | digitally-signed struct {
  | ^^^^^^^^^^^^^^^^
  = help: `use` a schema that defines it as RFC 5246 section 7.4.1.4.1 does"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_fixed_value_not_in_enum() {
    let schema = r#"enum { v1(0), (255) } Version;
struct {
    Version version = v2;
} X;
"#;
    let expected = r#"schema.tls:3:23: error: `v2` is not a member of enum `Version`
  |
3 |     Version version = v2;
  |                       ^^
  = help: use one of the members of `Version`: v1"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_length_field_not_integer() {
    let schema = r#"struct {
    opaque size<0..255>;
    opaque data[X.size];
} X;
"#;
    let expected = r#"schema.tls:3:17: error: length `X.size` is not an integer field
  |
3 |     opaque data[X.size];
  |                 ^^^^^^
  = help: name a uint8, uint16, uint24 or uint32 field"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_length_field_not_found() {
    let schema = r#"struct {
    uint16 length;
    opaque fragment[X.lenght];
} X;
"#;
    let expected = r#"schema.tls:3:21: error: length field `X.lenght` not found
  |
3 |     opaque fragment[X.lenght];
  |                     ^^^^^^^^
  = help: name an integer field of this struct, of an enclosing struct, or of a named struct"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_generic_without_arguments() {
    let schema = r#"struct {
    uint8 present;
} optional<T>;
struct {
    optional value;
} X;
"#;
    let expected = r#"schema.tls:5:5: error: `optional` takes 1 type argument(s), found 0
  |
5 |     optional value;
  |     ^^^^^^^^
  = help: write `optional<T>` with one type per parameter"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_arguments_on_plain_type() {
    let schema = r#"struct {
    uint8<opaque> x;
} X;
"#;
    let expected = r#"schema.tls:2:5: error: `uint8` takes no type arguments
  |
2 |     uint8<opaque> x;
  |     ^^^^^^^^^^^^^
  = help: write `uint8` without `<...>`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_redefined_builtin() {
    let schema = r#"opaque uint16[2];
"#;
    let expected = r#"schema.tls:1:8: error: `uint16` is a built-in type and cannot be redefined
  |
1 | opaque uint16[2];
  |        ^^^^^^
  = help: choose another name for this type"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn reports_every_problem_at_once() {
    let schema = r#"struct {
    Foo a;
    Bar b<5..1>;
} X;
uint8 X;
"#;
    let expected = r#"schema.tls:2:5: error: unknown type `Foo`
  |
2 |     Foo a;
  |     ^^^
  = help: define `Foo` or `use` the file that defines it

schema.tls:3:5: error: unknown type `Bar`
  |
3 |     Bar b<5..1>;
  |     ^^^
  = help: define `Bar` or `use` the file that defines it

schema.tls:3:10: error: vector floor 5 is above its ceiling 1
  |
3 |     Bar b<5..1>;
  |          ^^^^^^
  = help: write `<floor..ceiling>` with floor <= ceiling

schema.tls:5:7: error: duplicate definition of `X`
  |
5 | uint8 X;
  |       ^
  = help: the first definition is at schema.tls:4:3; rename or remove one of them"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_nested_digitally_signed_without_algorithm() {
    let schema = "struct {\n    uint64 timestamp;\n    digitally-signed struct {\n        uint8 v;\n    };\n} Sct;\n";
    let expected = r#"schema.tls:3:5: error: `digitally-signed` needs the type `SignatureAndHashAlgorithm`
  |
3 |     digitally-signed struct {
  |     ^^^^^^^^^^^^^^^^
  = help: `use` a schema that defines it as RFC 5246 section 7.4.1.4.1 does"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_missing_comma_between_members() {
    let schema = "enum { a(1) b(2), (255) } E;\n";
    let expected = r#"schema.tls:1:13: error: expected `,`, `(` or `}`, found `b`
  |
1 | enum { a(1) b(2), (255) } E;
  |             ^
  = help: write the definition in the forms of RFC 8446 section 3: struct, enum, vector, select"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_missing_final_semicolon() {
    let schema = "struct { uint8 a; } X";
    let expected = r#"schema.tls:1:22: error: expected `;` or `<`, found end of file
  |
1 | struct { uint8 a; } X
  |                      ^
  = help: end each declaration with `;`"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_stray_character() {
    let schema = "uint16 A;\n@\n";
    let expected = r#"schema.tls:2:1: error: expected end of file or a definition, found `@`
  |
2 | @
  | ^
  = help: write the definition in the forms of RFC 8446 section 3: struct, enum, vector, select"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_fixed_value_wider_than_field() {
    let schema = "uint16 ProtocolVersion;\nstruct {\n    ProtocolVersion legacy_version = 0x10303;\n} Hello;\n";
    let expected = r#"schema.tls:3:38: error: value 66307 does not fit the 2-byte `ProtocolVersion`
  |
3 |     ProtocolVersion legacy_version = 0x10303;
  |                                      ^^^^^^^
  = help: write a value from 0 to 65535"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_fixed_value_wider_than_enum() {
    let schema = "enum { v1(0), (255) } Version;\nstruct {\n    Version version = 256;\n} X;\n";
    let expected = r#"schema.tls:3:23: error: value 256 does not fit the 1-byte `Version`
  |
3 |     Version version = 256;
  |                       ^^^
  = help: write a value from 0 to 255"#;
    assert_eq!(diagnostics(schema), expected);
}

#[test]
fn rejects_use_of_missing_file() {
    let root = SourceFile::new("schemas/schema.tls", "use \"missing.tls\";\nuint16 A;\n");
    let result = tls::compile(root, &mut MemoryLoader::new());
    let expected = r#"schemas/schema.tls:1:5: error: cannot read `schemas/missing.tls`: no such file
  |
1 | use "missing.tls";
  |     ^^^^^^^^^^^^^
  = help: `use` paths are relative to the file that contains the `use`"#;
    assert_eq!(render_all(&result.unwrap_err()), expected);
}

#[test]
fn rejects_unknown_type_in_used_file() {
    let root = SourceFile::new("ct.tls", "use \"base.tls\";\nstruct { Base b; } X;\n");
    let mut loader =
        MemoryLoader::new().with_file("base.tls", "struct {\n    Missing m;\n} Base;\n");
    let result = tls::compile(root, &mut loader);
    let expected = r#"base.tls:2:5: error: unknown type `Missing`
  |
2 |     Missing m;
  |     ^^^^^^^
  = help: define `Missing` or `use` the file that defines it"#;
    assert_eq!(render_all(&result.unwrap_err()), expected);
}

#[test]
fn rejects_nesting_past_limit() {
    let schema = format!("{} }} X;\n", "struct {".repeat(101));
    let rendered = diagnostics(&schema);
    let first_line = rendered.lines().next().unwrap();
    assert_eq!(
        first_line,
        "schema.tls:1:808: error: brackets nest deeper than 100 levels"
    );
    assert!(rendered.ends_with(
        "= help: define the inner structs as top-level types and refer to them by name"
    ));
}
