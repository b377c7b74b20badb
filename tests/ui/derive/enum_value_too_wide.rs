#[derive(Clone, Copy, rfcodec::Tls)]
#[tls(width = 1)]
enum ExtensionType {
    ServerName = 0,
    PrivateUse = 65280,
}

fn main() {}
