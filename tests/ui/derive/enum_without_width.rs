#[derive(Clone, Copy, rfcodec::Tls)]
enum Version {
    V1 = 0,
}

fn main() {}
