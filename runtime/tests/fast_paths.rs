//! Differential tests for the inlined decode paths. DER headers, TLVs, OBJECT IDENTIFIER
//! content and tags, and TLS length prefixes and lists are compared with models written
//! here from X.690 and RFC 8446 section 3. The inputs are generated and mutated, with
//! base offsets up to `usize::MAX` and depth limits of 0 to 2. Values, error kinds,
//! offsets and field paths must all match.
#![cfg(target_pointer_width = "64")]

use std::cmp::Ordering;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use proptest::prelude::*;
use proptest::sample::Index;
use rfcodec::der::{
    self, Any, Class, Decode as _, Encode as _, Null, ObjectIdentifier, SequenceOf, SetOf, Tag,
};
use rfcodec::tls::{self, Decode as _, List, VectorRange};
use rfcodec::{DecodeOptions, Error, ErrorKind, PathSegment, Result};

/// An error as these tests compare it: kind, absolute offset and path, outermost first.
type Failure = (ErrorKind, usize, Vec<PathSegment>);

fn failure(error: Error) -> Failure {
    (error.kind(), error.offset(), error.path().collect())
}

fn outcome<T>(result: Result<T>) -> core::result::Result<T, Failure> {
    result.map_err(failure)
}

fn options(base: usize, depth: u32) -> DecodeOptions {
    DecodeOptions::default()
        .with_max_depth(depth)
        .with_base_offset(base)
}

/// The model's view of the input: bytes up to `end`, a position, and the absolute offset
/// of byte 0, which wraps like the runtime's offsets.
#[derive(Clone)]
struct Input<'a> {
    bytes: &'a [u8],
    position: usize,
    end: usize,
    base: usize,
}

impl<'a> Input<'a> {
    fn new(bytes: &'a [u8], base: usize) -> Self {
        Self {
            bytes,
            position: 0,
            end: bytes.len(),
            base,
        }
    }

    fn offset_of(&self, position: usize) -> usize {
        self.base.wrapping_add(position)
    }

    fn offset(&self) -> usize {
        self.offset_of(self.position)
    }

    fn left(&self) -> usize {
        self.end - self.position
    }

    fn fail<T>(&self, kind: ErrorKind, position: usize) -> core::result::Result<T, Failure> {
        Err((kind, self.offset_of(position), Vec::new()))
    }

    fn take(&mut self, count: usize) -> core::result::Result<&'a [u8], Failure> {
        if count > self.left() {
            let kind = ErrorKind::Truncated {
                needed: count,
                available: self.left(),
            };
            return self.fail(kind, self.position);
        }
        let bytes = &self.bytes[self.position..self.position + count];
        self.position += count;
        Ok(bytes)
    }

    fn byte(&mut self) -> core::result::Result<u8, Failure> {
        self.take(1).map(|bytes| bytes[0])
    }

    /// Returns a model over the next `length` bytes, which the caller has checked exist.
    fn split(&mut self, length: usize) -> Input<'a> {
        let content = Input {
            bytes: self.bytes,
            position: self.position,
            end: self.position + length,
            base: self.base,
        };
        self.position += length;
        content
    }

    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.position..self.end]
    }
}

fn class_of(bits: u8) -> Class {
    match bits {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::ContextSpecific,
        _ => Class::Private,
    }
}

/// Identifier octets, X.690 8.1.2: the high tag number form is base 128 with no leading
/// 0x80 octet and a number of at least 31, and the runtime accepts numbers up to 2^32-1.
fn model_tag(input: &mut Input<'_>) -> core::result::Result<Tag, Failure> {
    let start = input.position;
    let first = input.byte()?;
    let class = class_of(first >> 6);
    let constructed = first & 0x20 != 0;
    if first & 0x1f != 0x1f {
        return Ok(Tag::new(class, constructed, u32::from(first & 0x1f)));
    }
    let mut number: u64 = 0;
    let mut leading = true;
    loop {
        let octet = input.byte()?;
        if leading && octet == 0x80 {
            return input.fail(ErrorKind::NonMinimalTag, start);
        }
        leading = false;
        number = (number << 7) | u64::from(octet & 0x7f);
        if number > u64::from(u32::MAX) {
            return input.fail(ErrorKind::TagNumberTooLarge, start);
        }
        if octet & 0x80 == 0 {
            break;
        }
    }
    if number < 31 {
        return input.fail(ErrorKind::NonMinimalTag, start);
    }
    Ok(Tag::new(class, constructed, number as u32))
}

