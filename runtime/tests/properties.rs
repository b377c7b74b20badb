//! Property tests: every primitive round-trips through encode and decode with an exact
//! predicted length. No input bytes make a decoder panic, and whatever decodes must
//! re-encode to the same bytes because both encodings are canonical.

mod common;

use proptest::prelude::*;
use rfcodec::der::{
    self, Any, BitString, DateTime, Enumerated, GeneralizedTime, Ia5String, Integer, Null,
    NumericString, ObjectIdentifier, PrintableString, SequenceOf, SetOf, Tag, UtcTime, Utf8String,
    VisibleString,
};
use rfcodec::tls::{self, List, MLS_VARINT_MAX, Uint24, VARINT_MAX, VectorRange};

fn tls_round_trip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: for<'a> tls::Decode<'a> + tls::Encode + PartialEq + std::fmt::Debug,
{
    let bytes = value.encode().unwrap();
    prop_assert_eq!(bytes.len(), value.encoded_len());
    prop_assert_eq!(&T::decode(&bytes).unwrap(), value);
    Ok(())
}

fn der_round_trip<'a, T>(value: &T, bytes: &'a mut Vec<u8>) -> Result<(), TestCaseError>
where
    T: der::Decode<'a> + der::Encode + PartialEq + std::fmt::Debug,
{
    *bytes = value.encode().unwrap();
    prop_assert_eq!(bytes.len(), value.encoded_len());
    let bytes: &'a [u8] = bytes;
    prop_assert_eq!(&T::decode(bytes).unwrap(), value);
    Ok(())
}

fn tag_strategy() -> impl Strategy<Value = Tag> {
    (
        0u8..4,
        any::<bool>(),
        prop_oneof![0u32..31, 31u32..200, any::<u32>()],
    )
        .prop_map(|(class, constructed, number)| {
            let class = match class {
                0 => der::Class::Universal,
                1 => der::Class::Application,
                2 => der::Class::ContextSpecific,
                _ => der::Class::Private,
            };
            Tag::new(class, constructed, number)
        })
}

fn date_time_strategy(years: std::ops::RangeInclusive<u16>) -> impl Strategy<Value = DateTime> {
    (
        years,
        1u8..=12,
        1u8..=31,
        0u8..24,
        0u8..60,
        0u8..60,
        0u32..1_000_000_000,
    )
        .prop_filter_map("calendar date", |(y, mo, d, h, mi, s, nanos)| {
            DateTime::new(y, mo, d, h, mi, s, nanos)
        })
}

fn arcs_strategy() -> impl Strategy<Value = Vec<u128>> {
    let head = prop_oneof![
        (0u128..2, 0u128..40).prop_map(|(first, second)| vec![first, second]),
        any::<u64>().prop_map(|second| vec![2, u128::from(second)]),
    ];
    let tail = prop::collection::vec(
        prop_oneof![0u128..128, any::<u32>().prop_map(u128::from), any::<u128>()],
        0..6,
    );
    (head, tail).prop_map(|(mut head, tail)| {
        head.extend(tail);
        head
    })
}

