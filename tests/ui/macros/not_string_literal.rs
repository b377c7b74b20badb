//! include_schema! given a Rust path where a string literal must be.

rfcodec::include_schema!(schemas::rfc6962);

fn main() {}
