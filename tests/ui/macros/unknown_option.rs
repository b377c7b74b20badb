//! include_schema! with a misspelt option, reported on the option's name.

rfcodec::include_schema!("../schemas/rfc8446.tls", open_enum = ["ExtensionType"]);

fn main() {}
