//! Hand-written codecs over the runtime, standing in for generated code in its tests:
//! the RFC 6962 SCT list with the RFC 5246 types it uses, and RFC 3279's Ecdsa-Sig-Value.
#![allow(dead_code)]

use rfcodec::der::{self, Integer, Tag};
use rfcodec::tls::{self, List, VectorRange};
use rfcodec::{Error, ErrorKind, Result};

/// Reads a file of the bundled test data.
pub fn data(path: &str) -> Vec<u8> {
    let full = format!("{}/../tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|error| panic!("cannot read {full}: {error}"))
}

/// RFC 3279 section 2.2.3: `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcdsaSigValue<'a> {
    pub r: Integer<'a>,
    pub s: Integer<'a>,
}

impl der::FixedTag for EcdsaSigValue<'_> {
    const TAG: Tag = Tag::SEQUENCE;
}

impl<'a> der::DecodeValue<'a> for EcdsaSigValue<'a> {
    fn decode_value(content: &mut der::Reader<'a>, _header: der::Header) -> Result<Self> {
        let decode = |content: &mut der::Reader<'a>| {
            let r = der::Decode::decode_from(content).map_err(|error| error.in_field("r"))?;
            let s = der::Decode::decode_from(content).map_err(|error| error.in_field("s"))?;
            Ok(Self { r, s })
        };
        decode(content).map_err(|error: Error| error.in_type("Ecdsa-Sig-Value"))
    }
}

impl der::EncodeValue for EcdsaSigValue<'_> {
    fn value_len(&self) -> usize {
        der::Encode::encoded_len(&self.r) + der::Encode::encoded_len(&self.s)
    }

    fn encode_value(&self, writer: &mut der::Writer<'_>) -> Result<()> {
        der::Encode::encode_to(&self.r, writer)?;
        der::Encode::encode_to(&self.s, writer)
    }
}

/// Reads a closed one-byte enumerated value, rejecting values the schema does not name.
fn read_enum(reader: &mut tls::Reader<'_>, known: &[u8]) -> Result<u8> {
    let offset = reader.offset();
    let value = reader.read_u8()?;
    if !known.contains(&value) {
        return Err(Error::new(
            ErrorKind::UnknownEnumValue {
                value: u64::from(value),
            },
            offset,
        ));
    }
    Ok(value)
}

/// RFC 5246 section 7.4.1.4.1: `struct { HashAlgorithm hash; SignatureAlgorithm
/// signature; } SignatureAndHashAlgorithm;`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureAndHashAlgorithm {
    pub hash: u8,
    pub signature: u8,
}

impl<'a> tls::Decode<'a> for SignatureAndHashAlgorithm {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        // HashAlgorithm: none(0) to sha512(6); SignatureAlgorithm: anonymous(0) to ecdsa(3).
        let hash = read_enum(reader, &[0, 1, 2, 3, 4, 5, 6]).map_err(|e| e.in_field("hash"))?;
        let signature = read_enum(reader, &[0, 1, 2, 3]).map_err(|e| e.in_field("signature"))?;
        Ok(Self { hash, signature })
    }
}

/// RFC 5246 section 4.7: a digitally-signed element is the algorithm and
/// `opaque signature<0..2^16-1>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitallySigned<'a> {
    pub algorithm: SignatureAndHashAlgorithm,
    pub signature: &'a [u8],
}

const SIGNATURE: VectorRange = VectorRange::new(0, 0xffff);

impl<'a> tls::Decode<'a> for DigitallySigned<'a> {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        let algorithm =
            SignatureAndHashAlgorithm::decode_from(reader).map_err(|e| e.in_field("algorithm"))?;
        let signature = reader
            .read_opaque(SIGNATURE)
            .map_err(|e| e.in_field("signature"))?;
        Ok(Self {
            algorithm,
            signature,
        })
    }
}

impl DigitallySigned<'_> {
    /// Decodes the signature as a DER Ecdsa-Sig-Value, keeping offsets absolute: the
    /// signature starts at `offset` in the top-level input.
    pub fn ecdsa(&self, offset: usize) -> Result<EcdsaSigValue<'_>> {
        let options = rfcodec::DecodeOptions::default().with_base_offset(offset);
        <EcdsaSigValue as der::Decode>::decode_with(self.signature, options)
    }
}