/// Length octets, X.690 8.1.3 under the DER rules of 10.1: definite, minimal, and at most
/// eight octets of length on a 64-bit target.
fn model_length(input: &mut Input<'_>) -> core::result::Result<usize, Failure> {
    let start = input.position;
    let first = input.byte()?;
    if first < 0x80 {
        return Ok(usize::from(first));
    }
    if first == 0x80 {
        return input.fail(ErrorKind::IndefiniteLength, start);
    }
    let count = usize::from(first & 0x7f);
    if count > 8 {
        return input.fail(ErrorKind::LengthTooLarge, start);
    }
    let octets = input.take(count)?;
    if octets[0] == 0 {
        return input.fail(ErrorKind::NonMinimalLength, start);
    }
    let mut length: u64 = 0;
    for &octet in octets {
        length = (length << 8) | u64::from(octet);
    }
    if length < 0x80 {
        return input.fail(ErrorKind::NonMinimalLength, start);
    }
    Ok(length as usize)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ModelHeader {
    tag: Tag,
    length: usize,
    header_len: usize,
    /// Position of the identifier octets in the input.
    start: usize,
}

fn model_header(input: &mut Input<'_>) -> core::result::Result<ModelHeader, Failure> {
    let start = input.position;
    let tag = model_tag(input)?;
    let length = model_length(input)?;
    if length > input.left() {
        let kind = ErrorKind::Truncated {
            needed: length,
            available: input.left(),
        };
        return input.fail(kind, input.position);
    }
    Ok(ModelHeader {
        tag,
        length,
        header_len: input.position - start,
        start,
    })
}

/// A TLV that must carry `expected`: the tag is compared before the length is read. A
/// constructed TLV's content is one level deeper when `counts_depth`, and exceeding the
/// limit is reported after its header.
fn model_tlv<'a>(
    input: &mut Input<'a>,
    expected: Tag,
    depth_left: u32,
    limit: u32,
    counts_depth: bool,
) -> core::result::Result<(ModelHeader, Input<'a>, u32), Failure> {
    let start = input.position;
    let actual = model_tag(&mut input.clone())?;
    if actual != expected {
        return input.fail(ErrorKind::UnexpectedTag { expected, actual }, start);
    }
    let header = model_header(input)?;
    let content_depth = if counts_depth && expected.is_constructed() {
        match depth_left.checked_sub(1) {
            Some(left) => left,
            None => return input.fail(ErrorKind::DepthLimitExceeded { limit }, input.position),
        }
    } else {
        depth_left
    };
    let content = input.split(header.length);
    Ok((header, content, content_depth))
}

fn encode_high_number(number: u32) -> Vec<u8> {
    let mut septets = Vec::new();
    let mut rest = number;
    loop {
        septets.push((rest & 0x7f) as u8);
        rest >>= 7;
        if rest == 0 {
            break;
        }
    }
    septets.reverse();
    let last = septets.len() - 1;
    for septet in &mut septets[..last] {
        *septet |= 0x80;
    }
    septets
}

/// Identifier octets written from X.690 8.1.2 without the runtime's writer.
fn model_identifier(tag: Tag) -> Vec<u8> {
    let leading = ((tag.class() as u8) << 6) | (u8::from(tag.is_constructed()) << 5);
    if tag.number() < 31 {
        return vec![leading | tag.number() as u8];
    }
    let mut octets = vec![leading | 0x1f];
    octets.extend(encode_high_number(tag.number()));
    octets
}

fn minimal_length(length: usize) -> Vec<u8> {
    if length < 0x80 {
        return vec![length as u8];
    }
    let bytes = length.to_be_bytes();
    let skip = bytes.iter().take_while(|&&byte| byte == 0).count();
    let mut octets = vec![0x80 | (8 - skip) as u8];
    octets.extend_from_slice(&bytes[skip..]);
    octets
}

fn tag_strategy() -> impl Strategy<Value = Tag> {
    (
        0u8..4,
        any::<bool>(),
        prop_oneof![0u32..31, 31u32..300, any::<u32>()],
    )
        .prop_map(|(class, constructed, number)| Tag::new(class_of(class), constructed, number))
}

fn identifier_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => any::<u8>().prop_map(|octet| vec![octet]),
        2 => tag_strategy().prop_map(model_identifier),
        // High tag number forms that may be padded, unterminated or too large.
        1 => (any::<u8>(), prop::collection::vec(any::<u8>(), 0..7), any::<bool>()).prop_map(
            |(leading, mut subsequent, terminate)| {
                if terminate && let Some(last) = subsequent.last_mut() {
                    *last &= 0x7f;
                }
                let mut octets = vec![leading | 0x1f];
                octets.extend(subsequent);
                octets
            }
        ),
    ]
}

/// Length octets for `content_len` bytes of content: mostly the minimal form of a length
/// near it, else a long form with arbitrary octets, the indefinite form or any octet.
fn length_strategy(content_len: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        10 => Just(minimal_length(content_len)),
        2 => (0usize..3).prop_map(move |delta| minimal_length(content_len.saturating_sub(delta))),
        1 => (0usize..3).prop_map(move |delta| minimal_length(content_len + delta)),
        2 => (1u8..=10, prop::collection::vec(any::<u8>(), 10)).prop_map(|(count, octets)| {
            let mut length = vec![0x80 | count];
            length.extend_from_slice(&octets[..usize::from(count).min(10)]);
            length
        }),
        1 => (any::<u8>(), any::<u8>()).prop_map(|(high, low)| vec![0x82, high, low]),
        1 => any::<u8>().prop_map(|value| vec![0x81, value]),
        1 => Just(vec![0x80]),
        1 => any::<u8>().prop_map(|octet| vec![octet]),
    ]
}

fn content_strategy() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(any::<u8>(), 0..8),
        2 => prop::collection::vec(any::<u8>(), 0..300),
    ]
}

/// Generates one TLV, then possibly cuts it short or appends more bytes.
fn tlv_input_strategy() -> impl Strategy<Value = Vec<u8>> {
    (identifier_strategy(), content_strategy())
        .prop_flat_map(|(identifier, content)| {
            let length = length_strategy(content.len());
            (
                Just(identifier),
                length,
                Just(content),
                prop::option::weighted(0.2, any::<Index>()),
                prop::collection::vec(any::<u8>(), 0..3),
            )
        })
        .prop_map(|(identifier, length, content, cut, trailing)| {
            let mut input = identifier;
            input.extend(length);
            input.extend(content);
            match cut {
                Some(index) => input.truncate(index.index(input.len() + 1)),
                None => input.extend(trailing),
            }
            input
        })
}

fn base_strategy() -> impl Strategy<Value = usize> {
    prop_oneof![
        Just(0usize),
        0usize..1000,
        (0usize..600).prop_map(|below| usize::MAX - below),
        any::<usize>(),
    ]
}

