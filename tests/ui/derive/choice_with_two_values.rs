#[derive(rfcodec::Der)]
enum Time {
    UtcTime(rfcodec::der::UtcTime, bool),
}

fn main() {}
