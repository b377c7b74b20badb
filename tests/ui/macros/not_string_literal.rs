rfcodec::include_schema!(schemas::rfc6962);

fn main() {}
