//! tls! with a variable vector whose floor is above its ceiling.

rfcodec::tls!(r#"opaque SerializedSCT<2^16-1..1>;"#);

fn main() {}
