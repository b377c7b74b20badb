//! Checks that every TLS presentation language decoder either rejects the input or accepts
//! a value that re-encodes to exactly the input, with `encoded_len()` equal to its length.
#![no_main]

use std::fmt::Debug;

use libfuzzer_sys::fuzz_target;
use rfcodec::tls::{
    Decode, Encode, List, MLS_VARINT_MAX, Reader, Uint24, VARINT_MAX, VectorRange, Writer,
};
use rfcodec::{Error, ErrorKind, Result};

/// One range per prefix width, some with a floor, one with two-byte elements.
const RANGES: [VectorRange; 6] = [
    VectorRange::new(0, 0xff),
    VectorRange::new(1, 0xffff),
    VectorRange::new(0, 0xff_ffff),
    VectorRange::new(0, 0xffff_ffff),
    VectorRange::new(2, 40),
    VectorRange::new(0, 0xffff).with_element_size(2),
];

/// `struct { opaque name<1..255>; uint16 values<0..254>; optional<uint24> extra; } Entry;`
#[derive(Debug, Clone, PartialEq)]
struct Entry<'a> {
    name: &'a [u8],
    values: List<'a, u16>,
    extra: Option<Uint24>,
}

const NAME_RANGE: VectorRange = VectorRange::new(1, 255);
const VALUES_RANGE: VectorRange = VectorRange::new(0, 254).with_element_size(2);
const ENTRIES_RANGE: VectorRange = VectorRange::new(0, 0xffff);

impl<'a> Decode<'a> for Entry<'a> {
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        let name = reader
            .read_opaque(NAME_RANGE)
            .map_err(|error| error.in_field("name"))?;
        let values =
            List::decode_from(reader, VALUES_RANGE).map_err(|error| error.in_field("values"))?;
        let extra = Option::decode_from(reader).map_err(|error| error.in_field("extra"))?;
        Ok(Self {
            name,
            values,
            extra,
        })
    }
}

impl Encode for Entry<'_> {
    fn encoded_len(&self) -> usize {
        let values_len = VALUES_RANGE.prefix_width() + self.values.content_len();
        NAME_RANGE.prefix_width() + self.name.len() + values_len + self.extra.encoded_len()
    }

    fn encode_to(&self, writer: &mut Writer<'_>) -> Result<()> {
        writer.write_opaque(NAME_RANGE, self.name)?;
        self.values.encode_to(writer, VALUES_RANGE)?;
        self.extra.encode_to(writer)
    }
}

/// `Entry entries<0..2^16-1>;` with every entry rebuilt as an owned list.
fn check_entries(input: &[u8]) {
    let mut reader = Reader::new(input);
    let Ok(entries) = List::<Entry>::decode_from(&mut reader, ENTRIES_RANGE) else {
        return;
    };
    if reader.finish().is_err() {
        return;
    }
    let mut out = Vec::new();
    entries
        .encode_to(&mut Writer::new(&mut out), ENTRIES_RANGE)
        .unwrap();
    assert_eq!(out, input, "decoded entries re-encode to other bytes");

    let owned: Vec<Entry> = entries
        .iter()
        .map(|entry| Entry {
            values: List::from_vec(entry.values.to_vec()),
            ..entry
        })
        .collect();
    assert_eq!(owned.len(), entries.len());
    for entry in &owned {
        let encoded = entry.encode().unwrap();
        assert_eq!(entry.encoded_len(), encoded.len(), "{entry:?}: encoded_len");
    }
    let mut out = Vec::new();
    List::from_vec(owned)
        .encode_to(&mut Writer::new(&mut out), ENTRIES_RANGE)
        .unwrap();
    assert_eq!(out, input, "rebuilt entries re-encode to other bytes");
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

fn round_trip<'a, T: Decode<'a> + Encode + Debug>(input: &'a [u8]) {
    let value = match T::decode(input) {
        Ok(value) => value,
        Err(error) => return check_error(&error, input),
    };
    let encoded = value
        .encode()
        .unwrap_or_else(|error| panic!("{value:?} decoded but failed to encode: {error}"));
    assert_eq!(encoded, input, "{value:?} re-encodes to other bytes");
    assert_eq!(value.encoded_len(), encoded.len(), "{value:?}: encoded_len");
}

/// Decodes the whole input with `read`, then re-encodes the result with `write`.
fn reader_round_trip<'a, T: Debug>(
    input: &'a [u8],
    read: impl FnOnce(&mut Reader<'a>) -> Result<T>,
    write: impl FnOnce(&mut Writer<'_>, T) -> Result<()>,
) {
    let mut reader = Reader::new(input);
    let value = match read(&mut reader) {
        Ok(value) => value,
        Err(error) => return check_error(&error, input),
    };
    if reader.finish().is_err() {
        return;
    }
    let description = format!("{value:?}");
    let mut out = Vec::new();
    write(&mut Writer::new(&mut out), value)
        .unwrap_or_else(|error| panic!("{description} decoded but failed to encode: {error}"));
    assert_eq!(out, input, "{description} re-encodes to other bytes");
}

fn check_vectors(input: &[u8]) {
    for range in RANGES {
        reader_round_trip(
            input,
            |reader| reader.read_opaque(range),
            |writer, bytes| writer.write_opaque(range, bytes),
        );
        reader_round_trip(
            input,
            |reader| List::<u16>::decode_from(reader, range),
            |writer, list| {
                let owned = List::from_vec(list.to_vec());
                assert_eq!(owned.content_len(), list.content_len());
                owned.encode_to(writer, range)
            },
        );
    }
    for maximum in [MLS_VARINT_MAX, VARINT_MAX, 300] {
        reader_round_trip(
            input,
            |reader| reader.read_varint_opaque(maximum),
            |writer, bytes| writer.write_varint_opaque(maximum, bytes),
        );
        reader_round_trip(
            input,
            |reader| List::<u8>::decode_varint_from(reader, maximum),
            |writer, list| List::from_vec(list.to_vec()).encode_varint_to(writer, maximum),
        );
    }
}

fuzz_target!(|input: &[u8]| {
    round_trip::<u8>(input);
    round_trip::<u16>(input);
    round_trip::<Uint24>(input);
    round_trip::<u32>(input);
    round_trip::<u64>(input);
    round_trip::<Option<u16>>(input);
    round_trip::<Option<Option<Uint24>>>(input);
    reader_round_trip(
        input,
        |reader| reader.read_varint(),
        |writer, value| writer.write_varint(value),
    );
    reader_round_trip(
        input,
        |reader| reader.read_varint_limited(MLS_VARINT_MAX),
        |writer, value| writer.write_varint_limited(MLS_VARINT_MAX, value),
    );
    check_vectors(input);
    round_trip::<Entry>(input);
    check_entries(input);
});