/// RFC 6962 section 3.2: `SignedCertificateTimestamp`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCertificateTimestamp<'a> {
    pub sct_version: u8,
    pub id: &'a [u8; 32],
    pub timestamp: u64,
    pub extensions: &'a [u8],
    pub signature: DigitallySigned<'a>,
}

const EXTENSIONS: VectorRange = VectorRange::new(0, 0xffff);

impl<'a> tls::Decode<'a> for SignedCertificateTimestamp<'a> {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        let decode = |reader: &mut tls::Reader<'a>| {
            // Version: v1(0), (255).
            let sct_version = read_enum(reader, &[0]).map_err(|e| e.in_field("sct_version"))?;
            let id = reader.read_array().map_err(|e| e.in_field("id"))?;
            let timestamp = reader.read_u64().map_err(|e| e.in_field("timestamp"))?;
            let extensions = reader
                .read_opaque(EXTENSIONS)
                .map_err(|e| e.in_field("extensions"))?;
            let signature =
                DigitallySigned::decode_from(reader).map_err(|e| e.in_field("signature"))?;
            Ok(Self {
                sct_version,
                id,
                timestamp,
                extensions,
                signature,
            })
        };
        decode(reader).map_err(|error: Error| error.in_type("SignedCertificateTimestamp"))
    }
}

/// RFC 6962 section 3.3: `opaque SerializedSCT<1..2^16-1>`.
pub const SERIALIZED_SCT: VectorRange = VectorRange::new(1, 0xffff);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SerializedSct<'a>(pub &'a [u8]);

impl<'a> tls::Decode<'a> for SerializedSct<'a> {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        reader.read_opaque(SERIALIZED_SCT).map(SerializedSct)
    }
}

impl tls::Encode for SerializedSct<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.0.len()
    }

    fn encode_to(&self, writer: &mut tls::Writer<'_>) -> Result<()> {
        writer.write_opaque(SERIALIZED_SCT, self.0)
    }
}

/// RFC 6962 section 3.3: `struct { SerializedSCT sct_list <1..2^16-1>; }
/// SignedCertificateTimestampList;`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCertificateTimestampList<'a> {
    pub sct_list: List<'a, SerializedSct<'a>>,
}

pub const SCT_LIST: VectorRange = VectorRange::new(1, 0xffff);

impl<'a> tls::Decode<'a> for SignedCertificateTimestampList<'a> {
    fn decode_from(reader: &mut tls::Reader<'a>) -> Result<Self> {
        let sct_list = List::decode_from(reader, SCT_LIST).map_err(|e| {
            e.in_field("sct_list")
                .in_type("SignedCertificateTimestampList")
        })?;
        Ok(Self { sct_list })
    }
}

impl tls::Encode for SignedCertificateTimestampList<'_> {
    fn encoded_len(&self) -> usize {
        SCT_LIST.prefix_width() + self.sct_list.content_len()
    }

    fn encode_to(&self, writer: &mut tls::Writer<'_>) -> Result<()> {
        self.sct_list.encode_to(writer, SCT_LIST)
    }
}

/// Decodes each SerializedSCT of a list as a SignedCertificateTimestamp with absolute
/// offsets: `list_offset` is where the list starts in the top-level input.
pub fn decode_scts<'a>(
    list: &'a [u8],
    list_offset: usize,
) -> Result<Vec<SignedCertificateTimestamp<'a>>> {
    let decoded = <SignedCertificateTimestampList as tls::Decode>::decode(list)
        .map_err(|error| error.shifted(list_offset))?;
    let mut scts = Vec::new();
    for (index, serialized) in decoded.sct_list.iter().enumerate() {
        let offset = list_offset + (serialized.0.as_ptr() as usize - list.as_ptr() as usize);
        let options = rfcodec::DecodeOptions::default().with_base_offset(offset);
        let sct = <SignedCertificateTimestamp as tls::Decode>::decode_with(serialized.0, options)
            .map_err(|error| {
            error
                .at_index(index)
                .in_field("sct_list")
                .in_type("SignedCertificateTimestampList")
        })?;
        scts.push(sct);
    }
    Ok(scts)
}
