#[derive(rfcodec::Der)]
struct Extension<'a> {
    #[der(explicit)]
    extn_id: rfcodec::der::ObjectIdentifier<'a>,
}

fn main() {}
