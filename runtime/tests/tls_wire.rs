//! Table tests of the TLS wire layer: every primitive with exact results, and for every
//! rule an input that breaks it with the exact error kind and offset.

use rfcodec::tls::{
    self, Decode, Encode, List, MLS_VARINT_MAX, Reader, Uint24, VARINT_MAX, VectorRange, Writer,
};
use rfcodec::{DecodeOptions, ErrorKind, Result};

fn kind_at<T: std::fmt::Debug>(result: Result<T>) -> (ErrorKind, usize) {
    let error = result.expect_err("decoding must fail");
    (error.kind(), error.offset())
}

fn truncated(needed: usize, available: usize) -> ErrorKind {
    ErrorKind::Truncated { needed, available }
}

#[test]
fn uints_decode_big_endian() {
    assert_eq!(u8::decode(&[0xfe]).unwrap(), 0xfe);
    assert_eq!(u16::decode(&[0x03, 0x03]).unwrap(), 0x0303);
    assert_eq!(
        Uint24::decode(&[0x01, 0x02, 0x03]).unwrap(),
        Uint24(0x010203)
    );
    assert_eq!(u32::decode(&[0xde, 0xad, 0xbe, 0xef]).unwrap(), 0xdead_beef);
    assert_eq!(
        u64::decode(&[0, 0, 0x01, 0x62, 0x73, 0x13, 0xeb, 0x19]).unwrap(),
        1_522_349_107_993
    );
}

#[test]
fn uints_encode_big_endian() {
    assert_eq!(0x0303u16.encode().unwrap(), [0x03, 0x03]);
    assert_eq!(Uint24(0x010203).encode().unwrap(), [0x01, 0x02, 0x03]);
    assert_eq!(7u64.encode().unwrap(), [0, 0, 0, 0, 0, 0, 0, 7]);
}

#[test]
fn uints_reject_truncation() {
    assert_eq!(kind_at(u16::decode(&[0x03])), (truncated(2, 1), 0));
    assert_eq!(kind_at(Uint24::decode(&[1, 2])), (truncated(3, 2), 0));
    assert_eq!(kind_at(u32::decode(&[])), (truncated(4, 0), 0));
    assert_eq!(kind_at(u64::decode(&[0; 7])), (truncated(8, 7), 0));
}

#[test]
fn decode_rejects_trailing_data() {
    assert_eq!(
        kind_at(u16::decode(&[1, 2, 3])),
        (ErrorKind::TrailingData { count: 1 }, 2)
    );
}

#[test]
fn uint24_encode_rejects_values_over_24_bits() {
    assert_eq!(
        kind_at(Uint24(0x0100_0000).encode()),
        (
            ErrorKind::IntegerTooWide {
                width: 3,
                value: 0x0100_0000
            },
            0
        )
    );
}

#[test]
fn fixed_vector_reads_exact_size() {
    let random = <&[u8; 4]>::decode(&[1, 2, 3, 4]).unwrap();
    assert_eq!(random, &[1, 2, 3, 4]);
    assert_eq!(
        kind_at(<&[u8; 4]>::decode(&[1, 2, 3])),
        (truncated(4, 3), 0)
    );
}

#[test]
fn write_fixed_rejects_wrong_size() {
    let mut out = Vec::new();
    let result = Writer::new(&mut out).write_fixed(32, &[0; 31]);
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::FixedLengthMismatch {
                expected: 32,
                actual: 31
            },
            0
        )
    );
}

#[test]
fn prefix_width_follows_ceiling() {
    let rows = [
        (0, 1),
        (255, 1),
        (256, 2),
        (0xffff, 2),
        (0x1_0000, 3),
        (0xff_ffff, 3),
        (0x100_0000, 4),
        (0xffff_ffff, 4),
    ];
    for (ceiling, width) in rows {
        assert_eq!(
            VectorRange::new(0, ceiling).prefix_width(),
            width,
            "ceiling {ceiling}"
        );
    }
}

