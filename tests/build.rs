//! Generates the codecs of the bundled schemas with the build-script `Builder`: once as
//! the schemas alone, and once more with `schemas/ct.bind` into `OUT_DIR/bound`, whose
//! structs get typed accessors for the layers the binding file links.

use std::path::PathBuf;

const SCHEMAS: [&str; 7] = [
    "../schemas/rfc5246.tls",
    "../schemas/rfc6962.tls",
    "../schemas/rfc8446.tls",
    "../schemas/rfc5280-explicit.asn",
    "../schemas/rfc5280-implicit.asn",
    "../schemas/rfc3279.asn",
    "../schemas/rfc6962-oids.asn",
];

fn builder() -> rfcodec_codegen::Builder {
    SCHEMAS
        .iter()
        .fold(rfcodec_codegen::Builder::new(), |builder, schema| {
            builder.schema(schema)
        })
        .open_enum("ExtensionType")
        .open_enum("NamedGroup")
        .open_enum("SignatureScheme")
}

fn main() {
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bound = out_dir.join("bound");
    let result = std::fs::create_dir_all(&bound)
        .map_err(|error| error.to_string())
        .and_then(|()| builder().generate().map_err(|error| error.to_string()))
        .and_then(|_| {
            builder()
                .schema("../schemas/ct.bind")
                .out_dir(&bound)
                .generate()
                .map_err(|error| error.to_string())
        });
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
