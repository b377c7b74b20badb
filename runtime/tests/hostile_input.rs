//! Hand-made hostile inputs for both wire layers: lengths that claim gigabytes, nesting
//! 10,000 levels deep, malformed tags, calendar edges and values that do not fit their
//! length prefix. Every rejection is checked for its exact error kind and offset, and the
//! length attacks also check that no allocation was sized from a length field.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cmp::Ordering;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use rfcodec::der::{
    self, Any, Decode as _, Encode as _, GeneralizedTime, ObjectIdentifier, SequenceOf, SetOf, Tag,
    UtcTime,
};
use rfcodec::tls::{self, List, VARINT_MAX, VectorRange};
use rfcodec::{DecodeOptions, ErrorKind, PathSegment, Result};

/// The system allocator, recording the largest single request it has seen.
struct LargestRequest;

static LARGEST_REQUEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed unchanged to the system allocator.
unsafe impl GlobalAlloc for LargestRequest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST_REQUEST.fetch_max(layout.size(), AtomicOrdering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST_REQUEST.fetch_max(new_size, AtomicOrdering::Relaxed);
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: LargestRequest = LargestRequest;

/// Far below the gigabytes the hostile lengths claim, and far above what any test in this
/// file allocates on purpose, so tests running in parallel cannot push past it.
const ALLOCATION_CEILING: usize = 1 << 20;

fn kind_at<T: std::fmt::Debug>(result: Result<T>) -> (ErrorKind, usize) {
    let error = result.expect_err("decoding must fail");
    (error.kind(), error.offset())
}

fn truncated(needed: usize, available: usize) -> ErrorKind {
    ErrorKind::Truncated { needed, available }
}

#[cfg(target_pointer_width = "64")]
#[test]
fn der_huge_lengths_fail_without_allocating() {
    let rows: [(&[u8], ErrorKind, usize); 8] = [
        (
            &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
            truncated(0xffff_ffff, 0),
            6,
        ),
        (
            &[0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            truncated(usize::MAX, 0),
            10,
        ),
        (
            &[0x30, 0x89, 0x01, 0, 0, 0, 0, 0, 0, 0, 0],
            ErrorKind::LengthTooLarge,
            1,
        ),
        // 0xff is reserved as the first length octet (X.690 8.1.3.5).
        (&[0x30, 0xff], ErrorKind::LengthTooLarge, 1),
        (
            &[0x30, 0x84, 0x00, 0x00, 0x00, 0x80],
            ErrorKind::NonMinimalLength,
            1,
        ),
        (
            &[0x30, 0x81, 0x05, 0x05, 0x00],
            ErrorKind::NonMinimalLength,
            1,
        ),
        (
            &[0x30, 0x80, 0x05, 0x00, 0x00, 0x00],
            ErrorKind::IndefiniteLength,
            1,
        ),
        // The inner length claims 2 GiB inside an outer TLV of 6 content octets.
        (
            &[0x30, 0x06, 0x04, 0x84, 0x7f, 0xff, 0xff, 0xff],
            truncated(0x7fff_ffff, 0),
            8,
        ),
    ];
    for (input, kind, offset) in rows {
        assert_eq!(
            kind_at(SequenceOf::<Any>::decode(input)),
            (kind, offset),
            "{input:02x?}"
        );
    }
    let largest = LARGEST_REQUEST.load(AtomicOrdering::Relaxed);
    assert!(
        largest < ALLOCATION_CEILING,
        "an allocation of {largest} bytes"
    );
}

#[test]
fn tls_huge_prefixes_fail_without_allocating() {
    let full_range = VectorRange::new(0, 0xffff_ffff);
    let mut reader = tls::Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x01]);
    assert_eq!(
        kind_at(reader.read_opaque(full_range)),
        (truncated(0xffff_ffff, 1), 4)
    );

    let mut reader = tls::Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x00, 0x01]);
    let list = List::<u16>::decode_from(&mut reader, full_range);
    assert_eq!(kind_at(list), (truncated(0xffff_ffff, 2), 4));

    // A `<V>` length of 2^62-1, the largest a variable-length integer holds.
    let input = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    let mut reader = tls::Reader::new(&input);
    let expected = truncated(VARINT_MAX as usize, 1);
    assert_eq!(
        kind_at(reader.read_varint_opaque(VARINT_MAX)),
        (expected, 8)
    );

    let largest = LARGEST_REQUEST.load(AtomicOrdering::Relaxed);
    assert!(
        largest < ALLOCATION_CEILING,
        "an allocation of {largest} bytes"
    );
}

