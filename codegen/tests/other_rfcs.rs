//! Schemas in the style of RFC 9420 (MLS), RFC 8879 (certificate compression), RFC 9147
//! (DTLS 1.3) and RFC 6066 (TLS extensions), with the IR built for each. Their texts are
//! not bundled, so the schemas are written after them, with stand-ins for outside types.

use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::tls::{self, ir};

fn compile(name: &str, text: &str) -> ir::Schema {
    match tls::compile_text(name, text) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{}", render_all(&diagnostics)),
    }
}

fn struct_body<'s>(schema: &'s ir::Schema, name: &str) -> &'s ir::Struct {
    let id = schema
        .find(name)
        .unwrap_or_else(|| panic!("{name} is defined"));
    match &schema.type_def(id).body {
        ir::TypeBody::Struct(body) => body,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn field<'s>(body: &'s ir::Struct, name: &str) -> &'s ir::Field {
    body.members
        .iter()
        .find_map(|member| match member {
            ir::Member::Field(field) if field.name == name => Some(field),
            _ => None,
        })
        .unwrap_or_else(|| panic!("field {name}"))
}

fn select(body: &ir::Struct) -> &ir::Select {
    body.members
        .iter()
        .find_map(|member| match member {
            ir::Member::Select(select) => Some(select),
            _ => None,
        })
        .expect("a select")
}

/// RFC 9420 sections 6 and 12.4: `<V>` vectors, `optional<T>`, enum-valued fixed fields
/// and selectors naming the enclosing struct.
const RFC9420: &str = r#"
/* RFC 9420 section 6: Message Framing */
enum {
    reserved(0),
    mls10(1),
    (65535)
} ProtocolVersion;

enum {
    reserved(0),
    application(1),
    proposal(2),
    commit(3),
    (255)
} ContentType;

enum {
    reserved(0),
    member(1),
    external(2),
    new_member_proposal(3),
    new_member_commit(4),
    (255)
} SenderType;

struct {
    SenderType sender_type;
    select (Sender.sender_type) {
        case member:
            uint32 leaf_index;
        case external:
            uint32 sender_index;
        case new_member_commit:
        case new_member_proposal:
            struct{};
    };
} Sender;

// Stand-ins for the proposal and commit structures of RFC 9420 section 12.
opaque Proposal<V>;
opaque Commit<V>;
opaque HashReference<V>;
HashReference KeyPackageRef;

struct {
    opaque group_id<V>;
    uint64 epoch;
    Sender sender;
    opaque authenticated_data<V>;

    ContentType content_type;
    select (FramedContent.content_type) {
        case application:
          opaque application_data<V>;
        case proposal:
          Proposal proposal;
        case commit:
          Commit commit;
    };
} FramedContent;

struct {
    uint8 present;
    select (present) {
        case 0: struct{};
        case 1: T value;
    };
} optional<T>;

struct {
    ProtocolVersion version = mls10;
    optional<KeyPackageRef> ref;
    optional<Sender> senders<V>;
} Example;
"#;

#[test]
fn accepts_rfc9420_framing() {
    let schema = compile("rfc9420.tls", RFC9420);

    let framed = struct_body(&schema, "FramedContent");
    assert_eq!(
        field(framed, "group_id").shape,
        ir::Shape::Variable {
            floor: 0,
            ceiling: None,
            prefix: ir::LengthPrefix::Varint
        }
    );
    let content = select(framed);
    assert_eq!(
        content.selector.source,
        ir::SelectorSource::Field(ir::FieldPath {
            root: ir::PathRoot::Enclosing { levels_up: 0 },
            fields: vec!["content_type".to_string()],
        })
    );
    assert_eq!(content.cases.len(), 3);

    let sender = select(struct_body(&schema, "Sender"));
    assert_eq!(
        sender.cases[2].labels,
        [
            ir::CaseLabel::Member {
                name: "new_member_commit".to_string(),
                value: 4
            },
            ir::CaseLabel::Member {
                name: "new_member_proposal".to_string(),
                value: 3
            },
        ]
    );
}

#[test]
fn accepts_rfc9420_optional_and_fixed_enum_value() {
    let schema = compile("rfc9420.tls", RFC9420);
    let optional = schema.find("optional").expect("optional is defined");
    assert_eq!(schema.type_def(optional).params, ["T"]);

    let example = struct_body(&schema, "Example");
    assert_eq!(
        field(example, "version").fixed_value,
        Some(ir::FixedValue::EnumMember {
            name: "mls10".to_string(),
            value: 1
        })
    );
    let key_package_ref = schema.find("KeyPackageRef").unwrap();
    assert_eq!(
        field(example, "ref").element,
        ir::TypeRef::Generic {
            def: optional,
            args: vec![ir::TypeRef::Named(key_package_ref)]
        }
    );
    let select = select(struct_body(&schema, "optional"));
    assert_eq!(
        select.selector.discriminant,
        ir::Discriminant::Uint { bytes: 1 }
    );
    assert_eq!(select.cases[1].labels, [ir::CaseLabel::Number(1)]);
}

#[test]
fn optional_is_built_in_when_not_defined() {
    let schema = compile("x.tls", "struct { optional<uint16> port; } X;\n");
    let body = struct_body(&schema, "X");
    assert_eq!(
        field(body, "port").element,
        ir::TypeRef::Optional(Box::new(ir::TypeRef::Uint { bytes: 2 }))
    );
}

/// RFC 8879 sections 3 and 4.
const RFC8879: &str = r#"
enum {
    zlib(1),
    brotli(2),
    zstd(3),
    (65535)
} CertificateCompressionAlgorithm;

