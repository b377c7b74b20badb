#[derive(Clone, Copy, rfcodec::Tls)]
#[repr(u8)]
enum Kind {
    A = 0,
    B = 1,
}

#[derive(rfcodec::Tls)]
#[tls(select = Kind)]
enum Body {
    #[tls(case = Kind::A)]
    A(u16),
    B(u32),
}

fn main() {}
