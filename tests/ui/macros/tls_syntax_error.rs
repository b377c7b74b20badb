rfcodec::tls!(
    r#"
struct {
    uint8 major
    uint8 minor;
} ProtocolVersion;
"#
);

fn main() {}
