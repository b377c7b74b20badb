//! Table tests of the DER wire layer (X.690 sections 8, 10, 11): every primitive with
//! exact results, and for every rule an input that breaks it with the exact error kind
//! and offset.

use std::str::FromStr;

use rfcodec::der::{
    self, Any, BitString, BmpString, Class, DateTime, Decode, Encode, Enumerated, GeneralizedTime,
    Ia5String, Integer, Null, NumericString, ObjectIdentifier, PrintableString, Reader, SequenceOf,
    SetOf, Tag, TeletexString, UniversalString, UtcTime, Utf8String, VisibleString, Writer,
};
use rfcodec::{DecodeOptions, ErrorKind, Result};

fn kind_at<T: std::fmt::Debug>(result: Result<T>) -> (ErrorKind, usize) {
    let error = result.expect_err("decoding must fail");
    (error.kind(), error.offset())
}

/// Decodes `input` as `T`, checks the value, and checks it re-encodes to `input`.
fn round_trip<'a, T>(input: &'a [u8], expected: &T)
where
    T: Decode<'a> + Encode + PartialEq + std::fmt::Debug,
{
    let value = T::decode(input).unwrap_or_else(|error| panic!("{input:02x?}: {error}"));
    assert_eq!(&value, expected, "{input:02x?}");
    assert_eq!(value.encoded_len(), input.len(), "{input:02x?}");
    assert_eq!(value.encode().unwrap(), input, "{input:02x?}");
}

fn truncated(needed: usize, available: usize) -> ErrorKind {
    ErrorKind::Truncated { needed, available }
}

fn unexpected(expected: Tag, actual: Tag) -> ErrorKind {
    ErrorKind::UnexpectedTag { expected, actual }
}

#[test]
fn tags_decode_class_constructed_and_number() {
    let rows: [(&[u8], Tag); 6] = [
        (&[0x02, 0x00], Tag::INTEGER),
        (&[0x30, 0x00], Tag::SEQUENCE),
        (&[0xa3, 0x00], Tag::context(3).constructed()),
        (&[0x5f, 0x1f, 0x00], Tag::application(31)),
        (&[0xdf, 0x81, 0x00, 0x00], Tag::private(128)),
        (
            &[0x9f, 0x8f, 0xff, 0xff, 0xff, 0x7f, 0x00],
            Tag::context(u32::MAX),
        ),
    ];
    for (input, tag) in rows {
        let header = Reader::new(input).read_header().unwrap();
        assert_eq!(header.tag, tag, "{input:02x?}");
        assert_eq!(header.header_len, input.len(), "{input:02x?}");

        let mut out = Vec::new();
        Writer::new(&mut out).write_header(tag, 0);
        assert_eq!(out, input, "{tag}");
    }
    assert_eq!(Tag::private(128).class(), Class::Private);
}

#[test]
fn tags_reject_non_minimal_high_numbers() {
    let rows: [&[u8]; 3] = [
        // Tag number 30 must use the low form.
        &[0x9f, 0x1e, 0x00],
        // A leading 0x80 octet adds nothing.
        &[0x9f, 0x80, 0x1f, 0x00],
        &[0x1f, 0x80, 0x80, 0x01, 0x00],
    ];
    for input in rows {
        assert_eq!(
            kind_at(Reader::new(input).read_header()),
            (ErrorKind::NonMinimalTag, 0),
            "{input:02x?}"
        );
    }
}

#[test]
fn tags_reject_numbers_over_u32() {
    let input = [0x9f, 0x90, 0x80, 0x80, 0x80, 0x00, 0x00];
    assert_eq!(
        kind_at(Reader::new(&input).read_header()),
        (ErrorKind::TagNumberTooLarge, 0)
    );
}

#[test]
fn tags_reject_truncated_high_number() {
    assert_eq!(
        kind_at(Reader::new(&[0x9f, 0x81]).read_header()),
        (truncated(1, 0), 2)
    );
}

#[test]
fn tags_order_canonically() {
    let mut tags = vec![
        Tag::private(0),
        Tag::context(2),
        Tag::SEQUENCE,
        Tag::application(5),
        Tag::context(0).constructed(),
        Tag::INTEGER,
    ];
    tags.sort();
    assert_eq!(
        tags,
        [
            Tag::INTEGER,
            Tag::SEQUENCE,
            Tag::application(5),
            Tag::context(0).constructed(),
            Tag::context(2),
            Tag::private(0),
        ]
    );
}

