#[derive(rfcodec::Der)]
struct Extension {
    #[der(default = false)]
    critical: Option<bool>,
}

fn main() {}
