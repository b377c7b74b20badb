#[derive(rfcodec::Tls)]
struct Signature<'a> {
    #[tls(range = "0..2^^16")]
    signature: &'a [u8],
}

fn main() {}
