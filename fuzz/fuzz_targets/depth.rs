//! Checks that deeply nested DER constructed values and TLS vectors stop at a small
//! `DecodeOptions::max_depth` with `DepthLimitExceeded` carrying that limit, never with a
//! stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rfcodec::der::{self, Any, Tag};
use rfcodec::tls::{self, VectorRange};
use rfcodec::{DecodeOptions, ErrorKind, Result};

/// Any DER value: a primitive TLV kept whole, a constructed one decoded recursively, or
/// an OCTET STRING whose content octets are decoded as DER, as X.509 extnValue is.
#[derive(Debug)]
enum Node<'a> {
    Primitive(Any<'a>),
    Constructed(Tag, Vec<Node<'a>>),
    Encapsulated(Vec<Node<'a>>),
}

fn decode_children<'a>(content: &mut der::Reader<'a>) -> Result<Vec<Node<'a>>> {
    let mut children = Vec::new();
    while !content.is_empty() {
        children.push(Node::decode_from(content)?);
    }
    Ok(children)
}

impl<'a> Node<'a> {
    fn decode_from(reader: &mut der::Reader<'a>) -> Result<Self> {
        match reader.peek_tag() {
            Some(tag) if tag.is_constructed() => {
                let children = reader.read_constructed(tag, decode_children)?;
                Ok(Node::Constructed(tag, children))
            }
            Some(Tag::OCTET_STRING) => {
                let mut content = reader.read_tlv(Tag::OCTET_STRING)?;
                decode_children(&mut content).map(Node::Encapsulated)
            }
            _ => reader.read_any().map(Node::Primitive),
        }
    }

    /// Returns how many constructed values nest here, counting this one.
    fn depth(&self) -> u32 {
        match self {
            Node::Primitive(_) => 0,
            Node::Constructed(_, children) => {
                1 + children.iter().map(Node::depth).max().unwrap_or(0)
            }
            // The content octets of a primitive TLV sit at the TLV's own level.
            Node::Encapsulated(children) => children.iter().map(Node::depth).max().unwrap_or(0),
        }
    }

    fn encode_to(&self, writer: &mut der::Writer<'_>) -> Result<()> {
        match self {
            Node::Primitive(any) => der::Encode::encode_to(any, writer),
            Node::Constructed(tag, children) => writer.write_constructed(*tag, |content| {
                children
                    .iter()
                    .try_for_each(|child| child.encode_to(content))
            }),
            Node::Encapsulated(children) => {
                let mut content = Vec::new();
                let mut content_writer = der::Writer::new(&mut content);
                for child in children {
                    child.encode_to(&mut content_writer)?;
                }
                writer.write_primitive(Tag::OCTET_STRING, &content);
                Ok(())
            }
        }
    }
}

/// `struct { Tree children<0..2^16-1>; } Tree;` in TLS.
fn decode_tree(reader: &mut tls::Reader<'_>) -> Result<u32> {
    let mut content = reader.read_vector(VectorRange::new(0, 0xffff))?;
    let mut depth = 0;
    while !content.is_empty() {
        depth = depth.max(decode_tree(&mut content)?);
    }
    Ok(depth + 1)
}

/// `struct { optional<Chain> next; } Chain;`: recursion through presence octets only.
struct Chain(Option<Box<Chain>>);

impl Chain {
    /// Returns how many present values follow this one.
    fn links(&self) -> usize {
        let mut count = 0;
        let mut next = &self.0;
        while let Some(chain) = next {
            count += 1;
            next = &chain.0;
        }
        count
    }
}

impl<'a> tls::Decode<'a> for Chain {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        Option::<Box<Chain>>::decode_from(reader).map(Chain)
    }
}

fn assert_depth_error<T: std::fmt::Debug>(result: Result<T>, limit: u32, input_len: usize) {
    let error = result.expect_err("input nests past the limit");
    assert_eq!(
        error.kind(),
        ErrorKind::DepthLimitExceeded { limit },
        "{error}"
    );
    assert!(
        error.offset() <= input_len,
        "{error}: offset past the input"
    );
}

