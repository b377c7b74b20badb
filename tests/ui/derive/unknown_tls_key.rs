#[derive(rfcodec::Tls)]
struct Signature<'a> {
    #[tls(ceiling = 65535)]
    signature: &'a [u8],
}

fn main() {}
