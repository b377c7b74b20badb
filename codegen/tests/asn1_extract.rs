//! Extraction of ASN.1 modules (X.680 13.1) from RFC plain text, and the check of what
//! comes out.

use std::path::PathBuf;

use rfcodec_codegen::diagnostic::render_all;
use rfcodec_codegen::{SourceFile, asn1};

fn read(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Drops the provenance comment and blank line that open each bundled schema file.
fn without_header(schema: &str) -> &str {
    let start = schema.find("\n\n").expect("schema has a header comment");
    &schema[start + 2..]
}

fn assert_checks(name: &str, text: &str) -> asn1::ir::Ir {
    match asn1::check_files(&[SourceFile::new(name, text)]) {
        Ok(ir) => ir,
        Err(found) => panic!("{}", render_all(&found)),
    }
}

#[test]
fn rfc5280_appendix_a_matches_schemas() {
    let extracted = asn1::extract_modules(&read("tests/data/rfc/rfc5280.txt"));
    let explicit = read("schemas/rfc5280-explicit.asn");
    let implicit = read("schemas/rfc5280-implicit.asn");
    let expected = format!(
        "{}\n{}",
        without_header(&explicit),
        without_header(&implicit)
    );
    assert_eq!(extracted, expected);
}

#[test]
fn rfc5280_extraction_has_no_page_furniture() {
    let extracted = asn1::extract_modules(&read("tests/data/rfc/rfc5280.txt"));
    assert!(!extracted.contains('\u{c}'));
    assert!(!extracted.contains("[Page "));
    assert!(!extracted.contains("RFC 5280 "));
}

#[test]
fn rfc5280_extraction_checks() {
    let extracted = asn1::extract_modules(&read("tests/data/rfc/rfc5280.txt"));
    let ir = assert_checks("rfc5280-appendix-a.asn", &extracted);
    let names: Vec<&str> = ir.modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["PKIX1Explicit88", "PKIX1Implicit88"]);
}

/// Lays a module out as an RFC prints it: indented three spaces, under a section
/// heading, with a page break (blank padding, footer, form feed, running header) every
/// 40 lines where a break falls between two non-blank lines.
fn paginate(module: &str) -> String {
    let mut out = String::from(
        "5.  ASN.1 Module\n\n   The module below defines the algorithm identifiers.\n\n",
    );
    let lines: Vec<&str> = module.lines().collect();
    let mut page = 2;
    let mut since_break = 0;
    for (index, line) in lines.iter().enumerate() {
        out.push_str(&format!("   {line}\n").replace("   \n", "\n"));
        since_break += 1;
        let next_is_text = lines
            .get(index + 1)
            .is_some_and(|next| !next.trim().is_empty());
        if since_break >= 40 && !line.trim().is_empty() && next_is_text {
            out.push_str(&format!(
                "\n\n\nPolk, et al.                 Standards Track                    [Page {page}]\n\
                 \u{c}\nRFC 3279          Algorithms and Identifiers for PKIX        April 2002\n\n\n"
            ));
            page += 1;
            since_break = 0;
        }
    }
    out.push_str("\n6.  Security Considerations\n\n   None here.\n");
    out
}

#[test]
fn paginated_rfc3279_module_round_trips() {
    let module = read("tests/data/asn1/rfc3279.asn");
    let rfc = paginate(&module);
    assert!(rfc.matches("[Page ").count() >= 5);

    let extracted = asn1::extract_modules(&rfc);
    assert_eq!(extracted, module);
    let ir = assert_checks("rfc3279-extracted.asn", &extracted);
    assert_eq!(ir.modules[0].name, "PKIX1Algorithms88");
    assert_eq!(ir.modules[0].oid, Some(vec![1, 3, 6, 1, 5, 5, 7, 0, 17]));
}

#[test]
fn text_without_modules_extracts_nothing() {
    assert_eq!(
        asn1::extract_modules(&read("tests/data/rfc/rfc6962.txt")),
        ""
    );
}
