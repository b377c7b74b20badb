//! tls! with a member missing its `;`, reported with the snippet's line and column.

rfcodec::tls!(
    r#"
struct {
    uint8 major
    uint8 minor;
} ProtocolVersion;
"#
);

fn main() {}