#[test]
fn read_opaque_accepts_each_prefix_width() {
    let rows: [(VectorRange, &[u8], &[u8]); 4] = [
        (VectorRange::new(0, 255), &[2, 0xaa, 0xbb], &[0xaa, 0xbb]),
        (VectorRange::new(1, 0xffff), &[0, 1, 0xcc], &[0xcc]),
        (VectorRange::new(1, 0xff_ffff), &[0, 0, 2, 1, 2], &[1, 2]),
        (VectorRange::new(0, 0xffff_ffff), &[0, 0, 0, 1, 9], &[9]),
    ];
    for (range, input, content) in rows {
        let mut reader = Reader::new(input);
        assert_eq!(reader.read_opaque(range).unwrap(), content, "{range:?}");
        assert!(reader.is_empty());

        let mut out = Vec::new();
        Writer::new(&mut out).write_opaque(range, content).unwrap();
        assert_eq!(out, input, "{range:?}");
    }
}

#[test]
fn read_opaque_rejects_length_below_floor() {
    let mut reader = Reader::new(&[0, 0]);
    assert_eq!(
        kind_at(reader.read_opaque(VectorRange::new(1, 0xffff))),
        (
            ErrorKind::LengthOutOfRange {
                floor: 1,
                ceiling: 0xffff,
                actual: 0
            },
            0
        )
    );
}

#[test]
fn read_opaque_rejects_length_above_ceiling() {
    let mut reader = Reader::new(&[0xaa, 3, 1, 2, 3]);
    reader.read_u8().unwrap();
    assert_eq!(
        kind_at(reader.read_opaque(VectorRange::new(0, 2))),
        (
            ErrorKind::LengthOutOfRange {
                floor: 0,
                ceiling: 2,
                actual: 3
            },
            1
        )
    );
}

#[test]
fn read_opaque_rejects_length_past_input() {
    let mut reader = Reader::new(&[0, 5, 1, 2]);
    assert_eq!(
        kind_at(reader.read_opaque(VectorRange::new(0, 0xffff))),
        (truncated(5, 2), 2)
    );
}

#[test]
fn read_opaque_rejects_truncated_prefix() {
    let mut reader = Reader::new(&[0, 0]);
    assert_eq!(
        kind_at(reader.read_opaque(VectorRange::new(0, 0xff_ffff))),
        (truncated(3, 2), 0)
    );
}

#[test]
fn read_vector_rejects_partial_elements() {
    // CipherSuite cipher_suites<2..2^16-2>: two-byte elements.
    let range = VectorRange::new(2, 0xfffe).with_element_size(2);
    let mut reader = Reader::new(&[0, 3, 0x13, 0x01, 0x13]);
    assert_eq!(
        kind_at(reader.read_vector(range)),
        (
            ErrorKind::LengthNotMultiple {
                length: 3,
                element_size: 2
            },
            0
        )
    );
}

#[test]
fn write_vector_patches_prefix() {
    let mut out = Vec::new();
    let mut writer = Writer::new(&mut out);
    writer
        .write_vector(VectorRange::new(2, 0xfffe).with_element_size(2), |writer| {
            writer.write_u16(0x1301);
            writer.write_u16(0x1302);
            Ok(())
        })
        .unwrap();
    assert_eq!(out, [0, 4, 0x13, 0x01, 0x13, 0x02]);
}

#[test]
fn write_vector_rejects_content_over_ceiling() {
    let mut out = vec![0xee];
    let result = Writer::new(&mut out).write_vector(VectorRange::new(0, 255), |writer| {
        writer.write_bytes(&[0; 256]);
        Ok(())
    });
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::LengthOutOfRange {
                floor: 0,
                ceiling: 255,
                actual: 256
            },
            1
        )
    );
    assert_eq!(out, [0xee], "a failed vector leaves nothing behind");
}

#[test]
fn write_vector_rejects_content_under_floor() {
    let mut out = Vec::new();
    let result = Writer::new(&mut out).write_vector(VectorRange::new(1, 0xffff), |_| Ok(()));
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::LengthOutOfRange {
                floor: 1,
                ceiling: 0xffff,
                actual: 0
            },
            0
        )
    );
}

