//! A compact text form of the resolved IR in ASN.1-like notation (X.680), one line per
//! component, with the resolved tags, presence and recursion marks spelled out. Snapshot
//! tests read this; the derived `Debug` form contains the same facts at ten times the length.

use std::fmt::{self, Write};

use super::ir::*;

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let oid = self
            .oid
            .as_ref()
            .map(|arcs| format!(" {{{}}}", dotted(arcs)));
        let tags = match self.tag_default {
            TagDefault::Explicit => "EXPLICIT",
            TagDefault::Implicit => "IMPLICIT",
            TagDefault::Automatic => "AUTOMATIC",
        };
        write!(f, "{}{} {tags} TAGS", self.name, oid.unwrap_or_default())?;
        if self.extensibility_implied {
            write!(f, " EXTENSIBILITY IMPLIED")?;
        }
        writeln!(f)?;
        for import in &self.imports {
            writeln!(
                f,
                "IMPORTS {} FROM module {}",
                import.symbols.join(", "),
                import.module
            )?;
        }
        for assignment in &self.types {
            let recursive = if assignment.recursive {
                "  -- recursive"
            } else {
                ""
            };
            let mut body = String::new();
            write_type(&mut body, &assignment.ty, 1)?;
            writeln!(f, "{} ::= {body}{recursive}", assignment.name)?;
        }
        for assignment in &self.values {
            let mut value = String::new();
            write_value(&mut value, &assignment.value)?;
            writeln!(f, "{} ::= {value}", assignment.name)?;
        }
        Ok(())
    }
}

