//! include_schema! of a file that does not exist. Paths are relative to the package
//! root, and the message names the resolved path.

rfcodec::include_schema!("schemas/missing.tls");

fn main() {}
