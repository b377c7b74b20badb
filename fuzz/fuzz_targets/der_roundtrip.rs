//! Checks that every DER decoder either rejects the input or accepts a value that
//! re-encodes to exactly the input, with `encoded_len()` equal to the encoding's length.
#![no_main]

use std::fmt::Debug;
use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use rfcodec::der::{
    Any, BitString, BmpString, Decode, DecodeValue, Encode, EncodeValue, Enumerated, FixedTag,
    GeneralizedTime, Header, Ia5String, Integer, Null, NumericString, ObjectIdentifier,
    PrintableString, Reader, SequenceOf, SetOf, Tag, TeletexString, UniversalString, UtcTime,
    Utf8String, VisibleString, Writer,
};
use rfcodec::{Error, ErrorKind, Result};

/// `SEQUENCE { r INTEGER, s INTEGER }`, the shape of an ECDSA signature (RFC 3279).
#[derive(Debug, Clone, PartialEq)]
struct Pair<'a> {
    r: Integer<'a>,
    s: Integer<'a>,
}

impl FixedTag for Pair<'_> {
    const TAG: Tag = Tag::SEQUENCE;
}

impl<'a> DecodeValue<'a> for Pair<'a> {
    fn decode_value(content: &mut Reader<'a>, _header: Header) -> Result<Self> {
        let r = Integer::decode_from(content).map_err(|error| error.in_field("r"))?;
        let s = Integer::decode_from(content).map_err(|error| error.in_field("s"))?;
        Ok(Self { r, s })
    }
}

impl EncodeValue for Pair<'_> {
    fn value_len(&self) -> usize {
        self.r.encoded_len() + self.s.encoded_len()
    }

    fn encode_value(&self, writer: &mut Writer<'_>) -> Result<()> {
        self.r.encode_to(writer)?;
        self.s.encode_to(writer)
    }
}

/// Decodes `input` as `T`, and when that succeeds, checks the re-encoding and returns the
/// value.
fn round_trip<'a, T>(input: &'a [u8]) -> Option<T>
where
    T: Decode<'a> + Encode + Debug,
{
    let value = T::decode(input)
        .map_err(|error| check_error(&error, input))
        .ok()?;
    assert_encodes_to(&value, input);
    Some(value)
}

/// Checks that an error points inside the input, and that a truncation does not claim
/// more bytes left than the input has past its offset.
fn check_error(error: &Error, input: &[u8]) {
    let message = error.to_string();
    assert!(
        error.offset() <= input.len(),
        "{message}: offset past the input"
    );
    if let ErrorKind::Truncated { needed, available } = error.kind() {
        assert!(needed > available, "{message}");
        assert!(error.offset() + available <= input.len(), "{message}");
    }
}

fn assert_encodes_to<T: Encode + Debug>(value: &T, expected: &[u8]) {
    let encoded = value
        .encode()
        .unwrap_or_else(|error| panic!("{value:?} decoded but failed to encode: {error}"));
    assert_eq!(encoded, expected, "{value:?} re-encodes to other bytes");
    assert_eq!(value.encoded_len(), encoded.len(), "{value:?}: encoded_len");
}

fn check_integer(input: &[u8]) {
    let Some(integer) = round_trip::<Integer>(input) else {
        return;
    };
    if let Ok(value) = integer.to_i64() {
        assert_encodes_to(&Integer::from_i64(value), input);
        assert_encodes_to(&value, input);
    }
    if let Some(magnitude) = integer.unsigned_bytes() {
        assert_encodes_to(&Integer::from_unsigned_bytes(magnitude), input);
    }
    round_trip::<Enumerated>(&retag(input, Tag::ENUMERATED));
}

/// Returns `input` with its first identifier octet replaced by the one of `tag`.
fn retag(input: &[u8], tag: Tag) -> Vec<u8> {
    let mut out = Vec::new();
    Writer::new(&mut out).write_header(tag, 0);
    out.truncate(1);
    out.extend_from_slice(&input[1..]);
    out
}

