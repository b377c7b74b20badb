//! Reading `#[tls(...)]` and `#[der(...)]` attributes into plain values, with every
//! unknown or malformed key reported at its span.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, LitInt, LitStr, Pat};

use super::{Errors, evaluate_number};

/// One recognised key of an attribute and its value.
pub enum Value {
    Flag,
    Number(u64),
    Text(LitStr),
    Path(syn::Path),
    Pattern(Pat),
    Expression(Expr),
}

pub struct Entry {
    pub key: String,
    pub span: Span,
    pub value: Value,
}

/// The kind of value a key takes.
#[derive(Clone, Copy)]
pub enum Kind {
    Flag,
    Number,
    Text,
    Path,
    Pattern,
    Expression,
}

/// Reads every `#[name(...)]` attribute, accepting only the keys in `known`; unknown
/// keys and malformed values go to `errors`.
pub fn read(
    attrs: &[Attribute],
    name: &str,
    known: &[(&str, Kind)],
    errors: &mut Errors,
) -> Vec<Entry> {
    let mut entries = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(name)) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let Some(&(_, kind)) = known.iter().find(|(known_key, _)| *known_key == key) else {
                let keys: Vec<&str> = known.iter().map(|(key, _)| *key).collect();
                return Err(meta.error(format!(
                    "unknown `{name}` attribute key; expected one of: {}",
                    keys.join(", ")
                )));
            };
            let span = meta.path.span();
            let value = match kind {
                Kind::Flag => Value::Flag,
                Kind::Number => {
                    let expression: Expr = meta.value()?.parse()?;
                    Value::Number(read_number(&expression)?)
                }
                Kind::Text => Value::Text(meta.value()?.parse()?),
                Kind::Path => Value::Path(meta.value()?.parse()?),
                Kind::Pattern => Value::Pattern(Pat::parse_multi(meta.value()?)?),
                Kind::Expression => Value::Expression(meta.value()?.parse()?),
            };
            entries.push(Entry { key, span, value });
            Ok(())
        });
        if let Err(error) = result {
            errors.push(error);
        }
    }
    entries
}

/// Reads a number given as an integer literal or as an RFC expression in a string.
fn read_number(expression: &Expr) -> syn::Result<u64> {
    let Expr::Lit(literal) = expression else {
        return Err(syn::Error::new(
            expression.span(),
            "expected a number, such as `32` or `\"2^16-1\"`",
        ));
    };
    match &literal.lit {
        Lit::Int(int) => int.base10_parse(),
        Lit::Str(text) => evaluate_number(&text.value())
            .ok_or_else(|| syn::Error::new(text.span(), "expected a number such as `\"2^16-1\"`")),
        other => Err(syn::Error::new(other.span(), "expected a number")),
    }
}

/// Parses `floor..ceiling` with RFC number expressions on both sides.
pub fn read_range(text: &LitStr) -> syn::Result<(u64, u64)> {
    let value = text.value();
    let invalid = || {
        syn::Error::new(
            text.span(),
            format!(
                "invalid vector range `{value}`; expected `floor..ceiling`, such as `1..2^16-1`"
            ),
        )
    };
    let (floor, ceiling) = value.split_once("..").ok_or_else(invalid)?;
    let floor = evaluate_number(floor).ok_or_else(invalid)?;
    let ceiling = evaluate_number(ceiling).ok_or_else(invalid)?;
    if floor > ceiling {
        return Err(syn::Error::new(
            text.span(),
            format!("vector floor {floor} is above its ceiling {ceiling}"),
        ));
    }
    if ceiling > u64::from(u32::MAX) {
        return Err(syn::Error::new(
            text.span(),
            format!("vector ceiling {ceiling} is above 2^32-1, the largest a 4-byte prefix holds"),
        ));
    }
    Ok((floor, ceiling))
}

/// Returns the integer literal of an enum discriminant, if any.
pub fn discriminant(expression: &Expr) -> syn::Result<u64> {
    match expression {
        Expr::Lit(literal) => match &literal.lit {
            Lit::Int(int) => int.base10_parse(),
            other => Err(syn::Error::new(
                other.span(),
                "expected an integer discriminant",
            )),
        },
        other => Err(syn::Error::new(
            other.span(),
            "expected an integer discriminant",
        )),
    }
}

/// Finds the first entry with `key`.
pub fn find<'e>(entries: &'e [Entry], key: &str) -> Option<&'e Entry> {
    entries.iter().find(|entry| entry.key == key)
}

pub fn int_literal(value: u64) -> LitInt {
    LitInt::new(&value.to_string(), Span::call_site())
}
