//! Generates the X.509, RFC 3279 and Certificate Transparency codecs that SCT
//! verification decodes certificates, SCTs and signatures with.

fn main() {
    let result = rfcodec_codegen::Builder::new()
        .schema("../schemas/rfc5246.tls")
        .schema("../schemas/rfc6962.tls")
        .schema("../schemas/rfc5280-explicit.asn")
        .schema("../schemas/rfc5280-implicit.asn")
        .schema("../schemas/rfc3279.asn")
        .schema("../schemas/rfc6962-oids.asn")
        .generate();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
