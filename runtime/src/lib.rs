//! Runtime for rfcodec codecs: the TLS presentation language wire layer ([`tls`]), the
//! DER wire layer ([`der`]), and the one [`Error`] type both report.
//!
//! Generated code and `#[derive]`d types implement [`tls::Decode`] / [`tls::Encode`] or
//! [`der::Decode`] / [`der::Encode`] on top of the readers and writers here. Decoding
//! borrows from the input and copies nothing it need not; every length, tag and value is
//! checked before it is trusted, and no allocation is sized from a length field before
//! the bytes it counts are known to exist. The crate holds no schema parser and logs
//! nothing: its errors carry the broken rule, the byte offset and the field path.
//!
//! `no_std` with `alloc`; the default `std` feature adds `std::error::Error`.
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod cursor;
pub mod der;
mod error;
pub mod tls;

pub use error::{Error, ErrorKind, PathSegment, Result};
#[cfg(feature = "macros")]
pub use rfcodec_macros::{Der, Tls, asn1, include_schema, tls};

/// Items generated code names by absolute path; not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use alloc::boxed::Box;
    pub use alloc::vec::Vec;
}

/// Returns where `inner` starts within `outer`, when `inner` is a part of it: the base
/// offset for decoding bytes held by a field of a value decoded from `outer`.
pub fn offset_within(outer: &[u8], inner: &[u8]) -> Option<usize> {
    let start = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    (start + inner.len() <= outer.len()).then_some(start)
}

/// Nesting depth allowed when a decode does not say otherwise.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// Settings of one decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// How many more levels of vectors, constructed values and recursion may nest.
    pub max_depth: u32,
    /// Offset of the input's first byte in the top-level input, for a value decoded from
    /// inside another (TLS inside a DER OCTET STRING, or the reverse). Offsets past
    /// `usize::MAX` wrap around to 0.
    pub base_offset: usize,
    /// Levels the enclosing decode had entered where this input starts, 0 for a
    /// top-level decode. Errors report this plus `max_depth` as the limit, so the limit
    /// stays correct when a caller sets the public `max_depth` field directly.
    depth_entered: u32,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            max_depth: DEFAULT_MAX_DEPTH,
            base_offset: 0,
            depth_entered: 0,
        }
    }
}

impl DecodeOptions {
    /// Sets the nesting depth limit of a top-level decode.
    pub fn with_max_depth(self, max_depth: u32) -> Self {
        Self {
            max_depth,
            depth_entered: 0,
            ..self
        }
    }

    /// Returns the limit that depth errors report.
    #[inline]
    pub fn depth_limit(&self) -> u32 {
        self.max_depth.saturating_add(self.depth_entered)
    }

    pub(crate) fn nested(depth_left: u32, depth_limit: u32, base_offset: usize) -> Self {
        Self {
            max_depth: depth_left,
            base_offset,
            depth_entered: depth_limit.saturating_sub(depth_left),
        }
    }

    pub fn with_base_offset(self, base_offset: usize) -> Self {
        Self {
            base_offset,
            ..self
        }
    }
}
