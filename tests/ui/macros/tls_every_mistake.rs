//! Every mistake of a tls! snippet is its own error, all on the literal.

rfcodec::tls!(
    r#"
opaque SerializedSCT<2^16-1..1>;

struct {
    SerializedSct sct_list <1..2^16-1>;
} SignedCertificateTimestampList;
"#
);

fn main() {}