#[test]
fn write_vector_rejects_partial_elements() {
    let mut out = Vec::new();
    let range = VectorRange::new(0, 0xffff).with_element_size(2);
    let result = Writer::new(&mut out).write_vector(range, |writer| {
        writer.write_u8(1);
        Ok(())
    });
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::LengthNotMultiple {
                length: 1,
                element_size: 2
            },
            0
        )
    );
}

#[test]
fn write_opaque_rejects_content_over_ceiling() {
    let mut out = Vec::new();
    let result = Writer::new(&mut out).write_opaque(VectorRange::new(0, 3), &[0; 4]);
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::LengthOutOfRange {
                floor: 0,
                ceiling: 3,
                actual: 4
            },
            0
        )
    );
}

/// RFC 9000 section 16 and its Appendix A.1 sample values.
#[test]
fn varints_decode_rfc9000_samples() {
    let rows: [(&[u8], u64); 5] = [
        (
            &[0xc2, 0x19, 0x7c, 0x5e, 0xff, 0x14, 0xe8, 0x8c],
            151_288_809_941_952_652,
        ),
        (&[0x9d, 0x7f, 0x3e, 0x7d], 494_878_333),
        (&[0x7b, 0xbd], 15_293),
        (&[0x25], 37),
        (&[0x3f], 63),
    ];
    for (input, value) in rows {
        let mut reader = Reader::new(input);
        assert_eq!(reader.read_varint().unwrap(), value);
        assert!(reader.is_empty());

        let mut out = Vec::new();
        Writer::new(&mut out).write_varint(value).unwrap();
        assert_eq!(out, input);
    }
}

#[test]
fn varints_reject_non_minimal_forms() {
    // RFC 9000 A.1 notes 0x40 0x25 also decodes to 37; minimal encoding is required.
    let rows: [&[u8]; 4] = [
        &[0x40, 0x25],
        &[0x80, 0x00, 0x3f, 0xff],
        &[0xc0, 0, 0, 0, 0x3f, 0xff, 0xff, 0xff],
        &[0x40, 0x3f],
    ];
    for input in rows {
        let mut reader = Reader::new(input);
        assert_eq!(
            kind_at(reader.read_varint()),
            (ErrorKind::NonMinimalVarint, 0),
            "{input:02x?}"
        );
    }
}

#[test]
fn varints_reject_truncation() {
    let mut reader = Reader::new(&[0x9d, 0x7f]);
    assert_eq!(kind_at(reader.read_varint()), (truncated(3, 1), 1));
}

#[test]
fn varints_enforce_mls_limit() {
    let mut reader = Reader::new(&[0xc0, 0, 0, 0, 0x40, 0, 0, 0]);
    assert_eq!(
        kind_at(reader.read_varint_limited(MLS_VARINT_MAX)),
        (
            ErrorKind::VarintOutOfRange {
                maximum: MLS_VARINT_MAX,
                actual: 1 << 30
            },
            0
        )
    );

    let mut out = Vec::new();
    let result = Writer::new(&mut out).write_varint_limited(MLS_VARINT_MAX, 1 << 30);
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::VarintOutOfRange {
                maximum: MLS_VARINT_MAX,
                actual: 1 << 30
            },
            0
        )
    );
}

#[test]
fn write_varint_rejects_values_over_2_62() {
    let mut out = Vec::new();
    let result = Writer::new(&mut out).write_varint(VARINT_MAX + 1);
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::VarintOutOfRange {
                maximum: VARINT_MAX,
                actual: VARINT_MAX + 1
            },
            0
        )
    );
}

#[test]
fn varint_vector_round_trips() {
    let input = [0x40, 0x41, 0x55];
    let mut reader = Reader::new(&[0x03, 0x40, 0x41, 0x55]);
    let mut content = reader.read_varint_vector(MLS_VARINT_MAX).unwrap();
    assert_eq!(content.read_varint().unwrap(), 0x41);
    assert_eq!(content.read_u8().unwrap(), 0x55);

    let mut out = Vec::new();
    Writer::new(&mut out)
        .write_varint_vector(MLS_VARINT_MAX, |writer| {
            writer.write_bytes(&[0xab; 64]);
            Ok(())
        })
        .unwrap();
    assert_eq!(&out[..2], [0x40, 0x40]);
    assert_eq!(out.len(), 66);
    let _ = input;
}

