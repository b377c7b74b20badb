//! Rust names for ASN.1 references and identifiers (X.680 12.2 to 12.4 allow hyphens and
//! mixed case), and the check that no two names of one scope map to the same Rust name.

use std::collections::HashMap;
use std::sync::Arc;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use super::ast::Name;
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// The Rust name forms generated code uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RustCase {
    /// Types and CHOICE variants: `TBSCertificate` becomes `TbsCertificate`.
    UpperCamel,
    /// Fields: `type-id` becomes `type_id`.
    Snake,
    /// Constants: `id-pkix` becomes `ID_PKIX`.
    ShoutySnake,
}

/// Converts an ASN.1 name to the Rust form. Rust keywords are left as they are, because
/// the emitter writes them as raw identifiers (`r#type`).
pub fn rust_name(asn1_name: &str, case: RustCase) -> String {
    match case {
        RustCase::UpperCamel => asn1_name.to_upper_camel_case(),
        RustCase::Snake => asn1_name.to_snake_case(),
        RustCase::ShoutySnake => asn1_name.to_shouty_snake_case(),
    }
}

/// Reports each name whose Rust form equals that of a different name before it. Names
/// written twice are duplicates, which the caller reports in its own words.
pub fn check_collisions(
    file: &Arc<SourceFile>,
    names: &[&Name],
    case: RustCase,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, &Name> = HashMap::with_capacity(names.len());
    for &name in names {
        let converted = rust_name(&name.text, case);
        let earlier = seen.get(&converted).filter(|first| first.text != name.text);
        if let Some(first) = earlier {
            let (line, _) = file.line_col(first.span.start);
            diagnostics.push(
                Diagnostic::error(
                    file,
                    name.span,
                    format!(
                        "`{}` and `{}` (line {line}) both become the Rust name `{converted}`",
                        name.text, first.text
                    ),
                )
                .with_help("rename one of them; generated Rust code needs distinct names"),
            );
        } else {
            seen.entry(converted).or_insert(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_become_words() {
        assert_eq!(
            rust_name("TBSCertificate", RustCase::UpperCamel),
            "TbsCertificate"
        );
        assert_eq!(
            rust_name("ECDSA-Sig-Value", RustCase::UpperCamel),
            "EcdsaSigValue"
        );
        assert_eq!(rust_name("type-id", RustCase::Snake), "type_id");
        assert_eq!(rust_name("id-pkix", RustCase::ShoutySnake), "ID_PKIX");
    }

    #[test]
    fn hyphen_and_camel_forms_collide() {
        let file = SourceFile::new("t.asn", "Foo-Bar FooBar");
        let first = Name {
            text: "Foo-Bar".into(),
            span: crate::Span::new(0, 7),
        };
        let second = Name {
            text: "FooBar".into(),
            span: crate::Span::new(8, 14),
        };
        let mut diagnostics = Vec::new();
        check_collisions(
            &file,
            &[&first, &second],
            RustCase::UpperCamel,
            &mut diagnostics,
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].message,
            "`FooBar` and `Foo-Bar` (line 1) both become the Rust name `FooBar`"
        );
    }
}