#[test]
fn tags_display_names() {
    assert_eq!(Tag::SEQUENCE.to_string(), "SEQUENCE");
    assert_eq!(
        Tag::OCTET_STRING.constructed().to_string(),
        "OCTET STRING (constructed)"
    );
    assert_eq!(
        Tag::context(3).constructed().to_string(),
        "[3] (constructed)"
    );
    assert_eq!(Tag::application(1).to_string(), "[APPLICATION 1]");
    assert_eq!(Tag::universal(16).to_string(), "SEQUENCE (primitive)");
}

#[test]
fn lengths_decode_short_and_long_forms() {
    let long = [&[0x04, 0x81, 0x80][..], &[0u8; 128]].concat();
    let header = Reader::new(&long).read_header().unwrap();
    assert_eq!((header.length, header.header_len), (128, 3));

    let longer = [&[0x04, 0x82, 0x01, 0x00][..], &[0u8; 256]].concat();
    let header = Reader::new(&longer).read_header().unwrap();
    assert_eq!((header.length, header.header_len), (256, 4));

    for length in [0usize, 127, 128, 255, 256, 65_535, 65_536] {
        let mut out = Vec::new();
        Writer::new(&mut out).write_header(Tag::OCTET_STRING, length);
        assert_eq!(out.len(), 1 + der::length_len(length), "{length}");
    }
}

#[test]
fn lengths_reject_indefinite_form() {
    assert_eq!(
        kind_at(Reader::new(&[0x30, 0x80, 0x00, 0x00]).read_header()),
        (ErrorKind::IndefiniteLength, 1)
    );
}

#[test]
fn lengths_reject_long_form_for_short_values() {
    assert_eq!(
        kind_at(Reader::new(&[0x04, 0x81, 0x05, 1, 2, 3, 4, 5]).read_header()),
        (ErrorKind::NonMinimalLength, 1)
    );
}

#[test]
fn lengths_reject_leading_zero_octets() {
    let input = [&[0x04, 0x82, 0x00, 0x80][..], &[0u8; 128]].concat();
    assert_eq!(
        kind_at(Reader::new(&input).read_header()),
        (ErrorKind::NonMinimalLength, 1)
    );
}