proptest! {
    #[test]
    fn tls_uints_round_trip(a: u8, b: u16, c in 0u32..(1 << 24), d: u32, e: u64) {
        tls_round_trip(&a)?;
        tls_round_trip(&b)?;
        tls_round_trip(&Uint24(c))?;
        tls_round_trip(&d)?;
        tls_round_trip(&e)?;
    }

    #[test]
    fn tls_opaque_round_trips(
        content in prop::collection::vec(any::<u8>(), 0..300),
        slack_floor in 0usize..10,
        ceiling in prop_oneof![Just(0xffusize), Just(0xffff), Just(0xff_ffff), Just(0xffff_ffff)],
    ) {
        prop_assume!(content.len() <= ceiling);
        let range = VectorRange::new(content.len().saturating_sub(slack_floor), ceiling);
        let mut out = Vec::new();
        tls::Writer::new(&mut out).write_opaque(range, &content).unwrap();
        prop_assert_eq!(out.len(), range.prefix_width() + content.len());
        let mut reader = tls::Reader::new(&out);
        prop_assert_eq!(reader.read_opaque(range).unwrap(), &content[..]);
        prop_assert!(reader.is_empty());
    }

    #[test]
    fn tls_varints_round_trip(value in prop_oneof![0u64..64, 0u64..16384, 0..=MLS_VARINT_MAX, 0..=VARINT_MAX]) {
        let mut out = Vec::new();
        tls::Writer::new(&mut out).write_varint(value).unwrap();
        prop_assert_eq!(out.len(), tls::varint_len(value));
        let mut reader = tls::Reader::new(&out);
        prop_assert_eq!(reader.read_varint().unwrap(), value);
        prop_assert!(reader.is_empty());
    }

    #[test]
    fn tls_varint_vectors_round_trip(content in prop::collection::vec(any::<u8>(), 0..20_000)) {
        let mut out = Vec::new();
        tls::Writer::new(&mut out)
            .write_varint_opaque(MLS_VARINT_MAX, &content)
            .unwrap();
        let mut reader = tls::Reader::new(&out);
        prop_assert_eq!(reader.read_varint_opaque(MLS_VARINT_MAX).unwrap(), &content[..]);
        prop_assert!(reader.is_empty());

        let mut patched = Vec::new();
        tls::Writer::new(&mut patched)
            .write_varint_vector(MLS_VARINT_MAX, |writer| {
                writer.write_bytes(&content);
                Ok(())
            })
            .unwrap();
        prop_assert_eq!(patched, out);
    }

    #[test]
    fn tls_optional_and_lists_round_trip(
        value: Option<u32>,
        elements in prop::collection::vec(any::<u16>(), 0..100),
    ) {
        tls_round_trip(&value)?;
        let range = VectorRange::new(0, 0xffff).with_element_size(2);
        let list = List::from_vec(elements.clone());
        let mut out = Vec::new();
        list.encode_to(&mut tls::Writer::new(&mut out), range).unwrap();
        prop_assert_eq!(out.len(), 2 + list.content_len());
        let decoded = List::<u16>::decode_from(&mut tls::Reader::new(&out), range).unwrap();
        prop_assert_eq!(decoded.to_vec(), elements);
    }

    #[test]
    fn der_headers_round_trip(tag in tag_strategy(), length in prop_oneof![0usize..200, 0usize..70_000]) {
        let mut out = Vec::new();
        der::Writer::new(&mut out).write_header(tag, length);
        prop_assert_eq!(out.len(), der::tlv_len(tag, length) - length);
        out.resize(out.len() + length, 0);
        let header = der::Reader::new(&out).read_header().unwrap();
        prop_assert_eq!(header.tag, tag);
        prop_assert_eq!(header.length, length);
    }

    #[test]
    fn der_scalars_round_trip(flag: bool, small: i64, unsigned: u64, enumerated: i64) {
        let mut bytes = Vec::new();
        der_round_trip(&flag, &mut bytes)?;
        der_round_trip(&Integer::from_i64(small), &mut bytes)?;
        der_round_trip(&small, &mut bytes)?;
        der_round_trip(&unsigned, &mut bytes)?;
        der_round_trip(&Enumerated(enumerated), &mut bytes)?;
        der_round_trip(&Null, &mut bytes)?;
        prop_assert_eq!(Integer::from_u64(unsigned).to_u64().unwrap(), unsigned);
        prop_assert_eq!(Integer::from_i64(small).to_i64().unwrap(), small);
    }

    #[test]
    fn der_big_integers_round_trip(magnitude in prop::collection::vec(any::<u8>(), 0..80)) {
        let integer = Integer::from_unsigned_bytes(&magnitude);
        let mut bytes = Vec::new();
        der_round_trip(&integer, &mut bytes)?;
        let trimmed: Vec<u8> = magnitude.iter().copied().skip_while(|&b| b == 0).collect();
        let expected = if trimmed.is_empty() { vec![0] } else { trimmed };
        prop_assert_eq!(integer.unsigned_bytes().unwrap(), &expected[..]);
    }

    #[test]
    fn der_oids_round_trip(arcs in arcs_strategy()) {
        let oid = ObjectIdentifier::from_arcs(&arcs).unwrap();
        prop_assert_eq!(oid.arcs().collect::<Vec<_>>(), arcs.clone());
        let dotted = oid.to_string();
        prop_assert_eq!(&dotted.parse::<ObjectIdentifier>().unwrap(), &oid);
        let mut bytes = Vec::new();
        der_round_trip(&oid, &mut bytes)?;
    }

    #[test]
    fn der_bit_strings_round_trip(bits in prop::collection::vec(any::<bool>(), 0..100)) {
        let named = BitString::from_bits(bits.clone());
        let mut bytes = Vec::new();
        der_round_trip(&named, &mut bytes)?;
        prop_assert!(named.check_named_bits(0).is_ok());
        for (index, bit) in bits.iter().enumerate() {
            prop_assert_eq!(named.bit(index), *bit);
        }
    }

    #[test]
    fn der_strings_round_trip(
        content in prop::collection::vec(any::<u8>(), 0..100),
        text in "\\PC{0,40}",
        printable in "[A-Za-z0-9 '()+,\\-./:=?]{0,40}",
        ia5 in "[\\x00-\\x7f]{0,40}",
        numeric in "[0-9 ]{0,40}",
        visible in "[\\x20-\\x7e]{0,40}",
    ) {
        let mut bytes = Vec::new();
        der_round_trip(&&content[..], &mut bytes)?;
        der_round_trip(&Utf8String::new(&text).unwrap(), &mut bytes)?;
        der_round_trip(&PrintableString::new(&printable).unwrap(), &mut bytes)?;
        der_round_trip(&Ia5String::new(&ia5).unwrap(), &mut bytes)?;
        der_round_trip(&NumericString::new(&numeric).unwrap(), &mut bytes)?;
        der_round_trip(&VisibleString::new(&visible).unwrap(), &mut bytes)?;
    }

    #[test]
    fn der_times_round_trip(
        utc in date_time_strategy(1950..=2049),
        generalized in date_time_strategy(0..=9999),
    ) {
        let whole = DateTime::new(utc.year(), utc.month(), utc.day(), utc.hour(), utc.minute(), utc.second(), 0).unwrap();
        let mut bytes = Vec::new();
        der_round_trip(&UtcTime::new(whole).unwrap(), &mut bytes)?;
        der_round_trip(&GeneralizedTime::new(generalized), &mut bytes)?;
    }

    #[test]
    fn der_lists_round_trip(elements in prop::collection::vec(any::<i64>(), 0..50)) {
        let mut bytes = Vec::new();
        der_round_trip(&SequenceOf::from_vec(elements.clone()), &mut bytes)?;

        let set = SetOf::from_vec(elements.clone());
        let encoded = der::Encode::encode(&set).unwrap();
        let decoded = <SetOf<i64> as der::Decode>::decode(&encoded).unwrap();
        let mut sorted = decoded.to_vec();
        let mut expected = elements;
        sorted.sort();
        expected.sort();
        prop_assert_eq!(sorted, expected);
        prop_assert_eq!(der::Encode::encode(&decoded).unwrap(), encoded);
    }

    #[test]
    fn der_any_round_trips(tag in tag_strategy(), content in prop::collection::vec(any::<u8>(), 0..300)) {
        let any = Any::new(tag, &content);
        let mut bytes = Vec::new();
        der_round_trip(&any, &mut bytes)?;
    }
}