fn check_object_identifier(input: &[u8]) {
    let Some(oid) = round_trip::<ObjectIdentifier>(input) else {
        return;
    };
    let arcs: Vec<u128> = oid.arcs().collect();
    let rebuilt = ObjectIdentifier::from_arcs(&arcs)
        .unwrap_or_else(|error| panic!("{oid:?}: arcs {arcs:?} rejected: {error}"));
    assert_encodes_to(&rebuilt, input);

    let text = oid.to_string();
    let parsed = ObjectIdentifier::from_str(&text)
        .unwrap_or_else(|error| panic!("{oid:?}: dotted form {text} rejected: {error}"));
    assert_encodes_to(&parsed, input);
}

fn check_bit_string(input: &[u8]) {
    let Some(bits) = round_trip::<BitString>(input) else {
        return;
    };
    let rebuilt = BitString::new(bits.unused_bits(), bits.raw_bytes())
        .unwrap_or_else(|error| panic!("{bits:?} rejected by BitString::new: {error}"));
    assert_encodes_to(&rebuilt, input);
    if bits.check_named_bits(0).is_ok() {
        let named = BitString::from_bits((0..bits.bit_len()).map(|index| bits.bit(index)));
        assert_encodes_to(&named, input);
    }
}

fn check_strings(input: &[u8]) {
    if let Some(text) = round_trip::<Utf8String>(input) {
        assert_encodes_to(&Utf8String::new(text.as_str()).unwrap(), input);
    }
    if let Some(text) = round_trip::<PrintableString>(input) {
        assert_encodes_to(&PrintableString::new(text.as_str()).unwrap(), input);
    }
    if let Some(text) = round_trip::<Ia5String>(input) {
        assert_encodes_to(&Ia5String::new(text.as_str()).unwrap(), input);
    }
    if let Some(text) = round_trip::<NumericString>(input) {
        assert_encodes_to(&NumericString::new(text.as_str()).unwrap(), input);
    }
    if let Some(text) = round_trip::<VisibleString>(input) {
        assert_encodes_to(&VisibleString::new(text.as_str()).unwrap(), input);
    }
    round_trip::<TeletexString>(input);
    if let Some(text) = round_trip::<BmpString>(input) {
        assert_eq!(text.chars().count(), text.as_bytes().len() / 2);
    }
    if let Some(text) = round_trip::<UniversalString>(input) {
        assert_eq!(text.chars().count(), text.as_bytes().len() / 4);
    }
    round_trip::<&[u8]>(input);
}

fn check_times(input: &[u8]) {
    if let Some(time) = round_trip::<UtcTime>(input) {
        let rebuilt = UtcTime::new(time.date_time())
            .unwrap_or_else(|| panic!("{time:?} decoded but UtcTime::new rejects it"));
        assert_encodes_to(&rebuilt, input);
    }
    if let Some(time) = round_trip::<GeneralizedTime>(input) {
        assert_encodes_to(&GeneralizedTime::new(time.date_time()), input);
    }
}

fn check_lists(input: &[u8]) {
    if let Some(list) = round_trip::<SequenceOf<Any>>(input) {
        let elements = list.to_vec();
        assert_eq!(elements.len(), list.len());
        assert_encodes_to(&SequenceOf::from_vec(elements), input);
    }
    if let Some(set) = round_trip::<SetOf<Any>>(input) {
        // Elements rebuilt in reverse must be sorted back into the order they arrived in.
        let mut elements = set.to_vec();
        assert_eq!(elements.len(), set.len());
        elements.reverse();
        assert_encodes_to(&SetOf::from_vec(elements), input);
    }
    if let Some(list) = round_trip::<SequenceOf<Integer>>(input) {
        assert_encodes_to(&SequenceOf::from_vec(list.to_vec()), input);
    }
    if let Some(pair) = round_trip::<Pair>(input) {
        assert_encodes_to(&pair.clone(), input);
    }
}

fuzz_target!(|input: &[u8]| {
    if let Some(any) = round_trip::<Any>(input) {
        assert_encodes_to(&Any::new(any.tag(), any.value()), input);
    }
    if input.is_empty() {
        return;
    }
    round_trip::<bool>(input);
    round_trip::<Null>(input);
    round_trip::<i64>(input);
    round_trip::<u64>(input);
    round_trip::<i8>(input);
    round_trip::<u8>(input);
    check_integer(input);
    check_object_identifier(input);
    check_bit_string(input);
    check_strings(input);
    check_times(input);
    check_lists(input);
});