#[test]
fn varint_vector_rejects_length_over_maximum() {
    let mut out = vec![7];
    let result = Writer::new(&mut out).write_varint_vector(3, |writer| {
        writer.write_bytes(&[0; 4]);
        Ok(())
    });
    assert_eq!(
        kind_at(result),
        (
            ErrorKind::VarintOutOfRange {
                maximum: 3,
                actual: 4
            },
            1
        )
    );
    assert_eq!(out, [7]);
}

#[test]
fn optional_reads_presence_octet() {
    assert_eq!(Option::<u16>::decode(&[0]).unwrap(), None);
    assert_eq!(Option::<u16>::decode(&[1, 0, 5]).unwrap(), Some(5));
    assert_eq!(Some(5u16).encode().unwrap(), [1, 0, 5]);
    assert_eq!(None::<u16>.encode().unwrap(), [0]);
    assert_eq!(
        kind_at(Option::<u16>::decode(&[2, 0, 5])),
        (ErrorKind::InvalidPresence { value: 2 }, 0)
    );
}

/// `struct { optional<Node> next; } Node;`: recursion that reads no length prefix.
#[derive(Debug, PartialEq)]
struct Node(Option<Box<Node>>);

impl<'a> Decode<'a> for Node {
    fn decode_from(reader: &mut Reader<'a>) -> Result<Self> {
        Option::<Box<Node>>::decode_from(reader).map(Node)
    }
}

#[test]
fn recursion_stops_at_depth_limit() {
    let mut input = vec![1u8; 100];
    input.push(0);
    let (kind, offset) = kind_at(Node::decode(&input));
    assert_eq!(kind, ErrorKind::DepthLimitExceeded { limit: 64 });
    assert_eq!(offset, 65, "the 65th nested value would start there");

    let deep = Node::decode_with(&input, DecodeOptions::default().with_max_depth(200));
    assert!(deep.is_ok());
}

#[test]
fn max_depth_field_sets_reported_limit() {
    // `max_depth` is a public field, so a caller may set it without `with_max_depth`.
    let mut input = vec![1u8; 10];
    input.push(0);
    let mut options = DecodeOptions::default();
    options.max_depth = 3;
    assert_eq!(options.depth_limit(), 3);
    let (kind, offset) = kind_at(Node::decode_with(&input, options));
    assert_eq!(kind, ErrorKind::DepthLimitExceeded { limit: 3 });
    assert_eq!(offset, 4, "the 4th nested value would start there");
}

#[test]
fn max_depth_field_counts_levels_entered() {
    // Options taken two levels down and then given two more levels have a limit of 4.
    let mut input = vec![1u8; 10];
    input.push(0);
    let mut reader = Reader::new(&input);
    let mut options = reader
        .enter(|first| first.enter(|second| Ok(second.options())))
        .unwrap();
    assert_eq!(options.depth_limit(), 64);
    options.max_depth = 2;
    assert_eq!(options.depth_limit(), 4);
    let (kind, _) = kind_at(Node::decode_with(&input, options));
    assert_eq!(kind, ErrorKind::DepthLimitExceeded { limit: 4 });
}

#[test]
fn nested_vectors_stop_at_depth_limit() {
    // Ten nested one-byte-prefix vectors, decoded under a limit of 4.
    let input: Vec<u8> = (0..10u8).map(|level| 9 - level).collect();
    let mut reader = Reader::with_options(&input, DecodeOptions::default().with_max_depth(4));
    let range = VectorRange::new(0, 255);
    let mut levels = Vec::new();
    let mut current = reader.read_vector(range).unwrap();
    let error = loop {
        match current.read_vector(range) {
            Ok(inner) => {
                levels.push(inner.offset());
                current = inner;
            }
            Err(error) => break error,
        }
    };
    assert_eq!(levels, [2, 3, 4]);
    assert_eq!(error.kind(), ErrorKind::DepthLimitExceeded { limit: 4 });
    assert_eq!(
        error.offset(),
        5,
        "the fifth level's content would start there"
    );
    let _ = reader.finish();
}