/// Returns `levels` SEQUENCEs, each holding the next, around a NULL, and the offset of
/// each level's content octets, outermost first.
fn nested_sequences(levels: usize) -> (Vec<u8>, Vec<usize>) {
    let mut content_lens = vec![2];
    for _ in 1..levels {
        let inner = *content_lens.last().unwrap();
        content_lens.push(der::tlv_len(Tag::SEQUENCE, inner));
    }
    let mut encoding = Vec::new();
    let mut content_offsets = Vec::new();
    let mut writer = der::Writer::new(&mut encoding);
    for &length in content_lens.iter().rev() {
        writer.write_header(Tag::SEQUENCE, length);
        content_offsets.push(writer.position());
    }
    writer.write_bytes(&[0x05, 0x00]);
    (encoding, content_offsets)
}

/// Decodes nested SEQUENCEs down to the NULL, returning how many it entered.
fn decode_sequences(reader: &mut der::Reader<'_>) -> Result<usize> {
    if reader.peek_tag() != Some(Tag::SEQUENCE) {
        return reader.read_any().map(|_| 0);
    }
    reader.read_sequence(|content| decode_sequences(content).map(|levels| levels + 1))
}

#[test]
fn der_ten_thousand_levels_stop_at_limit() {
    let (input, content_offsets) = nested_sequences(10_000);
    let error = decode_sequences(&mut der::Reader::new(&input)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DepthLimitExceeded { limit: 64 });
    assert_eq!(
        error.offset(),
        content_offsets[64],
        "the 65th level's content"
    );

    let (shallow, _) = nested_sequences(64);
    assert_eq!(
        decode_sequences(&mut der::Reader::new(&shallow)).unwrap(),
        64
    );
}

/// Decodes `struct { Tree children<0..2^16-1>; } Tree;`, returning its depth.
fn decode_tree(reader: &mut tls::Reader<'_>) -> Result<usize> {
    let mut content = reader.read_vector(VectorRange::new(0, 0xffff))?;
    let mut depth = 0;
    while !content.is_empty() {
        depth = depth.max(decode_tree(&mut content)?);
    }
    Ok(depth + 1)
}

#[test]
fn tls_ten_thousand_levels_stop_at_limit() {
    let nested = |levels: usize| -> Vec<u8> {
        (0..levels)
            .rev()
            .flat_map(|inside| ((2 * inside) as u16).to_be_bytes())
            .collect()
    };
    let input = nested(10_000);
    let error = decode_tree(&mut tls::Reader::new(&input)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DepthLimitExceeded { limit: 64 });
    assert_eq!(error.offset(), 2 * 65, "after the 65th length prefix");

    assert_eq!(decode_tree(&mut tls::Reader::new(&nested(64))).unwrap(), 64);
}

#[test]
fn malformed_tags_report_their_offset() {
    let rows: [(&[u8], ErrorKind, usize); 4] = [
        // Tag number 2^32: five subsequent octets, the first carrying 0x10.
        (
            &[0x1f, 0x90, 0x80, 0x80, 0x80, 0x00, 0x00],
            ErrorKind::TagNumberTooLarge,
            0,
        ),
        (&[0x1f], truncated(1, 0), 1),
        (&[0x3f, 0x81], truncated(1, 0), 2),
        (&[0x1f, 0x80, 0x01, 0x00], ErrorKind::NonMinimalTag, 0),
    ];
    for (input, kind, offset) in rows {
        assert_eq!(kind_at(Any::decode(input)), (kind, offset), "{input:02x?}");
    }
}

#[test]
fn tag_order_agrees_with_equality() {
    let primitive = Tag::universal(16);
    assert_ne!(primitive, Tag::SEQUENCE);
    assert_ne!(primitive.cmp(&Tag::SEQUENCE), Ordering::Equal);
    assert_eq!(Tag::SEQUENCE.cmp(&Tag::SEQUENCE), Ordering::Equal);

    // Class and number still decide the canonical order before the constructed bit.
    assert!(Tag::context(0).constructed() < Tag::context(1));
    assert!(Tag::SET < Tag::application(0));
}