fn dotted(arcs: &[u64]) -> String {
    arcs.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn tag_text(class: TagClass, number: u64) -> String {
    match class {
        TagClass::ContextSpecific => format!("[{number}]"),
        TagClass::Application => format!("[APPLICATION {number}]"),
        TagClass::Private => format!("[PRIVATE {number}]"),
        TagClass::Universal => format!("[UNIVERSAL {number}]"),
    }
}

/// Writes a type; `indent` is the nesting level of its components.
fn write_type(out: &mut String, ty: &Type, indent: usize) -> fmt::Result {
    for tag in &ty.tags {
        let mode = match tag.mode {
            TagMode::Explicit => "EXPLICIT",
            TagMode::Implicit => "IMPLICIT",
        };
        let automatic = if tag.automatic { " AUTOMATIC" } else { "" };
        write!(
            out,
            "{} {mode}{automatic} ",
            tag_text(tag.class, tag.number)
        )?;
    }
    write_kind(out, &ty.kind, indent)?;
    for constraint in &ty.constraints {
        out.push_str(" (");
        write_constraint(out, constraint)?;
        out.push(')');
    }
    Ok(())
}

fn write_kind(out: &mut String, kind: &TypeKind, indent: usize) -> fmt::Result {
    match kind {
        TypeKind::Boolean => out.push_str("BOOLEAN"),
        TypeKind::Null => out.push_str("NULL"),
        TypeKind::Real => out.push_str("REAL"),
        TypeKind::OctetString => out.push_str("OCTET STRING"),
        TypeKind::ObjectIdentifier => out.push_str("OBJECT IDENTIFIER"),
        TypeKind::RelativeOid => out.push_str("RELATIVE-OID"),
        TypeKind::UtcTime => out.push_str("UTCTime"),
        TypeKind::GeneralizedTime => out.push_str("GeneralizedTime"),
        TypeKind::CharacterString(string) => out.push_str(string.asn1_name()),
        TypeKind::Integer { named_numbers } => {
            out.push_str("INTEGER");
            write_named(out, named_numbers, &[])?;
        }
        TypeKind::BitString { named_bits } => {
            out.push_str("BIT STRING");
            write_named(out, named_bits, &[])?;
        }
        TypeKind::Enumerated {
            root,
            extensible,
            additions,
        } => {
            out.push_str("ENUMERATED");
            let marker: &[NamedNumber] = &[];
            if *extensible {
                write_named(out, root, additions)?;
            } else {
                write_named(out, root, marker)?;
            }
        }
        TypeKind::Any { defined_by } => {
            out.push_str("ANY");
            if let Some(defined_by) = defined_by {
                write!(
                    out,
                    " DEFINED BY {} (component {})",
                    defined_by.component, defined_by.index
                )?;
            }
        }
        TypeKind::List {
            kind,
            element_name,
            element,
        } => {
            out.push_str(match kind {
                ListKind::SequenceOf => "SEQUENCE OF ",
                ListKind::SetOf => "SET OF ",
            });
            if let Some(name) = element_name {
                write!(out, "{name} ")?;
            }
            write_type(out, element, indent)?;
        }
        TypeKind::Reference {
            target,
            name,
            boxed,
        } => {
            let boxed = if *boxed { " BOXED" } else { "" };
            write!(
                out,
                "{name} (type {}.{}){boxed}",
                target.module, target.index
            )?;
        }
        TypeKind::Structure {
            kind,
            components,
            extensible,
        } => write_structure(out, *kind, components, *extensible, indent)?,
    }
    Ok(())
}

/// Writes `{ a(1), b(2) }`, with `...` before any additions when `additions` is given.
fn write_named(out: &mut String, root: &[NamedNumber], additions: &[NamedNumber]) -> fmt::Result {
    if root.is_empty() && additions.is_empty() {
        return Ok(());
    }
    let mut items: Vec<String> = root
        .iter()
        .map(|n| format!("{}({})", n.name, n.value))
        .collect();
    if !additions.is_empty() {
        items.push("...".to_string());
        items.extend(additions.iter().map(|n| format!("{}({})", n.name, n.value)));
    }
    write!(out, " {{ {} }}", items.join(", "))
}

fn write_structure(
    out: &mut String,
    kind: StructureKind,
    components: &[Component],
    extensible: bool,
    indent: usize,
) -> fmt::Result {
    out.push_str(match kind {
        StructureKind::Sequence => "SEQUENCE {",
        StructureKind::Set => "SET {",
        StructureKind::Choice => "CHOICE {",
    });
    let pad = "  ".repeat(indent);
    for component in components {
        write!(out, "\n{pad}{} ", component.name)?;
        match &component.outer_tags {
            OuterTags::One(class, number) => write!(out, "<{}> ", tag_text(*class, *number))?,
            OuterTags::AnyOf(tags) => {
                let all: Vec<String> = tags.iter().map(|(c, n)| tag_text(*c, *n)).collect();
                write!(out, "<{}> ", all.join("|"))?;
            }
            OuterTags::Open => out.push_str("<any tag> "),
        }
        write_type(out, &component.ty, indent + 1)?;
        match &component.presence {
            Presence::Required => {}
            Presence::Optional => out.push_str(" OPTIONAL"),
            Presence::Default(value) => {
                out.push_str(" DEFAULT ");
                write_value(out, value)?;
            }
        }
        match component.placement {
            Placement::Root => {}
            Placement::Addition => out.push_str(" -- extension addition"),
            Placement::AdditionGroup { index, version } => {
                write!(out, " -- addition group {index}")?;
                if let Some(version) = version {
                    write!(out, " version {version}")?;
                }
            }
        }
        if let Some(source) = component.copied_from {
            write!(
                out,
                " -- COMPONENTS OF type {}.{}",
                source.module, source.index
            )?;
        }
    }
    if extensible {
        write!(out, "\n{pad}...")?;
    }
    write!(out, "\n{}}}", "  ".repeat(indent - 1))
}

fn write_constraint(out: &mut String, constraint: &Constraint) -> fmt::Result {
    if let Some(root) = &constraint.root {
        write_element_set(out, root)?;
    }
    if constraint.extensible {
        out.push_str(if constraint.root.is_some() {
            ", ..."
        } else {
            "..."
        });
    }
    if let Some(additions) = &constraint.additions {
        out.push_str(", ");
        write_element_set(out, additions)?;
    }
    Ok(())
}

fn write_element_set(out: &mut String, set: &ElementSet) -> fmt::Result {
    let join = |out: &mut String, sets: &[ElementSet], separator: &str| -> fmt::Result {
        for (index, set) in sets.iter().enumerate() {
            if index > 0 {
                out.push_str(separator);
            }
            write_element_set(out, set)?;
        }
        Ok(())
    };
    match set {
        ElementSet::Union(sets) => join(out, sets, " | "),
        ElementSet::Intersection(sets) => join(out, sets, " ^ "),
        ElementSet::Except(kept, excluded) => {
            write_element_set(out, kept)?;
            out.push_str(" EXCEPT ");
            write_element_set(out, excluded)
        }
        ElementSet::AllExcept(excluded) => {
            out.push_str("ALL EXCEPT ");
            write_element_set(out, excluded)
        }
        ElementSet::Element(element) => write_element(out, element),
    }
}

fn write_element(out: &mut String, element: &Element) -> fmt::Result {
    match element {
        Element::SingleValue(value) => write_value(out, value),
        Element::Range { lower, upper } => {
            write_endpoint(out, lower, false)?;
            out.push_str("..");
            write_endpoint(out, upper, true)
        }
        Element::Size(inner) => {
            out.push_str("SIZE (");
            write_constraint(out, inner)?;
            out.push(')');
            Ok(())
        }
        Element::PermittedAlphabet(inner) => {
            out.push_str("FROM (");
            write_constraint(out, inner)?;
            out.push(')');
            Ok(())
        }
        Element::Includes(ty) => {
            out.push_str("INCLUDES ");
            write_type(out, ty, 1)
        }
    }
}

fn write_endpoint(out: &mut String, endpoint: &Endpoint, upper: bool) -> fmt::Result {
    match endpoint {
        Endpoint::Min => out.push_str("MIN"),
        Endpoint::Max => out.push_str("MAX"),
        Endpoint::Value { value, open } => {
            if *open && upper {
                out.push('<');
            }
            write_value(out, value)?;
            if *open && !upper {
                out.push('<');
            }
        }
    }
    Ok(())
}

fn write_value(out: &mut String, value: &Value) -> fmt::Result {
    match value {
        Value::Boolean(true) => out.push_str("TRUE"),
        Value::Boolean(false) => out.push_str("FALSE"),
        Value::Null => out.push_str("NULL"),
        Value::Integer(n) => write!(out, "{n}")?,
        Value::Enumerated { name, value } => write!(out, "{name}({value})")?,
        Value::Real(real) => write!(out, "{real:?}")?,
        Value::BitString(bits) => {
            let digits: String = bits.iter().map(|&b| if b { '1' } else { '0' }).collect();
            write!(out, "'{digits}'B")?;
        }
        Value::OctetString(bytes) => {
            let digits: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
            write!(out, "'{digits}'H")?;
        }
        Value::ObjectIdentifier(arcs) => write!(out, "{{{}}}", dotted(arcs))?,
        Value::RelativeOid(arcs) => write!(out, "RELATIVE-OID {{{}}}", dotted(arcs))?,
        Value::String(text) => write!(out, "{text:?}")?,
        Value::List(items) => {
            out.push('{');
            for (index, item) in items.iter().enumerate() {
                out.push_str(if index > 0 { ", " } else { " " });
                write_value(out, item)?;
            }
            out.push_str(if items.is_empty() { "}" } else { " }" });
        }
        Value::Structure(fields) => {
            out.push('{');
            for (index, (name, field)) in fields.iter().enumerate() {
                out.push_str(if index > 0 { ", " } else { " " });
                write!(out, "{name} ")?;
                write_value(out, field)?;
            }
            out.push_str(if fields.is_empty() { "}" } else { " }" });
        }
        Value::Choice { alternative, value } => {
            write!(out, "{alternative} : ")?;
            write_value(out, value)?;
        }
    }
    Ok(())
}
