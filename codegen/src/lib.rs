//! Schema front ends and code generation for rfcodec.
//!
//! Two notations are read verbatim as RFCs print them: the TLS presentation language
//! (`tls`) and ASN.1 module notation (`asn1`). Each front end parses with a pest grammar,
//! resolves names into an IR that keeps source spans, and reports every problem it finds
//! as a [`Diagnostic`] with file, line and column.

pub mod asn1;
pub mod bind;
pub mod builder;
pub mod derive;
pub mod diagnostic;
pub mod emit;
pub mod generate;
pub mod rfc_text;
pub mod schema_macros;
pub mod source;
pub mod tls;

pub use builder::{BuildError, Builder};
pub use diagnostic::Diagnostic;
pub use source::{SourceFile, Span};