#[test]
fn list_decodes_and_reports_element_index() {
    let range = VectorRange::new(0, 255);
    let list = List::<u16>::decode_from(&mut Reader::new(&[4, 0, 1, 0, 2]), range).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list.to_vec(), [1, 2]);

    let error = List::<u16>::decode_from(&mut Reader::new(&[3, 0, 1, 0]), range).unwrap_err();
    assert_eq!(error.kind(), truncated(2, 1));
    assert_eq!(error.offset(), 3);
    assert_eq!(
        error.to_string(),
        "[1]: length 2 exceeds the 1 byte left at offset 3"
    );
}

#[test]
fn list_encodes_owned_and_decoded_alike() {
    let range = VectorRange::new(0, 255);
    let owned = List::from_vec(vec![1u16, 2]);
    let mut out = Vec::new();
    owned.encode_to(&mut Writer::new(&mut out), range).unwrap();
    assert_eq!(out, [4, 0, 1, 0, 2]);

    let decoded = List::<u16>::decode_from(&mut Reader::new(&out), range).unwrap();
    assert_eq!(decoded, owned);
    assert_eq!(decoded.as_bytes(), Some(&[0, 1, 0, 2][..]));
}

#[test]
fn reader_keeps_base_offset() {
    let options = DecodeOptions::default().with_base_offset(1000);
    let error = u16::decode_with(&[1], options).unwrap_err();
    assert_eq!(error.offset(), 1000);
    let mut reader = tls::Reader::with_options(&[0, 2, 7, 7, 9], options);
    let mut content = reader.read_vector(VectorRange::new(0, 0xffff)).unwrap();
    assert_eq!(content.offset(), 1002);
    content.read_u16().unwrap();
    assert_eq!(kind_at(content.read_u8()), (truncated(1, 0), 1004));
}

#[test]
fn uint_width_rejects_values_that_do_not_fit() {
    let mut out = Vec::new();
    let mut writer = Writer::new(&mut out);
    writer.write_uint(2, 0xffff).unwrap();
    assert_eq!(
        kind_at(writer.write_uint(2, 0x1_0000)),
        (
            ErrorKind::IntegerTooWide {
                width: 2,
                value: 0x1_0000
            },
            2
        )
    );
}

/// `struct {} Empty;`: a type that takes no bytes.
#[derive(Debug, Clone, PartialEq)]
struct Empty;

impl<'a> Decode<'a> for Empty {
    fn decode_from(_reader: &mut Reader<'a>) -> Result<Self> {
        Ok(Empty)
    }
}

#[test]
fn list_rejects_elements_that_take_no_bytes() {
    let error = List::<Empty>::decode_from(&mut Reader::new(&[2, 0, 0]), VectorRange::new(0, 255))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TrailingData { count: 2 });
    assert_eq!(error.offset(), 1);
}

#[test]
fn fixed_list_takes_exact_size() {
    let list = List::<u16>::decode_fixed(&mut Reader::new(&[0, 1, 0, 2]), 4).unwrap();
    assert_eq!(list.to_vec(), [1, 2]);
    let mut out = Vec::new();
    list.encode_fixed_to(&mut Writer::new(&mut out), 4).unwrap();
    assert_eq!(out, [0, 1, 0, 2]);

    let short = List::from_vec(vec![1u16]);
    let mut out = Vec::new();
    assert_eq!(
        kind_at(short.encode_fixed_to(&mut Writer::new(&mut out), 4)),
        (
            ErrorKind::FixedLengthMismatch {
                expected: 4,
                actual: 2
            },
            0
        )
    );
}

#[test]
fn nested_decode_reports_the_top_level_limit() {
    // A vector whose content is decoded again from the options of the inner reader.
    let input = [3, 1, 1, 0];
    let options = DecodeOptions::default().with_max_depth(2);
    let mut reader = Reader::with_options(&input, options);
    let content = reader.read_vector(VectorRange::new(0, 255)).unwrap();
    let error = Node::decode_with(content.remaining(), content.options()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::DepthLimitExceeded { limit: 2 });
    assert_eq!(error.offset(), 3);
}
