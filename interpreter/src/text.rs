//! The annotated dump of `rfcodec inspect`: one line per value with its offset, its tag
//! and length octets or TLS length prefix, its length, field name and value, and bound
//! layers indented under the field that contains their bytes.

use std::fmt::Write;

use crate::schemas::Encoding;
use crate::tree::{Annotation, Decoded, Node, Value};

/// Byte strings longer than this are shown by their first bytes and their length.
const MAX_HEX_BYTES: usize = 48;

/// Renders the tree of `decoded`, whose offsets point into `input`.
pub fn to_text(decoded: &Decoded, input: &[u8]) -> String {
    let mut out = String::from("offset  tag/prefix      length  field: value\n");
    match &decoded.root {
        Ok(root) => write_node(&mut out, root, input, 0, None),
        Err(problem) => {
            let _ = writeln!(out, "error: {problem}");
        }
    }
    out
}

fn write_node(out: &mut String, node: &Node, input: &[u8], depth: usize, label: Option<&str>) {
    // A CHOICE is printed as its alternative, named after the component of that type.
    if let Value::Choice(inner) = &node.value {
        let label = format!("{} ({})", label.unwrap_or(&node.name), inner.name);
        write_node(out, inner, input, depth, Some(&label));
        write_layer(out, node, input, depth);
        return;
    }
    let header = input
        .get(node.offset..node.offset + node.header_len)
        .map_or(String::new(), spaced_hex);
    let header = if header.is_empty() {
        "-".to_string()
    } else {
        header
    };
    let name = label.unwrap_or(&node.name);
    let _ = write!(
        out,
        "{:>6}  {:<14} {:>6}  {}{name}: {}",
        node.offset,
        header,
        node.content_len,
        "  ".repeat(depth),
        describe(node)
    );
    for (key, annotation) in &node.annotations {
        match annotation {
            Annotation::Bool(flag) => {
                let _ = write!(out, " [{key}: {flag}]");
            }
            Annotation::Text(text) => {
                let _ = write!(out, " [{key}: {text}]");
            }
        }
    }
    out.push('\n');
    for child in node.children() {
        write_node(out, child, input, depth + 1, None);
    }
    write_layer(out, node, input, depth);
}

fn write_layer(out: &mut String, node: &Node, input: &[u8], depth: usize) {
    if let Some(layer) = &node.layer {
        let encoding = match layer.encoding {
            Encoding::Der => "der",
            Encoding::Tls => "tls",
        };
        let label = format!("=> {encoding} {}", layer.type_name);
        write_node(out, layer, input, depth + 1, Some(&label));
    }
    if let Some(problem) = &node.problem {
        let _ = writeln!(
            out,
            "{:>6}  {:<14} {:>6}  {}error: {problem}",
            problem.offset,
            "!",
            "",
            "  ".repeat(depth + 1)
        );
    }
}

/// Returns the value part of a node's line.
fn describe(node: &Node) -> String {
    let type_name = &node.type_name;
    match &node.value {
        Value::Struct(_) => type_name.clone(),
        Value::List(children) => format!("{type_name}, {} elements", children.len()),
        Value::Choice(inner) => inner.name.clone(),
        Value::Uint(number) if node.name == "timestamp" && type_name == "uint64" => {
            match rfc3339_millis(*number) {
                Some(time) => format!("{number} ({time})"),
                None => number.to_string(),
            }
        }
        Value::Uint(number) => number.to_string(),
        Value::Integer(bytes) => integer_text(bytes),
        Value::Enum { name, number } => match name {
            Some(name) => format!("{name} ({number})"),
            None => format!("unnamed value {number}"),
        },
        Value::Boolean(flag) => if *flag { "TRUE" } else { "FALSE" }.to_string(),
        Value::Null => "NULL".to_string(),
        Value::ObjectIdentifier { arcs, name } => {
            let dotted = dotted(arcs);
            match name {
                Some(name) => format!("{dotted} ({name})"),
                None => dotted,
            }
        }
        Value::Bytes(bytes) => format!("{type_name} {}", hex_text(bytes)),
        Value::BitString { unused_bits, bytes } => {
            format!("BIT STRING, {unused_bits} unused bits, {}", hex_text(bytes))
        }
        Value::Text(text) => format!("{type_name} {text:?}"),
        Value::Time(time) => format!("{type_name} {time}"),
        Value::Absent => "absent".to_string(),
    }
}

