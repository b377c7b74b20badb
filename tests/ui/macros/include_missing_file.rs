// The path is relative to the package root, and the message names the resolved path.
rfcodec::include_schema!("schemas/missing.tls");

fn main() {}
