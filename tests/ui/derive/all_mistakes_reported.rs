#[derive(rfcodec::Tls)]
struct Hello<'a> {
    random: &'a [u8],
    #[tls(range = "1..0")]
    session_id: &'a [u8],
    #[tls(uint24)]
    length: u16,
}

fn main() {}