#[test]
fn oid_head_arc_overflow_is_rejected() {
    // The first subidentifier is 80 + the second arc, which must stay within 128 bits.
    let largest = ObjectIdentifier::from_arcs(&[2, u128::MAX - 80]).unwrap();
    assert_eq!(largest.as_bytes().len(), 19);
    assert_eq!(largest.arcs().collect::<Vec<_>>(), [2, u128::MAX - 80]);

    let overflow = ObjectIdentifier::from_arcs(&[2, u128::MAX - 79]);
    assert_eq!(
        kind_at(overflow),
        (ErrorKind::ObjectIdentifierArcOutOfRange, 0)
    );
}

fn tlv(tag: u8, text: &str) -> Vec<u8> {
    let mut input = vec![tag, text.len() as u8];
    input.extend_from_slice(text.as_bytes());
    input
}

#[test]
fn times_at_calendar_edges() {
    let utc_rows = [
        ("000229000000Z", Some("2000-02-29T00:00:00Z")),
        ("491231235959Z", Some("2049-12-31T23:59:59Z")),
        ("500101000000Z", Some("1950-01-01T00:00:00Z")),
        ("210229000000Z", None),
        ("991131000000Z", None),
        ("991231235960Z", None),
        ("991231240000Z", None),
    ];
    for (text, expected) in utc_rows {
        let decoded = UtcTime::decode(&tlv(0x17, text));
        let displayed = decoded
            .as_ref()
            .ok()
            .map(|time| time.date_time().to_string());
        assert_eq!(displayed.as_deref(), expected, "{text}");
    }

    let generalized_rows = [
        ("20000229000000Z", Some("2000-02-29T00:00:00Z")),
        (
            "99991231235959.999999999Z",
            Some("9999-12-31T23:59:59.999999999Z"),
        ),
        ("00000101000000Z", Some("0000-01-01T00:00:00Z")),
        ("21000229000000Z", None),
        ("19000229000000Z", None),
        ("20240431000000Z", None),
        ("20240101000000.Z", None),
        ("20240101000000.1234567890Z", None),
    ];
    for (text, expected) in generalized_rows {
        let decoded = GeneralizedTime::decode(&tlv(0x18, text));
        let displayed = decoded
            .as_ref()
            .ok()
            .map(|time| time.date_time().to_string());
        assert_eq!(displayed.as_deref(), expected, "{text}");
    }
}

#[test]
fn set_of_any_orders_by_whole_encoding() {
    // A BOOLEAN (01 01 ff) sorts before an INTEGER (02 01 05) whatever their values.
    let sorted = [0x31, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x05];
    let set = SetOf::<Any>::decode(&sorted).unwrap();
    let mut elements = set.to_vec();
    elements.reverse();
    assert_eq!(SetOf::from_vec(elements).encode().unwrap(), sorted);

    let unsorted = [0x31, 0x06, 0x02, 0x01, 0x05, 0x01, 0x01, 0xff];
    let error = SetOf::<Any>::decode(&unsorted).unwrap_err();
    assert_eq!(
        (error.kind(), error.offset()),
        (ErrorKind::SetOfNotSorted, 5)
    );
    assert_eq!(error.path().collect::<Vec<_>>(), [PathSegment::Index(1)]);
}

#[test]
fn writers_reject_values_over_their_prefix() {
    let mut out = Vec::new();
    let mut writer = tls::Writer::new(&mut out);
    let too_wide = writer.write_uint(3, 1 << 24).unwrap_err();
    assert_eq!(
        too_wide.kind(),
        ErrorKind::IntegerTooWide {
            width: 3,
            value: 1 << 24
        }
    );

    let over_ceiling = writer
        .write_opaque(VectorRange::new(0, 2), &[1, 2, 3])
        .unwrap_err();
    let expected = ErrorKind::LengthOutOfRange {
        floor: 0,
        ceiling: 2,
        actual: 3,
    };
    assert_eq!(over_ceiling.kind(), expected);

    let over_maximum = writer.write_varint_vector(3, |content| {
        content.write_bytes(&[1, 2, 3, 4]);
        Ok(())
    });
    let expected = ErrorKind::VarintOutOfRange {
        maximum: 3,
        actual: 4,
    };
    assert_eq!(over_maximum.unwrap_err().kind(), expected);
    assert!(out.is_empty(), "failed writes left {out:02x?}");
}

