rfcodec::tls!(r#"opaque SerializedSCT<2^16-1..1>;"#);

fn main() {}
