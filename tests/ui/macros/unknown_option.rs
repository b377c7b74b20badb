rfcodec::include_schema!("../schemas/rfc8446.tls", open_enum = ["ExtensionType"]);

fn main() {}
