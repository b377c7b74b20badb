#[derive(rfcodec::Der)]
union Bits {
    a: u8,
}

fn main() {}