/// Picks the tag a decoder expects: the one in the input, the same with another
/// constructed bit or number, or any tag.
fn expected_tag(input: &[u8], choice: u8, other: Tag) -> Tag {
    let Ok(actual) = model_tag(&mut Input::new(input, 0)) else {
        return other;
    };
    match choice {
        0..=5 => actual,
        6 => actual.with_constructed(!actual.is_constructed()),
        7 => Tag::new(actual.class(), actual.is_constructed(), actual.number() ^ 1),
        _ => other,
    }
}

/// Checks every header and TLV read of the DER reader on one input.
fn check_der_reads(
    input: &[u8],
    expected: Tag,
    base: usize,
    depth: u32,
) -> core::result::Result<(), TestCaseError> {
    let options = options(base, depth);

    let model = model_tag(&mut Input::new(input, base));
    let reader = der::Reader::with_options(input, options);
    prop_assert_eq!(reader.peek_tag(), model.clone().ok());
    prop_assert_eq!(outcome(reader.next_tag()), model);

    let mut model_input = Input::new(input, base);
    let model = model_header(&mut model_input);
    let mut reader = der::Reader::with_options(input, options);
    match (outcome(reader.read_header()), model) {
        (Ok(header), Ok(model)) => {
            prop_assert_eq!(header.tag, model.tag);
            prop_assert_eq!(header.length, model.length);
            prop_assert_eq!(header.header_len, model.header_len);
            prop_assert_eq!(header.offset, base.wrapping_add(model.start));
            prop_assert_eq!(reader.offset(), model_input.offset());
            prop_assert_eq!(reader.remaining(), model_input.rest());
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }

    let mut model_input = Input::new(input, base);
    let model = model_header(&mut model_input).map(|header| {
        let content = model_input.split(header.length);
        (header.tag, content.rest())
    });
    let mut reader = der::Reader::with_options(input, options);
    let actual = outcome(reader.read_any()).map(|any| (any.tag(), any.value()));
    prop_assert_eq!(&actual, &model);
    if actual.is_ok() {
        prop_assert_eq!(reader.offset(), model_input.offset());
    }

    let mut model_input = Input::new(input, base);
    let model = model_tlv(&mut model_input, expected, depth, depth, true);
    let mut reader = der::Reader::with_options(input, options);
    match (outcome(reader.read_tlv(expected)), model) {
        (Ok(content), Ok((_, model_content, content_depth))) => {
            prop_assert_eq!(content.remaining(), model_content.rest());
            prop_assert_eq!(content.offset(), model_content.offset());
            prop_assert_eq!(content.options().max_depth, content_depth);
            prop_assert_eq!(content.options().base_offset, model_content.offset());
            prop_assert_eq!(reader.offset(), model_input.offset());
            prop_assert_eq!(reader.remaining(), model_input.rest());
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }

    // A primitive read returns bytes and enters no nesting level, whatever the tag.
    let mut model_input = Input::new(input, base);
    let model = model_tlv(&mut model_input, expected, depth, depth, false)
        .map(|(_, content, _)| content.rest());
    let mut reader = der::Reader::with_options(input, options);
    let actual = outcome(reader.read_primitive(expected));
    prop_assert_eq!(&actual, &model);
    if actual.is_ok() {
        prop_assert_eq!(reader.offset(), model_input.offset());
    }
    Ok(())
}

fn model_trailing(input: &Input<'_>) -> core::result::Result<(), Failure> {
    match input.left() {
        0 => Ok(()),
        count => input.fail(ErrorKind::TrailingData { count }, input.position),
    }
}

/// Elements of a SEQUENCE OF or SET OF ANY, each read as a whole TLV, with the X.690 11.6
/// order checked for a SET OF: octet strings compared with the shorter padded by zeros.
fn model_any_elements<'a>(
    content: &mut Input<'a>,
    sorted: bool,
) -> core::result::Result<Vec<(Tag, &'a [u8])>, Failure> {
    let mut elements = Vec::new();
    let mut previous: Option<&[u8]> = None;
    while content.left() > 0 {
        let index = elements.len();
        let at_index = |(kind, offset, mut path): Failure| {
            path.insert(0, PathSegment::Index(index));
            (kind, offset, path)
        };
        let start = content.position;
        let header = model_header(content).map_err(at_index)?;
        let value = content.split(header.length).rest();
        let encoding = &content.bytes[start..content.position];
        if sorted && let Some(previous) = previous {
            let width = previous.len().max(encoding.len());
            let padded = |bytes: &[u8]| {
                let mut octets = bytes.to_vec();
                octets.resize(width, 0);
                octets
            };
            if padded(previous).cmp(&padded(encoding)) == Ordering::Greater {
                return content
                    .fail(ErrorKind::SetOfNotSorted, start)
                    .map_err(at_index);
            }
        }
        previous = Some(encoding);
        elements.push((header.tag, value));
    }
    Ok(elements)
}

fn model_decode_any_list(
    input: &[u8],
    tag: Tag,
    base: usize,
    depth: u32,
) -> core::result::Result<Vec<(Tag, &[u8])>, Failure> {
    let mut model_input = Input::new(input, base);
    let (_, mut content, _) = model_tlv(&mut model_input, tag, depth, depth, true)?;
    let elements = model_any_elements(&mut content, tag == Tag::SET)?;
    model_trailing(&model_input)?;
    Ok(elements)
}

/// Checks `Decode::decode_with` for a primitive and two constructed types.
fn check_der_decodes(
    input: &[u8],
    base: usize,
    depth: u32,
) -> core::result::Result<(), TestCaseError> {
    let options = options(base, depth);

    let mut model_input = Input::new(input, base);
    let model = model_tlv(&mut model_input, Tag::OCTET_STRING, depth, depth, true)
        .and_then(|(_, content, _)| model_trailing(&model_input).map(|()| content.rest()));
    prop_assert_eq!(outcome(<&[u8]>::decode_with(input, options)), model);

    let mut model_input = Input::new(input, base);
    let model = model_tlv(&mut model_input, Tag::NULL, depth, depth, true).and_then(
        |(header, content, _)| {
            if content.left() > 0 {
                return content.fail(ErrorKind::NonEmptyNull, header.start);
            }
            model_trailing(&model_input)
        },
    );
    prop_assert_eq!(
        outcome(Null::decode_with(input, options).map(|_| ())),
        model
    );

    let model = model_decode_any_list(input, Tag::SEQUENCE, base, depth);
    let actual = outcome(SequenceOf::<Any<'_>>::decode_with(input, options));
    match (actual, model) {
        (Ok(list), Ok(model)) => {
            let elements: Vec<_> = list.iter().map(|any| (any.tag(), any.value())).collect();
            prop_assert_eq!(list.len(), model.len());
            prop_assert_eq!(&elements, &model);
            prop_assert_eq!(list.to_vec().len(), model.len());
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }

    let model = model_decode_any_list(input, Tag::SET, base, depth);
    let actual = outcome(SetOf::<Any<'_>>::decode_with(input, options));
    match (actual, model) {
        (Ok(set), Ok(model)) => {
            let elements: Vec<_> = set.iter().map(|any| (any.tag(), any.value())).collect();
            prop_assert_eq!(set.len(), model.len());
            prop_assert_eq!(&elements, &model);
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }
    Ok(())
}

/// Content of a SEQUENCE or SET of TLVs built by the strategies above, some of them
/// malformed.
fn list_input_strategy() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    (
        prop::collection::vec(tlv_input_strategy(), 0..5),
        prop::collection::vec((0u8..8, content_strategy()), 0..4),
        0u8..3,
    )
        .prop_map(|(malformed, wellformed, outer)| {
            let mut content = Vec::new();
            for (number, value) in wellformed {
                content.push(number);
                content.extend(minimal_length(value.len()));
                content.extend(value);
            }
            if outer == 0 {
                for element in malformed {
                    content.extend(element);
                }
            }
            let mut sequence = vec![0x30];
            sequence.extend(minimal_length(content.len()));
            sequence.extend(&content);
            let mut set = vec![0x31];
            set.extend(minimal_length(content.len()));
            set.extend(&content);
            (sequence, set)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn der_reads_match_model(
        input in tlv_input_strategy(),
        choice in 0u8..9,
        other in tag_strategy(),
        base in base_strategy(),
        depth in 0u32..3,
    ) {
        let expected = expected_tag(&input, choice, other);
        check_der_reads(&input, expected, base, depth)?;
    }

    #[test]
    fn der_reads_of_any_bytes_match_model(
        input in prop::collection::vec(any::<u8>(), 0..12),
        choice in 0u8..9,
        other in tag_strategy(),
        base in base_strategy(),
        depth in 0u32..3,
    ) {
        let expected = expected_tag(&input, choice, other);
        check_der_reads(&input, expected, base, depth)?;
    }

    #[test]
    fn der_decodes_match_model(
        input in tlv_input_strategy(),
        base in base_strategy(),
        depth in 0u32..3,
    ) {
        check_der_decodes(&input, base, depth)?;
    }

    #[test]
    fn der_lists_match_model(
        (sequence, set) in list_input_strategy(),
        base in base_strategy(),
        depth in 0u32..3,
    ) {
        check_der_decodes(&sequence, base, depth)?;
        check_der_decodes(&set, base, depth)?;
    }
}

#[test]
fn der_long_form_boundaries_match_model() {
    // Each length form at the edges where the inlined path hands over to the general one.
    let lengths: [&[u8]; 14] = [
        &[0x7f],
        &[0x81, 0x7f],
        &[0x81, 0x80],
        &[0x81, 0xff],
        &[0x82, 0x00, 0xff],
        &[0x82, 0x01, 0x00],
        &[0x82, 0x00, 0x80],
        &[0x82, 0x01],
        &[0x81],
        &[0x83, 0x00, 0x01, 0x00],
        &[0x83, 0x01, 0x00, 0x00],
        &[0x84, 0x00, 0x00, 0x01, 0x00],
        &[0x80],
        &[0xff],
    ];
    let identifiers: [&[u8]; 4] = [&[0x04], &[0x30], &[0x9f, 0x1f], &[0xbf, 0x81, 0x00]];
    for identifier in identifiers {
        for length in lengths {
            for content_len in [0x7f, 0x80, 0xff, 0x100, 0x101] {
                let mut input = identifier.to_vec();
                input.extend_from_slice(length);
                input.extend(std::iter::repeat_n(0x05, content_len));
                let expected = model_tag(&mut Input::new(&input, 0)).unwrap();
                for base in [0, 7, usize::MAX - 300, usize::MAX] {
                    for depth in 0..2 {
                        check_der_reads(&input, expected, base, depth).unwrap();
                        check_der_decodes(&input, base, depth).unwrap();
                    }
                }
            }
        }
    }
}

#[test]
fn der_depth_error_follows_header() {
    // SEQUENCE { SEQUENCE { NULL } } under limits 0, 1 and 2.
    let input = [0x30, 0x04, 0x30, 0x02, 0x05, 0x00];
    let read = |limit: u32, base: usize| {
        let mut reader = der::Reader::with_options(&input, options(base, limit));
        reader
            .read_sequence(|outer| outer.read_sequence(|inner| inner.read_value::<Null>(Tag::NULL)))
    };
    let limit_error = |limit, offset| (ErrorKind::DepthLimitExceeded { limit }, offset, vec![]);
    assert_eq!(outcome(read(0, 0)).unwrap_err(), limit_error(0, 2));
    assert_eq!(outcome(read(1, 0)).unwrap_err(), limit_error(1, 4));
    assert_eq!(outcome(read(2, 0)), Ok(Null));
    assert_eq!(
        outcome(read(1, usize::MAX - 1)).unwrap_err(),
        limit_error(1, (usize::MAX - 1).wrapping_add(4))
    );
}

/// OBJECT IDENTIFIER content, X.690 8.19.2: the empty content or a last octet with bit 8
/// set is malformed. Otherwise the first subidentifier, in byte order, that starts with
/// 0x80 or exceeds 2^128-1 is reported. On success the first subidentifier splits into
/// two arcs (8.19.4).
fn model_oid(content: &[u8]) -> core::result::Result<Vec<u128>, ErrorKind> {
    if content.last().is_none_or(|&last| last & 0x80 != 0) {
        return Err(ErrorKind::InvalidObjectIdentifier);
    }
    let mut subidentifiers = Vec::new();
    let mut octets = content.iter();
    while let Some(&first) = octets.next() {
        if first == 0x80 {
            return Err(ErrorKind::NonMinimalSubidentifier);
        }
        let mut value = u128::from(first & 0x7f);
        let mut octet = first;
        while octet & 0x80 != 0 {
            octet = *octets.next().expect("the last octet ends a subidentifier");
            if value >> 121 != 0 {
                return Err(ErrorKind::ObjectIdentifierArcOutOfRange);
            }
            value = (value << 7) | u128::from(octet & 0x7f);
        }
        subidentifiers.push(value);
    }
    let head = subidentifiers[0];
    let (first, second) = match head {
        0..40 => (0, head),
        40..80 => (1, head - 40),
        _ => (2, head - 80),
    };
    let mut arcs = vec![first, second];
    arcs.extend_from_slice(&subidentifiers[1..]);
    Ok(arcs)
}

/// Subidentifiers as septet lists, each possibly padded with a leading 0x80 octet, and
/// the last possibly left unterminated.
fn oid_content_strategy() -> impl Strategy<Value = Vec<u8>> {
    let septets = prop_oneof![
        3 => prop::collection::vec(0u8..0x80, 1..4),
        1 => prop::collection::vec(0u8..0x80, 17..21),
        1 => (0u8..0x80, prop::collection::vec(0u8..0x80, 18)).prop_map(|(leading, rest)| {
            let mut septets = vec![leading % 8];
            septets.extend(rest);
            septets
        }),
    ];
    let subidentifier = (septets, prop::bool::weighted(0.1)).prop_map(|(septets, padded)| {
        let mut octets = if padded { vec![0x80] } else { Vec::new() };
        let last = septets.len() - 1;
        for (index, septet) in septets.into_iter().enumerate() {
            octets.push(if index < last { septet | 0x80 } else { septet });
        }
        octets
    });
    prop_oneof![
        4 => (prop::collection::vec(subidentifier, 0..6), prop::bool::weighted(0.05))
            .prop_map(|(subidentifiers, unterminated)| {
                let mut content: Vec<u8> = subidentifiers.concat();
                if unterminated && let Some(last) = content.last_mut() {
                    *last |= 0x80;
                }
                content
            }),
        1 => prop::collection::vec(any::<u8>(), 0..40),
    ]
}

fn check_oid(content: &[u8], base: usize) -> core::result::Result<(), TestCaseError> {
    let model = model_oid(content);
    let actual = ObjectIdentifier::new(content);
    match (&actual, &model) {
        (Ok(oid), Ok(arcs)) => {
            prop_assert_eq!(&oid.arcs().collect::<Vec<_>>(), arcs);
            prop_assert_eq!(oid.as_bytes(), content);
        }
        (Err(error), Err(kind)) => {
            prop_assert_eq!(error.kind(), *kind);
            prop_assert_eq!(error.offset(), 0);
        }
        _ => prop_assert!(false, "{:?} but the model gives {:?}", actual, model),
    }

    let mut tlv = vec![0x06];
    tlv.extend(minimal_length(content.len()));
    tlv.extend_from_slice(content);
    let actual = outcome(ObjectIdentifier::decode_with(&tlv, options(base, 0)));
    let model = model.map_err(|kind| (kind, base, Vec::new()));
    prop_assert_eq!(actual.map(|oid| oid.arcs().collect::<Vec<_>>()), model);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn oid_content_matches_model(content in oid_content_strategy(), base in base_strategy()) {
        check_oid(&content, base)?;
    }
}

#[test]
fn oid_content_edges_match_model() {
    // 2^128-1 in 19 septets, 2^128 in 19 septets, and the same after a padded one.
    let mut max = vec![0x83];
    max.extend([0xff; 17]);
    max.push(0x7f);
    let mut over = vec![0x84];
    over.extend([0x80; 17]);
    over.push(0x00);
    let cases: Vec<(Vec<u8>, core::result::Result<(), ErrorKind>)> = vec![
        (vec![], Err(ErrorKind::InvalidObjectIdentifier)),
        (vec![0x2a, 0x86], Err(ErrorKind::InvalidObjectIdentifier)),
        (vec![0x80, 0x01], Err(ErrorKind::NonMinimalSubidentifier)),
        (
            vec![0x2a, 0x80, 0x01],
            Err(ErrorKind::NonMinimalSubidentifier),
        ),
        ([&[0x2a][..], &max].concat(), Ok(())),
        (
            [&[0x2a][..], &over].concat(),
            Err(ErrorKind::ObjectIdentifierArcOutOfRange),
        ),
        (
            [&over[..], &[0x80, 0x01]].concat(),
            Err(ErrorKind::ObjectIdentifierArcOutOfRange),
        ),
        (
            [&[0x80, 0x01][..], &over].concat(),
            Err(ErrorKind::NonMinimalSubidentifier),
        ),
        (max[1..].to_vec(), Ok(())),
    ];
    for (content, expected) in cases {
        let actual = ObjectIdentifier::new(&content).map(|_| ());
        assert_eq!(
            actual.map_err(|error| error.kind()),
            expected,
            "{content:02x?}"
        );
        assert_eq!(model_oid(&content).map(|_| ()), expected, "{content:02x?}");
        check_oid(&content, 3).unwrap();
    }
}

fn class_rank(class: Class) -> u8 {
    match class {
        Class::Universal => 0,
        Class::Application => 1,
        Class::ContextSpecific => 2,
        Class::Private => 3,
    }
}

/// X.680 8.6 order: class, then number, with the constructed bit breaking ties so that
/// the order agrees with equality.
fn tag_key(tag: Tag) -> (u8, u32, bool) {
    (class_rank(tag.class()), tag.number(), tag.is_constructed())
}

fn hash_of(tag: Tag) -> u64 {
    let mut hasher = DefaultHasher::new();
    tag.hash(&mut hasher);
    hasher.finish()
}

fn model_display(tag: Tag) -> String {
    let number = tag.number();
    let names = [
        (1, "BOOLEAN"),
        (2, "INTEGER"),
        (3, "BIT STRING"),
        (4, "OCTET STRING"),
        (5, "NULL"),
        (6, "OBJECT IDENTIFIER"),
        (9, "REAL"),
        (10, "ENUMERATED"),
        (12, "UTF8String"),
        (13, "RELATIVE-OID"),
        (16, "SEQUENCE"),
        (17, "SET"),
        (18, "NumericString"),
        (19, "PrintableString"),
        (20, "TeletexString"),
        (21, "VideotexString"),
        (22, "IA5String"),
        (23, "UTCTime"),
        (24, "GeneralizedTime"),
        (25, "GraphicString"),
        (26, "VisibleString"),
        (27, "GeneralString"),
        (28, "UniversalString"),
        (30, "BMPString"),
    ];
    let universal = tag.class() == Class::Universal;
    let name = match tag.class() {
        Class::Universal => match names.iter().find(|(known, _)| *known == number) {
            Some((_, name)) => name.to_string(),
            None => format!("[UNIVERSAL {number}]"),
        },
        Class::Application => format!("[APPLICATION {number}]"),
        Class::ContextSpecific => format!("[{number}]"),
        Class::Private => format!("[PRIVATE {number}]"),
    };
    let constructed_by_default = universal && (number == 16 || number == 17);
    match (tag.is_constructed(), constructed_by_default) {
        (true, false) => format!("{name} (constructed)"),
        (false, true) => format!("{name} (primitive)"),
        _ => name,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn tag_order_is_x680_order(left in tag_strategy(), right in tag_strategy()) {
        prop_assert_eq!(left.cmp(&right), tag_key(left).cmp(&tag_key(right)));
        prop_assert_eq!(left.partial_cmp(&right), Some(tag_key(left).cmp(&tag_key(right))));
        prop_assert_eq!(left == right, tag_key(left) == tag_key(right));
        if left == right {
            prop_assert_eq!(hash_of(left), hash_of(right));
        }
    }

    #[test]
    fn tag_parts_survive_packing(
        class in 0u8..4,
        constructed in any::<bool>(),
        number in prop_oneof![0u32..40, any::<u32>(), Just(u32::MAX)],
    ) {
        let tag = Tag::new(class_of(class), constructed, number);
        prop_assert_eq!(tag.class(), class_of(class));
        prop_assert_eq!(tag.is_constructed(), constructed);
        prop_assert_eq!(tag.number(), number);
        prop_assert_eq!(tag.with_constructed(!constructed).number(), number);
        prop_assert_eq!(tag.with_constructed(!constructed).class(), class_of(class));
        prop_assert_eq!(tag.to_string(), model_display(tag));
        prop_assert_eq!(
            format!("{tag:?}"),
            format!(
                "Tag {{ class: {:?}, constructed: {constructed}, number: {number} }}",
                class_of(class)
            )
        );

        let identifier = model_identifier(tag);
        prop_assert_eq!(tag.encoded_len(), identifier.len());
        prop_assert_eq!(tag.identifier_octet(), (number < 31).then(|| identifier[0]));
        let encoding = Any::new(tag, &[]).encode().unwrap();
        prop_assert_eq!(&encoding[..identifier.len()], &identifier[..]);
        let reader = der::Reader::new(&encoding);
        prop_assert_eq!(reader.peek_tag(), Some(tag));
        prop_assert_eq!(outcome(reader.next_tag()), Ok(tag));
    }
}

#[test]
fn tag_order_examples() {
    let ordered = [
        Tag::BOOLEAN,
        Tag::universal(16),
        Tag::SEQUENCE,
        Tag::universal(u32::MAX),
        Tag::application(0),
        Tag::application(u32::MAX).constructed(),
        Tag::context(0),
        Tag::context(0).constructed(),
        Tag::context(31),
        Tag::private(0),
        Tag::private(u32::MAX).constructed(),
    ];
    for pair in ordered.windows(2) {
        assert!(pair[0] < pair[1], "{:?} < {:?}", pair[0], pair[1]);
    }
    assert_eq!(Tag::SEQUENCE.to_string(), "SEQUENCE");
    assert_eq!(Tag::universal(16).to_string(), "SEQUENCE (primitive)");
    assert_eq!(
        Tag::private(u32::MAX).constructed().to_string(),
        "[PRIVATE 4294967295] (constructed)"
    );
}

/// Bytes of the length prefix of `T x<floor..ceiling>`: as many as the ceiling needs,
/// at least one (RFC 8446 section 3.4).
fn model_prefix_width(ceiling: usize) -> usize {
    let mut width = 1;
    while width < 8 && ceiling >> (8 * width) != 0 {
        width += 1;
    }
    width
}

/// Reads a vector's length prefix and checks it against the floor, the ceiling and the
/// element size. Every error is reported where the prefix starts.
fn model_vector_length(
    input: &mut Input<'_>,
    range: VectorRange,
) -> core::result::Result<usize, Failure> {
    let start = input.position;
    let width = model_prefix_width(range.ceiling);
    let prefix = input.take(width)?;
    let length = prefix
        .iter()
        .fold(0u64, |value, &byte| (value << 8) | u64::from(byte)) as usize;
    if length < range.floor || length > range.ceiling {
        let kind = ErrorKind::LengthOutOfRange {
            floor: range.floor as u64,
            ceiling: range.ceiling as u64,
            actual: length as u64,
        };
        return input.fail(kind, start);
    }
    if range.element_size > 1 && length % range.element_size != 0 {
        let kind = ErrorKind::LengthNotMultiple {
            length,
            element_size: range.element_size,
        };
        return input.fail(kind, start);
    }
    Ok(length)
}

/// Reads a vector's content, one level deeper when `counts_depth`. The depth is checked
/// before the content length.
fn model_vector<'a>(
    input: &mut Input<'a>,
    range: VectorRange,
    depth_left: u32,
    limit: u32,
    counts_depth: bool,
) -> core::result::Result<(Input<'a>, u32), Failure> {
    let length = model_vector_length(input, range)?;
    let content_depth = if counts_depth {
        match depth_left.checked_sub(1) {
            Some(left) => left,
            None => return input.fail(ErrorKind::DepthLimitExceeded { limit }, input.position),
        }
    } else {
        depth_left
    };
    input.take(length)?;
    let content = Input {
        bytes: input.bytes,
        position: input.position - length,
        end: input.position,
        base: input.base,
    };
    Ok((content, content_depth))
}

fn ceiling_strategy() -> impl Strategy<Value = usize> {
    prop_oneof![
        Just(0usize),
        1usize..0x100,
        Just(0xff),
        Just(0x100),
        Just(0xffff),
        Just(0x1_0000),
        Just(0xff_ffff),
        Just(0x100_0000),
        Just(0xffff_ffff),
        Just(0x1_0000_0000),
        Just((1 << 40) - 1),
        Just(1 << 48),
        Just(usize::MAX),
        any::<usize>(),
    ]
}

fn range_strategy() -> impl Strategy<Value = VectorRange> {
    (ceiling_strategy(), any::<Index>(), 0u8..3, 0usize..6).prop_map(
        |(ceiling, floor, floor_kind, element_size)| {
            let floor = match floor_kind {
                0 => 0,
                1 => floor.index(ceiling.saturating_add(1).min(40)),
                _ => floor.index(usize::MAX),
            };
            VectorRange::new(floor, ceiling).with_element_size(element_size)
        },
    )
}

/// Generates a length prefix for `range` followed by content. The length often matches
/// the content or the range's edges, and the input is sometimes cut short.
fn vector_input_strategy() -> impl Strategy<Value = (VectorRange, Vec<u8>)> {
    (
        range_strategy(),
        prop::collection::vec(any::<u8>(), 0..64),
        0u8..6,
        any::<u64>(),
        prop::option::weighted(0.15, any::<Index>()),
    )
        .prop_map(|(range, content, choice, random, cut)| {
            let width = model_prefix_width(range.ceiling);
            let length = match choice {
                0 | 1 => content.len() as u64,
                2 => range.floor as u64,
                3 => range.ceiling as u64,
                4 => content.len() as u64 + 1,
                _ => random,
            };
            let mut input = length.to_be_bytes()[8 - width..].to_vec();
            input.extend(content);
            if let Some(cut) = cut {
                input.truncate(cut.index(input.len() + 1));
            }
            (range, input)
        })
}

/// `opaque item<0..3>`, an element of variable size.
#[derive(Debug, Clone, PartialEq)]
struct Item<'a>(&'a [u8]);

const ITEM_RANGE: VectorRange = VectorRange::new(0, 3);

impl<'a> tls::Decode<'a> for Item<'a> {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        reader.read_opaque(ITEM_RANGE).map(Item)
    }
}

fn at_index(index: usize) -> impl Fn(Failure) -> Failure {
    move |(kind, offset, mut path)| {
        path.insert(0, PathSegment::Index(index));
        (kind, offset, path)
    }
}

fn model_u16_elements(content: &mut Input<'_>) -> core::result::Result<Vec<u16>, Failure> {
    let mut elements = Vec::new();
    while content.left() > 0 {
        let bytes = content.take(2).map_err(at_index(elements.len()))?;
        elements.push(u16::from_be_bytes([bytes[0], bytes[1]]));
    }
    Ok(elements)
}

fn model_item_elements<'a>(
    content: &mut Input<'a>,
) -> core::result::Result<Vec<Item<'a>>, Failure> {
    let mut elements = Vec::new();
    while content.left() > 0 {
        let at = at_index(elements.len());
        let (item, _) = model_vector(content, ITEM_RANGE, 0, 0, false).map_err(at)?;
        elements.push(Item(item.rest()));
    }
    Ok(elements)
}

fn check_tls_reads(
    range: VectorRange,
    input: &[u8],
    base: usize,
    depth: u32,
) -> core::result::Result<(), TestCaseError> {
    let options = options(base, depth);

    let mut model_input = Input::new(input, base);
    let model = model_vector(&mut model_input, range, depth, depth, false)
        .map(|(content, _)| content.rest());
    let mut reader = tls::Reader::with_options(input, options);
    let actual = outcome(reader.read_opaque(range));
    prop_assert_eq!(&actual, &model);
    if actual.is_ok() {
        prop_assert_eq!(reader.offset(), model_input.offset());
    }

    let mut model_input = Input::new(input, base);
    let model = model_vector(&mut model_input, range, depth, depth, true);
    let mut reader = tls::Reader::with_options(input, options);
    match (outcome(reader.read_vector(range)), model) {
        (Ok(content), Ok((model_content, content_depth))) => {
            prop_assert_eq!(content.remaining(), model_content.rest());
            prop_assert_eq!(content.offset(), model_content.offset());
            prop_assert_eq!(content.options().max_depth, content_depth);
            prop_assert_eq!(reader.offset(), model_input.offset());
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }

    let mut model_input = Input::new(input, base);
    let model = model_vector(&mut model_input, range, depth, depth, true)
        .and_then(|(mut content, _)| model_u16_elements(&mut content));
    let mut reader = tls::Reader::with_options(input, options);
    match (outcome(List::<u16>::decode_from(&mut reader, range)), model) {
        (Ok(list), Ok(model)) => {
            prop_assert_eq!(list.len(), model.len());
            prop_assert_eq!(&list.iter().collect::<Vec<_>>(), &model);
            prop_assert_eq!(&list.to_vec(), &model);
            prop_assert_eq!(reader.offset(), model_input.offset());
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }

    let mut model_input = Input::new(input, base);
    let model = model_vector(&mut model_input, range, depth, depth, true)
        .and_then(|(mut content, _)| model_item_elements(&mut content));
    let mut reader = tls::Reader::with_options(input, options);
    match (
        outcome(List::<Item<'_>>::decode_from(&mut reader, range)),
        model,
    ) {
        (Ok(list), Ok(model)) => {
            prop_assert_eq!(list.len(), model.len());
            prop_assert_eq!(&list.iter().collect::<Vec<_>>(), &model);
            prop_assert_eq!(reader.offset(), model_input.offset());
        }
        (actual, model) => prop_assert_eq!(actual.map(|_| ()), model.map(|_| ())),
    }

    // An element of no bytes cannot account for the rest of the vector.
    let mut model_input = Input::new(input, base);
    let model =
        model_vector(&mut model_input, range, depth, depth, true).and_then(|(content, _)| {
            match content.left() {
                0 => Ok(0),
                count => content.fail(ErrorKind::TrailingData { count }, content.position),
            }
        });
    let mut reader = tls::Reader::with_options(input, options);
    let actual = outcome(List::<&[u8; 0]>::decode_from(&mut reader, range)).map(|list| list.len());
    prop_assert_eq!(actual, model);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn tls_vectors_match_model(
        (range, input) in vector_input_strategy(),
        base in base_strategy(),
        depth in 0u32..3,
    ) {
        check_tls_reads(range, &input, base, depth)?;
    }
}

#[test]
fn tls_prefix_widths_match_model() {
    // One ceiling per prefix width from 1 to 8, a length at each edge of the range.
    let ceilings = [
        0xff,
        0xffff,
        0xff_ffff,
        0xffff_ffff,
        (1 << 40) - 1,
        (1 << 48) - 1,
        (1 << 56) - 1,
        usize::MAX,
    ];
    for (index, ceiling) in ceilings.into_iter().enumerate() {
        let width = index + 1;
        assert_eq!(VectorRange::new(0, ceiling).prefix_width(), width);
        for floor in [0, 2, 5] {
            for element_size in [0, 1, 2, 3] {
                let range = VectorRange::new(floor, ceiling).with_element_size(element_size);
                for length in [0u64, 1, 2, 3, 4, 6] {
                    let mut input = length.to_be_bytes()[8 - width..].to_vec();
                    input.extend([0x00, 0x01, 0x02, 0x03]);
                    for base in [0, 11, usize::MAX - 3, usize::MAX] {
                        for depth in 0..2 {
                            check_tls_reads(range, &input, base, depth).unwrap();
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn tls_list_offsets_near_max() {
    // `uint16 x<0..2^16-1>` whose prefix ends where the offset wraps past usize::MAX.
    let input = [0x00, 0x02, 0xab, 0xcd];
    let range = VectorRange::new(0, 0xffff).with_element_size(2);
    let mut reader = tls::Reader::with_options(&input, options(usize::MAX, 1));
    let list = List::<u16>::decode_from(&mut reader, range).unwrap();
    assert_eq!(list.to_vec(), vec![0xabcd]);
    assert_eq!(list.as_bytes(), Some(&input[2..]));
    assert_eq!(reader.offset(), 3);
}

#[test]
fn tls_list_keeps_depth_for_iteration() {
    // `optional<uint8> x<0..255>`: each present element enters one more level, so under a
    // limit of 1 the vector uses the only level and a present element fails.
    let input = [0x03, 0x00, 0x01, 0x07];
    let range = VectorRange::new(0, 0xff);
    let mut reader = tls::Reader::with_options(&input, options(0, 2));
    let list = List::<Option<u8>>::decode_from(&mut reader, range).unwrap();
    assert_eq!(list.to_vec(), vec![None, Some(7)]);

    let mut reader = tls::Reader::with_options(&input, options(0, 1));
    let error = List::<Option<u8>>::decode_from(&mut reader, range).unwrap_err();
    assert_eq!(
        failure(error),
        (
            ErrorKind::DepthLimitExceeded { limit: 1 },
            3,
            vec![PathSegment::Index(1)]
        )
    );
    assert_eq!(
        outcome(Option::<u8>::decode_with(&[0x01, 0x07], options(0, 0))).unwrap_err(),
        (ErrorKind::DepthLimitExceeded { limit: 0 }, 1, vec![])
    );
}
