//! Generates the codecs of the bundled schemas with the build-script `Builder`.

fn main() {
    let result = rfcodec_codegen::Builder::new()
        .schema("../schemas/rfc5246.tls")
        .schema("../schemas/rfc6962.tls")
        .schema("../schemas/rfc8446.tls")
        .schema("../schemas/rfc5280-explicit.asn")
        .schema("../schemas/rfc5280-implicit.asn")
        .schema("../schemas/rfc3279.asn")
        .schema("../schemas/rfc6962-oids.asn")
        .open_enum("ExtensionType")
        .open_enum("NamedGroup")
        .open_enum("SignatureScheme")
        .generate();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