#[test]
fn lengths_reject_more_octets_than_usize() {
    let input = [0x04, 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(
        kind_at(Reader::new(&input).read_header()),
        (ErrorKind::LengthTooLarge, 1)
    );
}

#[test]
fn lengths_never_exceed_bytes_left() {
    assert_eq!(
        kind_at(Reader::new(&[0x04, 0x05, 1, 2]).read_header()),
        (truncated(5, 2), 2)
    );
    let huge = [0x04, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00];
    assert_eq!(
        kind_at(Reader::new(&huge).read_header()),
        (truncated(0xffff_ffff, 1), 6)
    );
}

#[test]
fn boolean_accepts_only_00_and_ff() {
    round_trip(&[0x01, 0x01, 0xff], &true);
    round_trip(&[0x01, 0x01, 0x00], &false);
    assert_eq!(
        kind_at(bool::decode(&[0x01, 0x01, 0x01])),
        (ErrorKind::InvalidBoolean { value: 1 }, 2)
    );
    assert_eq!(
        kind_at(bool::decode(&[0x01, 0x02, 0xff, 0xff])),
        (
            ErrorKind::FixedLengthMismatch {
                expected: 1,
                actual: 2
            },
            0
        )
    );
    assert_eq!(
        kind_at(bool::decode(&[0x01, 0x00])),
        (
            ErrorKind::FixedLengthMismatch {
                expected: 1,
                actual: 0
            },
            0
        )
    );
}

#[test]
fn integer_round_trips_minimal_forms() {
    let rows: [(&[u8], i64); 8] = [
        (&[0x02, 0x01, 0x00], 0),
        (&[0x02, 0x01, 0x7f], 127),
        (&[0x02, 0x02, 0x00, 0x80], 128),
        (&[0x02, 0x02, 0x01, 0x00], 256),
        (&[0x02, 0x01, 0x80], -128),
        (&[0x02, 0x02, 0xff, 0x7f], -129),
        (&[0x02, 0x01, 0xff], -1),
        (
            &[0x02, 0x08, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            i64::MAX,
        ),
    ];
    for (input, value) in rows {
        round_trip(input, &Integer::from_i64(value));
        assert_eq!(Integer::decode(input).unwrap().to_i64().unwrap(), value);
        round_trip(input, &value);
    }
}

#[test]
fn integer_rejects_redundant_leading_octets() {
    let rows: [&[u8]; 4] = [
        &[0x02, 0x02, 0x00, 0x7f],
        &[0x02, 0x02, 0xff, 0x80],
        &[0x02, 0x03, 0x00, 0x00, 0x80],
        &[0x02, 0x02, 0x00, 0x00],
    ];
    for input in rows {
        assert_eq!(
            kind_at(Integer::decode(input)),
            (ErrorKind::NonMinimalInteger, 0),
            "{input:02x?}"
        );
    }
}

#[test]
fn integer_rejects_empty_content() {
    assert_eq!(
        kind_at(Integer::decode(&[0x02, 0x00])),
        (ErrorKind::EmptyInteger, 0)
    );
}

#[test]
fn integer_reports_overflow() {
    let nine = [0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
    let integer = Integer::decode(&nine).unwrap();
    assert_eq!(
        integer.to_i64().unwrap_err().kind(),
        ErrorKind::IntegerOverflow
    );
    assert_eq!(
        integer.to_u64().unwrap_err().kind(),
        ErrorKind::IntegerOverflow
    );
    assert_eq!(integer.to_string(), "0x010000000000000000");

    let max = [
        0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    ];
    assert_eq!(Integer::decode(&max).unwrap().to_u64().unwrap(), u64::MAX);
    assert_eq!(
        Integer::decode(&max).unwrap().to_i64().unwrap_err().kind(),
        ErrorKind::IntegerOverflow
    );

    let negative = Integer::decode(&[0x02, 0x01, 0xfe]).unwrap();
    assert_eq!(
        negative.to_u64().unwrap_err().kind(),
        ErrorKind::IntegerOverflow
    );
    assert_eq!(
        kind_at(u8::decode(&[0x02, 0x02, 0x01, 0x00])),
        (ErrorKind::IntegerOverflow, 0)
    );
}

#[test]
fn integer_unsigned_bytes_drop_sign_octet() {
    let r = Integer::decode(&[0x02, 0x03, 0x00, 0x80, 0x01]).unwrap();
    assert_eq!(r.unsigned_bytes(), Some(&[0x80, 0x01][..]));
    assert_eq!(
        Integer::from_unsigned_bytes(&[0, 0, 0x80, 0x01]).as_bytes(),
        [0x00, 0x80, 0x01]
    );
    assert_eq!(Integer::from_unsigned_bytes(&[]).as_bytes(), [0x00]);
    assert_eq!(Integer::from_u64(0).unsigned_bytes(), Some(&[0u8][..]));
    assert_eq!(Integer::from_i64(-5).unsigned_bytes(), None);
}

#[test]
fn enumerated_uses_tag_10() {
    round_trip(&[0x0a, 0x01, 0x02], &Enumerated(2));
    assert_eq!(
        kind_at(Enumerated::decode(&[0x0a, 0x02, 0x00, 0x01])),
        (ErrorKind::NonMinimalInteger, 0)
    );
    assert_eq!(
        kind_at(Enumerated::decode(&[0x02, 0x01, 0x02])),
        (unexpected(Tag::ENUMERATED, Tag::INTEGER), 0)
    );
}

#[test]
fn null_has_no_content() {
    round_trip(&[0x05, 0x00], &Null);
    assert_eq!(
        kind_at(Null::decode(&[0x05, 0x01, 0x00])),
        (ErrorKind::NonEmptyNull, 0)
    );
}

#[test]
fn oid_decodes_arcs_and_dotted_form() {
    let rows: [(&[u8], &str); 6] = [
        (
            &[
                0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02,
            ],
            "1.3.6.1.4.1.11129.2.4.2",
        ),
        (&[0x06, 0x03, 0x55, 0x1d, 0x0f], "2.5.29.15"),
        (
            &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02],
            "1.2.840.10045.4.3.2",
        ),
        (&[0x06, 0x01, 0x00], "0.0"),
        (&[0x06, 0x01, 0x27], "0.39"),
        // Under arc 2 the second arc may exceed 39: 2.999 is 1079 = 0x88 0x37.
        (&[0x06, 0x03, 0x88, 0x37, 0x03], "2.999.3"),
    ];
    for (input, dotted) in rows {
        let oid = ObjectIdentifier::from_str(dotted).unwrap();
        round_trip(input, &oid);
        assert_eq!(ObjectIdentifier::decode(input).unwrap().to_string(), dotted);
    }
}

#[test]
fn oid_accepts_128_bit_arcs() {
    // Arcs under 2.25 are UUIDs written as 128-bit integers (X.667).
    let dotted = "2.25.340282366920938463463374607431768211455";
    let oid = ObjectIdentifier::from_str(dotted).unwrap();
    assert_eq!(oid.to_string(), dotted);
    assert_eq!(oid.as_bytes().len(), 1 + 19);
    let encoded = oid.encode().unwrap();
    assert_eq!(ObjectIdentifier::decode(&encoded).unwrap(), oid);
    assert_eq!(oid.arcs().collect::<Vec<_>>(), [2, 25, u128::MAX]);
}

#[test]
fn oid_rejects_arcs_over_128_bits() {
    let mut input = vec![0x06, 21, 0x2a];
    input.push(0x84);
    input.extend([0x80; 18]);
    input.push(0x00);
    assert_eq!(
        kind_at(ObjectIdentifier::decode(&input)),
        (ErrorKind::ObjectIdentifierArcOutOfRange, 0)
    );
}

#[test]
fn oid_rejects_non_minimal_subidentifiers() {
    assert_eq!(
        kind_at(ObjectIdentifier::decode(&[0x06, 0x03, 0x2a, 0x80, 0x01])),
        (ErrorKind::NonMinimalSubidentifier, 0)
    );
    assert_eq!(
        kind_at(ObjectIdentifier::decode(&[0x06, 0x02, 0x80, 0x01])),
        (ErrorKind::NonMinimalSubidentifier, 0)
    );
}

#[test]
fn oid_rejects_empty_and_truncated_content() {
    assert_eq!(
        kind_at(ObjectIdentifier::decode(&[0x06, 0x00])),
        (ErrorKind::InvalidObjectIdentifier, 0)
    );
    assert_eq!(
        kind_at(ObjectIdentifier::decode(&[0x06, 0x02, 0x2a, 0x86])),
        (ErrorKind::InvalidObjectIdentifier, 0)
    );
}

#[test]
fn oid_text_form_checks_first_arcs() {
    let rows = [
        ("3.1", ErrorKind::ObjectIdentifierArcOutOfRange),
        ("1.40", ErrorKind::ObjectIdentifierArcOutOfRange),
        ("0.40", ErrorKind::ObjectIdentifierArcOutOfRange),
        ("1", ErrorKind::InvalidObjectIdentifier),
        ("1..2", ErrorKind::InvalidObjectIdentifier),
        ("1.02", ErrorKind::InvalidObjectIdentifier),
        ("1.2.x", ErrorKind::InvalidObjectIdentifier),
    ];
    for (text, kind) in rows {
        assert_eq!(
            ObjectIdentifier::from_str(text).unwrap_err().kind(),
            kind,
            "{text}"
        );
    }
    assert_eq!(
        ObjectIdentifier::from_str("2.40").unwrap().to_string(),
        "2.40"
    );
}

#[test]
fn bit_string_round_trips() {
    round_trip(&[0x03, 0x01, 0x00], &BitString::from_bytes(&[]));
    round_trip(
        &[0x03, 0x03, 0x00, 0xab, 0xcd],
        &BitString::from_bytes(&[0xab, 0xcd]),
    );
    let key_usage = BitString::decode(&[0x03, 0x02, 0x05, 0xa0]).unwrap();
    assert_eq!(key_usage.bit_len(), 3);
    assert_eq!(
        (0..4).map(|bit| key_usage.bit(bit)).collect::<Vec<_>>(),
        [true, false, true, false]
    );
    assert_eq!(key_usage.as_bytes(), None);
    assert_eq!(key_usage.raw_bytes(), [0xa0]);
}

#[test]
fn bit_string_rejects_bad_unused_bits() {
    assert_eq!(
        kind_at(BitString::decode(&[0x03, 0x02, 0x08, 0x00])),
        (ErrorKind::InvalidUnusedBits { unused: 8 }, 2)
    );
    assert_eq!(
        kind_at(BitString::decode(&[0x03, 0x01, 0x03])),
        (ErrorKind::InvalidUnusedBits { unused: 3 }, 2)
    );
    assert_eq!(
        kind_at(BitString::decode(&[0x03, 0x00])),
        (truncated(1, 0), 2)
    );
}

#[test]
fn bit_string_rejects_nonzero_padding() {
    assert_eq!(
        kind_at(BitString::decode(&[0x03, 0x02, 0x01, 0x01])),
        (ErrorKind::NonZeroPadding, 2)
    );
}

#[test]
fn bit_string_named_bits_drop_trailing_zeros() {
    let bits = BitString::from_bits([true, false, true, false, false]);
    assert_eq!(bits.encode().unwrap(), [0x03, 0x02, 0x05, 0xa0]);
    assert_eq!(
        BitString::from_bits([false]).encode().unwrap(),
        [0x03, 0x01, 0x00]
    );
    assert!(bits.check_named_bits(0).is_ok());

    let trailing = BitString::decode(&[0x03, 0x02, 0x04, 0xa0]).unwrap();
    assert_eq!(
        kind_at(trailing.check_named_bits(7)),
        (ErrorKind::TrailingZeroBits, 7)
    );
}

#[test]
fn octet_string_borrows_content() {
    let input = [0x04, 0x03, 1, 2, 3];
    let content = <&[u8]>::decode(&input).unwrap();
    assert_eq!(content, [1, 2, 3]);
    assert_eq!(content.as_ptr(), input[2..].as_ptr(), "no copy");
    round_trip(&input, &&[1u8, 2, 3][..]);
}

#[test]
fn octet_string_rejects_constructed_form() {
    assert_eq!(
        kind_at(<&[u8]>::decode(&[0x24, 0x03, 0x04, 0x01, 0x00])),
        (
            unexpected(Tag::OCTET_STRING, Tag::OCTET_STRING.constructed()),
            0
        )
    );
}

#[test]
fn strings_accept_their_character_sets() {
    round_trip(
        &[0x0c, 0x03, 0xc3, 0xa9, 0x41],
        &Utf8String::new("éA").unwrap(),
    );
    round_trip(
        &[0x13, 0x05, b'A', b' ', b'1', b'?', b'\''],
        &PrintableString::new("A 1?'").unwrap(),
    );
    round_trip(&[0x16, 0x02, b'@', 0x7f], &Ia5String::new("@\x7f").unwrap());
    round_trip(
        &[0x12, 0x03, b'1', b' ', b'2'],
        &NumericString::new("1 2").unwrap(),
    );
    round_trip(
        &[0x1a, 0x02, b'~', b' '],
        &VisibleString::new("~ ").unwrap(),
    );
    round_trip(
        &[0x14, 0x02, 0xc2, 0x41],
        &TeletexString::new(&[0xc2, 0x41]).unwrap(),
    );
    round_trip(
        &[0x1e, 0x02, 0x00, 0xe9],
        &BmpString::new(&[0x00, 0xe9]).unwrap(),
    );
    round_trip(
        &[0x1c, 0x04, 0x00, 0x01, 0xf6, 0x00],
        &UniversalString::new(&[0x00, 0x01, 0xf6, 0x00]).unwrap(),
    );
    let bmp = BmpString::new(&[0x00, 0xe9, 0x00, 0x41]).unwrap();
    assert_eq!(bmp.chars().collect::<String>(), "éA");
}

#[test]
fn strings_reject_characters_outside_their_sets() {
    let rows: [(&[u8], Tag, usize); 9] = [
        (&[0x0c, 0x02, b'a', 0xff], Tag::UTF8_STRING, 1),
        (&[0x13, 0x02, b'a', b'*'], Tag::PRINTABLE_STRING, 1),
        (&[0x13, 0x01, b'@'], Tag::PRINTABLE_STRING, 0),
        (&[0x16, 0x01, 0x80], Tag::IA5_STRING, 0),
        (&[0x12, 0x02, b'1', b'a'], Tag::NUMERIC_STRING, 1),
        (&[0x1a, 0x01, 0x7f], Tag::VISIBLE_STRING, 0),
        (&[0x1e, 0x03, 0x00, 0x41, 0x00], Tag::BMP_STRING, 2),
        (&[0x1e, 0x02, 0xd8, 0x00], Tag::BMP_STRING, 0),
        (
            &[0x1c, 0x04, 0x00, 0x11, 0x00, 0x00],
            Tag::UNIVERSAL_STRING,
            0,
        ),
    ];
    for (input, tag, position) in rows {
        let mut reader = Reader::new(input);
        let result = match input[0] {
            0x0c => Utf8String::decode_from(&mut reader).map(drop),
            0x13 => PrintableString::decode_from(&mut reader).map(drop),
            0x16 => Ia5String::decode_from(&mut reader).map(drop),
            0x12 => NumericString::decode_from(&mut reader).map(drop),
            0x1a => VisibleString::decode_from(&mut reader).map(drop),
            0x1e => BmpString::decode_from(&mut reader).map(drop),
            _ => UniversalString::decode_from(&mut reader).map(drop),
        };
        assert_eq!(
            kind_at(result),
            (ErrorKind::InvalidCharacter { tag, position }, 2 + position),
            "{input:02x?}"
        );
    }
}

fn date(y: u16, mo: u8, d: u8, h: u8, mi: u8, s: u8, nanos: u32) -> DateTime {
    DateTime::new(y, mo, d, h, mi, s, nanos).expect("valid date")
}

#[test]
fn utc_time_round_trips() {
    let rows: [(&[u8], DateTime); 3] = [
        (b"180329184507Z", date(2018, 3, 29, 18, 45, 7, 0)),
        (b"500101000000Z", date(1950, 1, 1, 0, 0, 0, 0)),
        (b"491231235959Z", date(2049, 12, 31, 23, 59, 59, 0)),
    ];
    for (text, time) in rows {
        let input = [&[0x17, 13][..], text].concat();
        round_trip(&input, &UtcTime::new(time).unwrap());
    }
    assert_eq!(UtcTime::new(date(2050, 1, 1, 0, 0, 0, 0)), None);
}

#[test]
fn generalized_time_round_trips() {
    let rows: [(&[u8], DateTime); 4] = [
        (b"20180329184507Z", date(2018, 3, 29, 18, 45, 7, 0)),
        (b"20000229000000Z", date(2000, 2, 29, 0, 0, 0, 0)),
        (
            b"20180329184507.993Z",
            date(2018, 3, 29, 18, 45, 7, 993_000_000),
        ),
        (
            b"99991231235959.000000001Z",
            date(9999, 12, 31, 23, 59, 59, 1),
        ),
    ];
    for (text, time) in rows {
        let input = [&[0x18, text.len() as u8][..], text].concat();
        round_trip(&input, &GeneralizedTime::new(time));
    }
}

#[test]
fn times_reject_non_der_forms() {
    let utc: [&[u8]; 8] = [
        b"1803291845Z",
        b"180329184507",
        b"180329184507+0000",
        b"180332184507Z",
        b"180229184507Z",
        b"181329184507Z",
        b"180329244507Z",
        b"18032918450aZ",
    ];
    for text in utc {
        let input = [&[0x17, text.len() as u8][..], text].concat();
        assert_eq!(
            kind_at(UtcTime::decode(&input)),
            (ErrorKind::InvalidTime, 0),
            "{}",
            String::from_utf8_lossy(text)
        );
    }
    let generalized: [&[u8]; 9] = [
        b"20180329184507",
        b"201803291845Z",
        b"20180329184507.Z",
        b"20180329184507.990Z",
        b"20180329184507,99Z",
        b"20180329184507.1234567891Z",
        b"19000229000000Z",
        b"20180329186007Z",
        b"20180329184560Z",
    ];
    for text in generalized {
        let input = [&[0x18, text.len() as u8][..], text].concat();
        assert_eq!(
            kind_at(GeneralizedTime::decode(&input)),
            (ErrorKind::InvalidTime, 0),
            "{}",
            String::from_utf8_lossy(text)
        );
    }
}

#[test]
fn date_time_gives_unix_time_and_rfc3339() {
    let time = date(2018, 3, 29, 18, 45, 7, 993_000_000);
    assert_eq!(time.unix_timestamp(), 1_522_349_107);
    assert_eq!(time.to_string(), "2018-03-29T18:45:07.993Z");
    assert_eq!(date(1969, 12, 31, 23, 59, 59, 0).unix_timestamp(), -1);
    assert_eq!(date(2000, 3, 1, 0, 0, 0, 0).unix_timestamp(), 951_868_800);
}

#[test]
fn sequence_content_is_a_sub_reader() {
    let input = [0x30, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01, 0xff];
    let (number, flag) = Reader::new(&input)
        .read_sequence(|content| {
            assert_eq!(content.offset(), 2);
            Ok((u8::decode_from(content)?, bool::decode_from(content)?))
        })
        .unwrap();
    assert_eq!((number, flag), (5, true));
}

#[test]
fn sequence_rejects_leftover_components() {
    let input = [0x30, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01, 0xff];
    let result = Reader::new(&input).read_sequence(u8::decode_from);
    assert_eq!(kind_at(result), (ErrorKind::TrailingData { count: 3 }, 5));
}

#[test]
fn sequence_rejects_component_past_its_end() {
    // The INTEGER claims 3 octets but the SEQUENCE holds only 2 after its header.
    let input = [0x30, 0x04, 0x02, 0x03, 0x05, 0x06, 0x07];
    let result = Reader::new(&input).read_sequence(u8::decode_from);
    assert_eq!(kind_at(result), (truncated(3, 2), 4));
}

#[test]
fn set_content_is_a_sub_reader() {
    let input = [0x31, 0x03, 0x05, 0x01, 0x00];
    let result = Reader::new(&input).read_constructed(Tag::SET, Null::decode_from);
    assert_eq!(kind_at(result), (ErrorKind::NonEmptyNull, 2));
}

#[test]
fn explicit_and_implicit_tagging() {
    // [0] EXPLICIT INTEGER 2, as X.509's version.
    let explicit = [0xa0, 0x03, 0x02, 0x01, 0x02];
    let version: u8 = Reader::new(&explicit)
        .read_explicit(Tag::context(0))
        .unwrap();
    assert_eq!(version, 2);
    let mut out = Vec::new();
    Writer::new(&mut out)
        .write_explicit(Tag::context(0), &2u8)
        .unwrap();
    assert_eq!(out, explicit);

    // [2] IMPLICIT IA5String, as a dNSName.
    let implicit = [0x82, 0x03, b'a', b'.', b'b'];
    let name: Ia5String = Reader::new(&implicit)
        .read_implicit(Tag::context(2))
        .unwrap();
    assert_eq!(name.as_str(), "a.b");
    let mut out = Vec::new();
    Writer::new(&mut out)
        .write_implicit(Tag::context(2), &name)
        .unwrap();
    assert_eq!(out, implicit);

    assert_eq!(
        kind_at(Reader::new(&implicit).read_explicit::<u8>(Tag::context(2))),
        (
            unexpected(Tag::context(2).constructed(), Tag::context(2)),
            0
        )
    );
}

#[test]
fn optional_peeks_the_tag() {
    let input = [0x01, 0x01, 0xff];
    let mut reader = Reader::new(&input);
    let absent = reader.read_optional(Tag::INTEGER, u8::decode_from).unwrap();
    assert_eq!(absent, None);
    let present = reader
        .read_optional(Tag::BOOLEAN, bool::decode_from)
        .unwrap();
    assert_eq!(present, Some(true));
    assert!(reader.is_empty());
}

#[test]
fn any_keeps_tag_and_content() {
    let input = [0xa3, 0x02, 0x05, 0x00];
    let any = Any::decode(&input).unwrap();
    assert_eq!(any.tag(), Tag::context(3).constructed());
    assert_eq!(any.value(), [0x05, 0x00]);
    assert_eq!(any.encode().unwrap(), input);

    let integer = Any::decode(&[0x02, 0x01, 0x2a]).unwrap();
    let value: Integer = integer.decode_as(DecodeOptions::default()).unwrap();
    assert_eq!(value.to_i64().unwrap(), 42);
}

#[test]
fn sequence_of_round_trips() {
    let input = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02];
    let list = SequenceOf::<u8>::decode(&input).unwrap();
    assert_eq!(list.to_vec(), [1, 2]);
    assert_eq!(list.encode().unwrap(), input);
    assert_eq!(SequenceOf::from_vec(vec![1u8, 2]).encode().unwrap(), input);
    assert_eq!(list, SequenceOf::from_vec(vec![1u8, 2]));

    let bad = [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02 + 0x80];
    let error = SequenceOf::<u8>::decode(&bad).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::IntegerOverflow);
    assert_eq!(
        error.to_string(),
        "[1]: INTEGER does not fit the requested type at offset 5"
    );
}

