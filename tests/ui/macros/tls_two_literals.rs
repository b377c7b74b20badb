//! tls! takes one text literal, and the second one is the error.

rfcodec::tls!(r#"enum { v1(0), (255) } Version;"#, r#"struct { opaque key_id[32]; } LogID;"#);

fn main() {}
