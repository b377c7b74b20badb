#[derive(rfcodec::Tls)]
struct Signature<'a> {
    #[tls(range = "10..2")]
    signature: &'a [u8],
}

fn main() {}