/// Decodes `input` as `T` and, when that succeeds, checks the value re-encodes to it.
fn der_canonical<'a, T: der::Decode<'a> + der::Encode>(
    input: &'a [u8],
) -> Result<(), TestCaseError> {
    if let Ok(value) = T::decode(input) {
        prop_assert_eq!(value.encode().unwrap(), input);
    }
    Ok(())
}

fn tls_canonical<'a, T: tls::Decode<'a> + tls::Encode>(
    input: &'a [u8],
) -> Result<(), TestCaseError> {
    if let Ok(value) = T::decode(input) {
        prop_assert_eq!(value.encode().unwrap(), input);
    }
    Ok(())
}

fn der_input() -> impl Strategy<Value = Vec<u8>> {
    let tlv =
        (any::<u8>(), prop::collection::vec(any::<u8>(), 0..40)).prop_map(|(tag, content)| {
            let mut out = vec![tag, content.len() as u8];
            out.extend(content);
            out
        });
    prop_oneof![prop::collection::vec(any::<u8>(), 0..64), tlv]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn der_decoders_never_panic(input in der_input()) {
        der_canonical::<bool>(&input)?;
        der_canonical::<Integer>(&input)?;
        der_canonical::<i64>(&input)?;
        der_canonical::<u8>(&input)?;
        der_canonical::<Enumerated>(&input)?;
        der_canonical::<Null>(&input)?;
        der_canonical::<ObjectIdentifier>(&input)?;
        der_canonical::<BitString>(&input)?;
        der_canonical::<&[u8]>(&input)?;
        der_canonical::<Utf8String>(&input)?;
        der_canonical::<PrintableString>(&input)?;
        der_canonical::<Ia5String>(&input)?;
        der_canonical::<NumericString>(&input)?;
        der_canonical::<VisibleString>(&input)?;
        der_canonical::<der::TeletexString>(&input)?;
        der_canonical::<der::BmpString>(&input)?;
        der_canonical::<der::UniversalString>(&input)?;
        der_canonical::<UtcTime>(&input)?;
        der_canonical::<GeneralizedTime>(&input)?;
        der_canonical::<Any>(&input)?;
        der_canonical::<SequenceOf<Any>>(&input)?;
        der_canonical::<SetOf<Any>>(&input)?;
        der_canonical::<common::EcdsaSigValue>(&input)?;
        let _ = der::Reader::new(&input).read_header();
    }

    #[test]
    fn tls_decoders_never_panic(input in prop::collection::vec(any::<u8>(), 0..128)) {
        tls_canonical::<u8>(&input)?;
        tls_canonical::<u16>(&input)?;
        tls_canonical::<Uint24>(&input)?;
        tls_canonical::<u64>(&input)?;
        tls_canonical::<Option<u16>>(&input)?;
        tls_canonical::<common::SignedCertificateTimestampList>(&input)?;
        let _ = common::decode_scts(&input, 0);
        let _ = <common::SignedCertificateTimestamp as tls::Decode>::decode(&input);
        let mut reader = tls::Reader::new(&input);
        let _ = reader.read_varint();
        let _ = reader.read_varint_vector(MLS_VARINT_MAX);
        for ceiling in [0xff, 0xffff, 0xff_ffff, 0xffff_ffff] {
            let _ = tls::Reader::new(&input).read_opaque(VectorRange::new(1, ceiling));
            let _ = List::<u16>::decode_from(
                &mut tls::Reader::new(&input),
                VectorRange::new(0, ceiling).with_element_size(2),
            );
        }
    }
}