#[test]
fn set_of_requires_ascending_encodings() {
    let sorted = [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02];
    assert_eq!(SetOf::<u8>::decode(&sorted).unwrap().to_vec(), [1, 2]);

    let unsorted = [0x31, 0x06, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01];
    let error = SetOf::<u8>::decode(&unsorted).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (ErrorKind::SetOfNotSorted, 5)
    );
    assert_eq!(
        error.to_string(),
        "[1]: SET OF elements are not sorted at offset 5"
    );

    assert_eq!(SetOf::from_vec(vec![2u8, 1]).encode().unwrap(), sorted);
}

#[test]
fn set_of_order_pads_shorter_encodings_with_zeros() {
    use std::cmp::Ordering;
    assert_eq!(der::compare_set_of(&[1, 2], &[1, 2, 0]), Ordering::Equal);
    assert_eq!(der::compare_set_of(&[1, 2], &[1, 2, 1]), Ordering::Less);
    assert_eq!(der::compare_set_of(&[1, 3], &[1, 2, 1]), Ordering::Greater);
    assert!(der::check_set_of_order(&[2], &[1], 9).is_err());
}

#[test]
fn reject_default_flags_encoded_default() {
    assert_eq!(
        kind_at(der::reject_default(&false, &false, 12)),
        (ErrorKind::EncodedDefault, 12)
    );
    assert!(der::reject_default(&true, &false, 12).is_ok());
}

