//! Compares the inlined TLV and length-prefix readers with the same reads composed from
//! the public step-by-step API (`next_tag`, `read_header`, `read_uint`, `VectorRange::check`).
//! Values, error kinds and offsets must match, for base offsets up to `usize::MAX`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rfcodec::der::{self, Class, Tag};
use rfcodec::tls::{self, VectorRange};
use rfcodec::{DecodeOptions, Error, ErrorKind, Result};

fn failure(error: Error) -> (ErrorKind, usize) {
    (error.kind(), error.offset())
}

/// Reads a TLV tagged `expected` one step at a time. When `nests`, a constructed TLV's
/// content is one level deeper, and exceeding the limit is reported after its header.
fn composed_tlv<'a>(
    input: &'a [u8],
    options: DecodeOptions,
    expected: Tag,
    nests: bool,
) -> Result<(&'a [u8], usize, usize)> {
    let mut reader = der::Reader::with_options(input, options);
    let start = reader.offset();
    let actual = reader.next_tag()?;
    if actual != expected {
        return Err(Error::new(
            ErrorKind::UnexpectedTag { expected, actual },
            start,
        ));
    }
    let header = reader.read_header()?;
    let content_offset = reader.offset();
    if nests && expected.is_constructed() && options.max_depth == 0 {
        return Err(Error::new(
            ErrorKind::DepthLimitExceeded {
                limit: options.depth_limit(),
            },
            content_offset,
        ));
    }
    let content = &reader.remaining()[..header.length];
    Ok((
        content,
        content_offset,
        content_offset.wrapping_add(header.length),
    ))
}

fn composed_opaque(
    input: &[u8],
    options: DecodeOptions,
    range: VectorRange,
) -> Result<(&[u8], usize)> {
    let mut reader = tls::Reader::with_options(input, options);
    let start = reader.offset();
    let length = reader.read_uint(range.prefix_width())?;
    let length =
        usize::try_from(length).map_err(|_| Error::new(ErrorKind::LengthTooLarge, start))?;
    range.check(length, start)?;
    let content = reader.read_bytes(length)?;
    Ok((content, reader.offset()))
}

fuzz_target!(|input: &[u8]| {
    let [
        selector,
        depth,
        class,
        number,
        ceiling_shift,
        floor,
        element_size,
        rest @ ..,
    ] = input
    else {
        return;
    };
    let base = match selector % 4 {
        0 => 0,
        1 => usize::from(*selector),
        2 => usize::MAX - usize::from(*selector),
        _ => usize::MAX,
    };
    let options = DecodeOptions::default()
        .with_max_depth(u32::from(depth % 3))
        .with_base_offset(base);

    let class = match class % 4 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::ContextSpecific,
        _ => Class::Private,
    };
    let number = if number & 0x80 != 0 {
        0x7f + u32::from(*number)
    } else {
        u32::from(number % 32)
    };
    let expected = Tag::new(class, number & 1 != 0 || selector & 0x10 != 0, number);
    // Often expect exactly the tag the input starts with, so that the read goes past it.
    let expected = match der::Reader::new(rest).next_tag() {
        Ok(actual) if selector & 0x20 == 0 => actual,
        _ => expected,
    };

    let mut reader = der::Reader::with_options(rest, options);
    let inlined = reader
        .read_tlv(expected)
        .map(|content| (content.remaining(), content.offset(), reader.offset()));
    let composed = composed_tlv(rest, options, expected, true);
    assert_eq!(
        inlined.map_err(failure),
        composed.map_err(failure),
        "read_tlv"
    );

    let mut reader = der::Reader::with_options(rest, options);
    let inlined = reader
        .read_primitive(expected)
        .map(|content| (content, reader.offset()));
    let composed =
        composed_tlv(rest, options, expected, false).map(|(content, _, end)| (content, end));
    assert_eq!(
        inlined.map_err(failure),
        composed.map_err(failure),
        "read_primitive"
    );

    let ceiling = usize::MAX >> (ceiling_shift % 64);
    let range = VectorRange::new(usize::from(*floor) % 8, ceiling)
        .with_element_size(usize::from(element_size % 4));
    let mut reader = tls::Reader::with_options(rest, options);
    let inlined = reader
        .read_opaque(range)
        .map(|content| (content, reader.offset()));
    let composed = composed_opaque(rest, options, range);
    assert_eq!(
        inlined.map_err(failure),
        composed.map_err(failure),
        "read_opaque"
    );
});
