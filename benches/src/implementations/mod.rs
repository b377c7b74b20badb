//! The benchmarked operations, one module per implementation.

pub mod asn1;
pub mod rfcodec;
pub mod tls_codec;
pub mod x509_cert;
pub mod x509_parser;