#[test]
fn unexpected_tag_names_both_tags() {
    let error = Integer::decode(&[0x04, 0x00]).unwrap_err();
    assert_eq!(error.kind(), unexpected(Tag::INTEGER, Tag::OCTET_STRING));
    assert_eq!(
        error.to_string(),
        "expected tag INTEGER, found OCTET STRING at offset 0"
    );
}

#[test]
fn constructed_nesting_stops_at_depth_limit() {
    let mut input = Vec::new();
    for level in 0..10u8 {
        input.extend([0x30, 2 * (9 - level)]);
    }
    let options = DecodeOptions::default().with_max_depth(3);
    let mut reader = Reader::with_options(&input, options);
    let mut depth = 0;
    let error = loop {
        match reader.read_tlv(Tag::SEQUENCE) {
            Ok(content) => {
                reader = content;
                depth += 1;
            }
            Err(error) => break error,
        }
    };
    assert_eq!(depth, 3);
    assert_eq!(error.kind(), ErrorKind::DepthLimitExceeded { limit: 3 });
    assert_eq!(error.offset(), 8);
}

#[test]
fn capture_returns_bytes_read() {
    let input = [0x30, 0x03, 0x02, 0x01, 0x07, 0x05, 0x00];
    let mut reader = Reader::new(&input);
    let (value, bytes) = reader
        .capture(|reader| reader.read_sequence(u8::decode_from))
        .unwrap();
    assert_eq!(value, 7);
    assert_eq!(bytes, &input[..5]);
}

#[test]
fn read_primitive_ignores_depth_limit() {
    // The content is returned as bytes and not decoded, so even a constructed tag enters
    // no nesting level. The second input has a long-form length.
    let short = [0x30, 0x02, 0x05, 0x00];
    let mut long = vec![0x30, 0x81, 0x80];
    long.extend([0x05; 0x80]);
    for (input, header_len) in [(&short[..], 2), (&long[..], 3)] {
        let options = DecodeOptions::default().with_max_depth(0);
        let mut reader = Reader::with_options(input, options);
        let content = reader.read_primitive(Tag::SEQUENCE).unwrap();
        assert_eq!(content, &input[header_len..]);
        assert!(reader.is_empty());
    }
}

#[test]
fn empty_static_integer_is_not_negative() {
    let empty = Integer::from_static(&[]);
    assert!(!empty.is_negative());
    assert_eq!(empty.unsigned_bytes(), Some(&[][..]));
}