/// `levels` SEQUENCEs, each holding the next, around a NULL. Lengths past 127 use the
/// long form.
fn nested_sequences(levels: usize) -> Vec<u8> {
    let null = [0x05, 0x00];
    let mut content_lens = Vec::with_capacity(levels);
    let mut content_len = null.len();
    for _ in 0..levels {
        content_lens.push(content_len);
        content_len = der::tlv_len(Tag::SEQUENCE, content_len);
    }
    let mut encoding = Vec::with_capacity(content_len);
    let mut writer = der::Writer::new(&mut encoding);
    for &length in content_lens.iter().rev() {
        writer.write_header(Tag::SEQUENCE, length);
    }
    writer.write_bytes(&null);
    encoding
}

/// `levels` nested `<0..2^16-1>` vectors, the innermost empty, so each prefix counts the
/// two bytes of every prefix inside it.
fn nested_vectors(levels: usize) -> Vec<u8> {
    (0..levels)
        .rev()
        .flat_map(|inside| ((2 * inside) as u16).to_be_bytes())
        .collect()
}

/// Builds inputs nested `levels` deep and checks each decoder against `limit`.
fn check_synthetic(levels: usize, limit: u32) {
    let options = DecodeOptions::default().with_max_depth(limit);
    let fits = levels <= limit as usize;

    let input = nested_sequences(levels);
    let result = Node::decode_from(&mut der::Reader::with_options(&input, options));
    match result {
        Ok(node) => {
            assert!(fits, "{levels} SEQUENCEs decoded under a limit of {limit}");
            assert_eq!(node.depth() as usize, levels);
        }
        Err(_) if fits => panic!("{levels} SEQUENCEs rejected under a limit of {limit}"),
        result => assert_depth_error(result, limit, input.len()),
    }

    let input = nested_vectors(levels);
    if levels > 0 {
        let result = decode_tree(&mut tls::Reader::with_options(&input, options));
        match result {
            Ok(depth) => assert!(fits && depth as usize == levels, "{levels} vectors"),
            Err(_) if fits => panic!("{levels} vectors rejected under a limit of {limit}"),
            result => assert_depth_error(result, limit, input.len()),
        }
    }

    let mut chain = vec![1u8; levels];
    chain.push(0);
    let result = <Chain as tls::Decode>::decode_with(&chain, options).map(|chain| chain.links());
    match result {
        Ok(links) => assert!(fits && links == levels, "a chain of {levels} under {limit}"),
        Err(_) if fits => panic!("a chain of {levels} rejected under a limit of {limit}"),
        result => assert_depth_error(result, limit, chain.len()),
    }
}

/// Decodes fuzzed DER under `limit`. Whatever decodes must nest no deeper and re-encode.
fn check_fuzzed_der(input: &[u8], limit: u32) {
    let options = DecodeOptions::default().with_max_depth(limit);
    let mut reader = der::Reader::with_options(input, options);
    match Node::decode_from(&mut reader) {
        Ok(node) => {
            assert!(node.depth() <= limit, "{node:?} nests past {limit}");
            let mut out = Vec::new();
            node.encode_to(&mut der::Writer::new(&mut out)).unwrap();
            assert_eq!(out, input[..input.len() - reader.remaining().len()]);
        }
        Err(error) => {
            if let ErrorKind::DepthLimitExceeded { limit: reported } = error.kind() {
                assert_eq!(reported, limit, "{error}");
            }
            assert!(
                error.offset() <= input.len(),
                "{error}: offset past the input"
            );
        }
    }
}

fn check_fuzzed_tls(input: &[u8], limit: u32) {
    let options = DecodeOptions::default().with_max_depth(limit);
    match decode_tree(&mut tls::Reader::with_options(input, options)) {
        Ok(depth) => assert!(depth <= limit, "a tree {depth} deep decoded under {limit}"),
        Err(error) => {
            if let ErrorKind::DepthLimitExceeded { limit: reported } = error.kind() {
                assert_eq!(reported, limit, "{error}");
            }
        }
    }
}

fuzz_target!(|input: &[u8]| {
    let [limit, high, low, rest @ ..] = input else {
        return;
    };
    let limit = u32::from(limit % 17);
    // Up to 10,000 levels for the inputs built here.
    let levels = usize::from(u16::from_be_bytes([*high, *low])) % 10_001;
    check_synthetic(levels, limit);
    check_fuzzed_der(rest, limit);
    check_fuzzed_tls(rest, limit);
});