#[cfg(target_pointer_width = "64")]
#[test]
fn vector_prefix_fits_ceilings_over_32_bits() {
    // RFC 8446 section 3.4: the prefix takes as many bytes as the ceiling needs.
    let range = VectorRange::new(0, 1 << 32);
    assert_eq!(range.prefix_width(), 5);
    assert_eq!(VectorRange::new(0, usize::MAX).prefix_width(), 8);

    let mut out = Vec::new();
    tls::Writer::new(&mut out)
        .write_opaque(range, &[7])
        .unwrap();
    assert_eq!(out, [0, 0, 0, 0, 1, 7]);
    assert_eq!(tls::Reader::new(&out).read_opaque(range).unwrap(), [7]);
}

#[test]
fn primitive_content_keeps_depth_limit() {
    // SEQUENCE { OCTET STRING { SEQUENCE { SEQUENCE { NULL } } } }, as an X.509 extension
    // carries DER inside extnValue, decoded under a limit of 2.
    let input = [0x30, 0x08, 0x04, 0x06, 0x30, 0x04, 0x30, 0x02, 0x05, 0x00];
    let options = DecodeOptions::default().with_max_depth(2);
    let error = der::Reader::with_options(&input, options)
        .read_sequence(|sequence| {
            let mut extension_value = sequence.read_tlv(Tag::OCTET_STRING)?;
            decode_sequences(&mut extension_value)
        })
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DepthLimitExceeded { limit: 2 });
    assert_eq!(error.offset(), 8, "the innermost SEQUENCE's content");
}

/// Base offsets whose sums with a short input's positions wrap past `usize::MAX`.
const WRAPPING_BASES: [usize; 3] = [usize::MAX - 2, usize::MAX - 1, usize::MAX];

#[test]
fn der_header_offsets_wrap_near_max() {
    // A long-form length goes through the general header reader.
    let mut input = vec![0x04, 0x81, 0x80];
    input.extend([0; 0x80]);
    for base in WRAPPING_BASES {
        let options = DecodeOptions::default().with_base_offset(base);
        let mut reader = der::Reader::with_options(&input, options);
        let header = reader.read_header().unwrap();
        assert_eq!(header.header_len, 3);
        assert_eq!(header.length, 0x80);
        assert_eq!(header.offset, base);
        assert_eq!(reader.offset(), base.wrapping_add(3));
    }
}

#[test]
fn der_string_offsets_wrap_near_max() {
    // '*' is outside the PrintableString set, at position 1 of the content.
    let input = [0x13, 0x02, b'a', b'*'];
    for base in WRAPPING_BASES {
        let options = DecodeOptions::default().with_base_offset(base);
        let error = der::PrintableString::decode_with(&input, options).unwrap_err();
        let kind = ErrorKind::InvalidCharacter {
            tag: Tag::PRINTABLE_STRING,
            position: 1,
        };
        assert_eq!(error.kind(), kind);
        assert_eq!(error.offset(), base.wrapping_add(3));
    }
}

#[test]
fn tls_prefix_offsets_wrap_near_max() {
    let input = [0x00, 0x03, 0x01, 0x02, 0x03];
    for base in WRAPPING_BASES {
        let options = DecodeOptions::default().with_base_offset(base);
        let mut reader = tls::Reader::with_options(&input, options);
        let content = reader.read_opaque(VectorRange::new(0, 0xffff)).unwrap();
        assert_eq!(content, &input[2..]);
        assert_eq!(reader.offset(), base.wrapping_add(5));

        let mut reader = tls::Reader::with_options(&input, options);
        let error = reader.read_opaque(VectorRange::new(4, 0xffff)).unwrap_err();
        let kind = ErrorKind::LengthOutOfRange {
            floor: 4,
            ceiling: 0xffff,
            actual: 3,
        };
        assert_eq!(error.kind(), kind);
        assert_eq!(error.offset(), base);
    }
}

#[test]
fn shifted_error_offsets_wrap_near_max() {
    for base in WRAPPING_BASES {
        let error = rfcodec::Error::new(ErrorKind::EmptyInteger, 3).shifted(base);
        assert_eq!(error.offset(), base.wrapping_add(3));
    }
}