struct {
      CertificateCompressionAlgorithm algorithms<2..2^8-2>;
} CertificateCompressionAlgorithms;

struct {
     CertificateCompressionAlgorithm algorithm;
     uint24 uncompressed_length;
     opaque compressed_certificate_message<1..2^24-1>;
} CompressedCertificate;
"#;

#[test]
fn accepts_rfc8879_compression() {
    let schema = compile("rfc8879.tls", RFC8879);
    let algorithms = struct_body(&schema, "CertificateCompressionAlgorithms");
    assert_eq!(
        field(algorithms, "algorithms").shape,
        ir::Shape::Variable {
            floor: 2,
            ceiling: Some(254),
            prefix: ir::LengthPrefix::Bytes(1)
        }
    );
    let compressed = struct_body(&schema, "CompressedCertificate");
    assert_eq!(
        field(compressed, "compressed_certificate_message").shape,
        ir::Shape::Variable {
            floor: 1,
            ceiling: Some(0xFF_FFFF),
            prefix: ir::LengthPrefix::Bytes(3)
        }
    );
    let id = schema.find("CertificateCompressionAlgorithm").unwrap();
    let ir::TypeBody::Enum(algorithm) = &schema.type_def(id).body else {
        panic!("an enum");
    };
    assert_eq!(algorithm.width, 2);
    assert!(algorithm.open);
}

/// RFC 9147 sections 4 and 5.2, with RFC 8446's ContentType and ProtocolVersion.
const RFC9147: &str = r#"
uint16 ProtocolVersion;
enum {
    invalid(0),
    change_cipher_spec(20),
    alert(21),
    handshake(22),
    application_data(23),
    (255)
} ContentType;
enum { client_hello(1), server_hello(2), (255) } HandshakeType;
opaque ClientHello<0..2^24-1>;
opaque ServerHello<0..2^24-1>;

struct {
    ContentType type;
    ProtocolVersion legacy_record_version;
    uint16 epoch = 0;
    uint48 sequence_number;
    uint16 length;
    opaque fragment[DTLSPlaintext.length];
} DTLSPlaintext;

struct {
    uint64 epoch;
    uint64 sequence_number;
} RecordNumber;

struct {
    RecordNumber record_numbers<2..2^16-2>;
} ACK;

struct {
    HandshakeType msg_type;    /* handshake type */
    uint24 length;             /* bytes in message */
    uint16 message_seq;        /* DTLS-required field */
    uint24 fragment_offset;    /* DTLS-required field */
    uint24 fragment_length;    /* DTLS-required field */
    select (msg_type) {
        case client_hello:          ClientHello;
        case server_hello:          ServerHello;
    } body;
} DTLSHandshake;
"#;

#[test]
fn accepts_rfc9147_records() {
    let schema = compile("rfc9147.tls", RFC9147);
    let plaintext = struct_body(&schema, "DTLSPlaintext");
    assert_eq!(
        field(plaintext, "sequence_number").element,
        ir::TypeRef::Uint { bytes: 6 }
    );
    assert_eq!(
        field(plaintext, "epoch").fixed_value,
        Some(ir::FixedValue::Number(0))
    );
    assert_eq!(
        plaintext.length_links,
        [ir::LengthLink {
            length: ir::FieldPath {
                root: ir::PathRoot::Enclosing { levels_up: 0 },
                fields: vec!["length".to_string()],
            },
            counted: 5,
            kind: ir::LinkKind::Declared,
        }]
    );

    let handshake = struct_body(&schema, "DTLSHandshake");
    assert_eq!(select(handshake).name.as_deref(), Some("body"));
    // `length` is not right before the select here, so no length is implied.
    assert!(handshake.length_links.is_empty());
}

/// RFC 6066 sections 3, 4 and 8.
const RFC6066: &str = r#"
struct {
    NameType name_type;
    select (name_type) {
        case host_name: HostName;
    } name;
} ServerName;

enum {
    host_name(0), (255)
} NameType;

opaque HostName<1..2^16-1>;

struct {
    ServerName server_name_list<1..2^16-1>
} ServerNameList;

enum{
    2^9(1), 2^10(2), 2^11(3), 2^12(4), (255)
} MaxFragmentLength;

struct {
    CertificateStatusType status_type;
    select (status_type) {
        case ocsp: OCSPStatusRequest;
    } request;
} CertificateStatusRequest;

enum { ocsp(1), (255) } CertificateStatusType;

struct {
    ResponderID responder_id_list<0..2^16-1>;
    Extensions  request_extensions;
} OCSPStatusRequest;

opaque ResponderID<1..2^16-1>;
opaque Extensions<0..2^16-1>;
"#;

#[test]
fn accepts_rfc6066_extensions() {
    // Section 3 prints ServerNameList without the `;` after its only field.
    let schema = compile("rfc6066.tls", RFC6066);
    let id = schema.find("MaxFragmentLength").unwrap();
    let ir::TypeBody::Enum(lengths) = &schema.type_def(id).body else {
        panic!("an enum");
    };
    let names: Vec<&str> = lengths
        .members
        .iter()
        .map(|member| member.name.as_str())
        .collect();
    assert_eq!(names, ["2^9", "2^10", "2^11", "2^12"]);

    let server_name = select(struct_body(&schema, "ServerName"));
    let host_name = schema.find("HostName").unwrap();
    assert!(matches!(
        server_name.cases[0].members[..],
        [ir::Member::Value { ty: ir::TypeRef::Named(id), .. }] if id == host_name
    ));
}
