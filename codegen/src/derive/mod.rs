//! `#[derive(Tls)]` and `#[derive(Der)]` on hand-written types: attributes say what the
//! Rust type cannot (vector ranges, tags, DEFAULT values), and the field code comes from
//! the same wire emitters as schema code. Every mistake is reported, each spanned on the
//! attribute or field at fault.

mod attrs;
mod der;
mod tls;

pub use der::derive_der;
pub use tls::derive_tls;

/// Collects errors so that one run reports every mistake, as a compiler would.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(first) => first.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// Evaluates a number as the RFCs write lengths and values: decimal, `0x` hex, and the
/// operators `^`, `*`, `+` and `-` (`2^16-1`, `2^24-1`). Returns `None` on any other text
/// or on overflow.
pub fn evaluate_number(text: &str) -> Option<u64> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (value, rest) = parse_sum(&text)?;
    rest.is_empty().then_some(value)
}

fn parse_sum(text: &str) -> Option<(u64, &str)> {
    let (mut value, mut rest) = parse_product(text)?;
    while let Some(operator) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
        let (right, after) = parse_product(&rest[1..])?;
        value = if operator == '+' {
            value.checked_add(right)?
        } else {
            value.checked_sub(right)?
        };
        rest = after;
    }
    Some((value, rest))
}

fn parse_product(text: &str) -> Option<(u64, &str)> {
    let (mut value, mut rest) = parse_power(text)?;
    while let Some(after_star) = rest.strip_prefix('*') {
        let (right, after) = parse_power(after_star)?;
        value = value.checked_mul(right)?;
        rest = after;
    }
    Some((value, rest))
}

fn parse_power(text: &str) -> Option<(u64, &str)> {
    let (base, rest) = parse_atom(text)?;
    match rest.strip_prefix('^') {
        Some(after_caret) => {
            let (exponent, after) = parse_atom(after_caret)?;
            Some((base.checked_pow(u32::try_from(exponent).ok()?)?, after))
        }
        None => Some((base, rest)),
    }
}

fn parse_atom(text: &str) -> Option<(u64, &str)> {
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        let end = hex
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(hex.len());
        return Some((u64::from_str_radix(&hex[..end], 16).ok()?, &hex[end..]));
    }
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    Some((text[..end].parse().ok()?, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluate_number_reads_rfc_expressions() {
        assert_eq!(evaluate_number("2^16-1"), Some(65535));
        assert_eq!(evaluate_number("2^24 - 1"), Some(16_777_215));
        assert_eq!(evaluate_number("2^8-2"), Some(254));
        assert_eq!(evaluate_number("0xFFFF"), Some(65535));
        assert_eq!(evaluate_number("48"), Some(48));
        assert_eq!(evaluate_number("2*3+1"), Some(7));
    }

    #[test]
    fn evaluate_number_rejects_other_text() {
        assert_eq!(evaluate_number("2^64"), None);
        assert_eq!(evaluate_number("1-2"), None);
        assert_eq!(evaluate_number("x"), None);
        assert_eq!(evaluate_number(""), None);
    }
}