/// Returns an INTEGER in decimal when it fits 64 bits, else in hex.
pub(crate) fn integer_text(bytes: &[u8]) -> String {
    match small_integer(bytes) {
        Some(number) => number.to_string(),
        None => match integer_hex(bytes).strip_prefix('-') {
            Some(magnitude) => format!("-0x{magnitude}"),
            None => format!("0x{}", integer_hex(bytes)),
        },
    }
}

/// Returns the hex digits of an INTEGER's magnitude without a leading 00 sign octet,
/// with a `-` in front of a negative one.
pub(crate) fn integer_hex(bytes: &[u8]) -> String {
    match bytes {
        [0, rest @ ..] if !rest.is_empty() => hex(rest),
        [first, ..] if first & 0x80 != 0 => format!("-{}", hex(&negate(bytes))),
        _ => hex(bytes),
    }
}

/// Returns the magnitude of a negative two's complement number: its bits inverted, plus
/// one, without leading zero octets.
fn negate(bytes: &[u8]) -> Vec<u8> {
    let mut magnitude: Vec<u8> = bytes.iter().map(|byte| !byte).collect();
    for byte in magnitude.iter_mut().rev() {
        let (sum, carry) = byte.overflowing_add(1);
        *byte = sum;
        if !carry {
            break;
        }
    }
    let first = magnitude
        .iter()
        .position(|&byte| byte != 0)
        .unwrap_or(magnitude.len() - 1);
    magnitude.split_off(first)
}

/// Returns a two's complement INTEGER of at most 8 content octets as a number.
pub(crate) fn small_integer(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || bytes.len() > 8 {
        return None;
    }
    let fill = if bytes[0] & 0x80 != 0 { 0xff } else { 0 };
    let mut buffer = [fill; 8];
    buffer[8 - bytes.len()..].copy_from_slice(bytes);
    Some(i64::from_be_bytes(buffer))
}

pub(crate) fn dotted(arcs: &[u128]) -> String {
    let arcs: Vec<String> = arcs.iter().map(ToString::to_string).collect();
    arcs.join(".")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

fn spaced_hex(bytes: &[u8]) -> String {
    let parts: Vec<String> = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    parts.join(" ")
}

fn hex_text(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "(empty)".to_string();
    }
    if bytes.len() <= MAX_HEX_BYTES {
        return hex(bytes);
    }
    format!("{}... ({} bytes)", hex(&bytes[..32]), bytes.len())
}

/// Formats milliseconds since the Unix epoch as RFC 3339 UTC, as RFC 6962 section 3.2
/// defines SCT timestamps.
pub fn rfc3339_millis(millis: u64) -> Option<String> {
    let seconds = millis / 1000;
    let days = i64::try_from(seconds / 86_400).ok()?;
    let (year, month, day) = civil_from_days(days);
    if year > 9999 {
        return None;
    }
    let second_of_day = seconds % 86_400;
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        second_of_day / 3600,
        second_of_day / 60 % 60,
        second_of_day % 60,
        millis % 1000
    ))
}

/// Converts days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `civil_from_days` algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_hex_shows_negative_magnitudes() {
        // -(2^63 + 1) and -2^64 in two's complement.
        let below_i64 = [0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(integer_hex(&below_i64), "-8000000000000001");
        assert_eq!(
            integer_hex(&[0xff, 0, 0, 0, 0, 0, 0, 0, 0]),
            "-010000000000000000"
        );
        assert_eq!(integer_hex(&[0x00, 0x80]), "80");
        assert_eq!(integer_hex(&[0x80]), "-80");
    }

    #[test]
    fn sct_timestamp_formats_with_millis() {
        assert_eq!(
            rfc3339_millis(1_522_349_107_993).as_deref(),
            Some("2018-03-29T18:45:07.993Z")
        );
        assert_eq!(
            rfc3339_millis(0).as_deref(),
            Some("1970-01-01T00:00:00.000Z")
        );
        assert_eq!(
            rfc3339_millis(951_782_400_000).as_deref(),
            Some("2000-02-29T00:00:00.000Z")
        );
    }

    #[test]
    fn far_future_timestamp_has_no_rfc3339_form() {
        assert_eq!(rfc3339_millis(u64::MAX), None);
    }

    #[test]
    fn integers_past_64_bits_show_as_hex() {
        assert_eq!(integer_text(&[0x01, 0x00]), "256");
        assert_eq!(integer_text(&[0xff]), "-1");
        assert_eq!(
            integer_text(&[0x00, 0xab, 1, 2, 3, 4, 5, 6, 7]),
            "0xab01020304050607"
        );
        assert_eq!(
            integer_text(&[0x01, 2, 3, 4, 5, 6, 7, 8, 9]),
            "0x010203040506070809"
        );
    }
}
