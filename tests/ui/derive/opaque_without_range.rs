#[derive(rfcodec::Tls)]
struct Signature<'a> {
    signature: &'a [u8],
}

fn main() {}
