//! The SCT list operations with types derived by tls_codec 0.5, declared here from
//! RFC 6962 section 3.2 and 3.3 and RFC 5246 section 4.7 and 7.4.1.4.1.

use tls_codec::{
    DeserializeBytes, Serialize, Size, TlsByteVecU16, TlsDeserializeBytes, TlsSerialize, TlsSize,
    TlsVecU16,
};

use crate::values;

/// `enum { v1(0), (255) } Version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
#[repr(u8)]
pub enum Version {
    V1 = 0,
}

/// `enum { none(0), md5(1), ..., sha512(6), (255) } HashAlgorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
#[repr(u8)]
pub enum HashAlgorithm {
    None = 0,
    Md5 = 1,
    Sha1 = 2,
    Sha224 = 3,
    Sha256 = 4,
    Sha384 = 5,
    Sha512 = 6,
}

/// `enum { anonymous(0), rsa(1), dsa(2), ecdsa(3), (255) } SignatureAlgorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
#[repr(u8)]
pub enum SignatureAlgorithm {
    Anonymous = 0,
    Rsa = 1,
    Dsa = 2,
    Ecdsa = 3,
}

#[derive(Debug, Clone, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
pub struct SignatureAndHashAlgorithm {
    pub hash: HashAlgorithm,
    pub signature: SignatureAlgorithm,
}

/// `struct { SignatureAndHashAlgorithm algorithm; opaque signature<0..2^16-1>; }`.
#[derive(Debug, Clone, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
pub struct DigitallySigned {
    pub algorithm: SignatureAndHashAlgorithm,
    pub signature: TlsByteVecU16,
}

/// `struct { opaque key_id[32]; } LogID`.
#[derive(Debug, Clone, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
pub struct LogId {
    pub key_id: [u8; 32],
}

/// The SignedCertificateTimestamp of RFC 6962 section 3.2.
#[derive(Debug, Clone, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
pub struct SignedCertificateTimestamp {
    pub sct_version: Version,
    pub id: LogId,
    pub timestamp: u64,
    pub extensions: TlsByteVecU16,
    pub signature: DigitallySigned,
}

/// `opaque SerializedSCT<1..2^16-1>`.
#[derive(Debug, Clone, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
pub struct SerializedSct {
    pub data: TlsByteVecU16,
}

/// `struct { SerializedSCT sct_list<1..2^16-1>; } SignedCertificateTimestampList`.
#[derive(Debug, Clone, PartialEq, Eq, TlsDeserializeBytes, TlsSerialize, TlsSize)]
pub struct SignedCertificateTimestampList {
    pub sct_list: TlsVecU16<SerializedSct>,
}

fn decode_all<T: DeserializeBytes>(bytes: &[u8]) -> Result<T, tls_codec::Error> {
    let (value, rest) = T::tls_deserialize_bytes(bytes)?;
    if !rest.is_empty() {
        return Err(tls_codec::Error::TrailingData);
    }
    Ok(value)
}

/// Decodes the TLS SCT list and each SCT in it.
///
/// NOTE: tls_codec has no `<1..>` floor, so an empty list or an empty SerializedSCT is
/// checked here by hand.
pub fn decode_sct_list(
    bytes: &[u8],
    mut visit: impl FnMut(&SignedCertificateTimestamp),
) -> Result<(), tls_codec::Error> {
    let list: SignedCertificateTimestampList = decode_all(bytes)?;
    if list.sct_list.is_empty() {
        return Err(tls_codec::Error::InvalidVectorLength);
    }
    for serialized in list.sct_list.iter() {
        if serialized.data.is_empty() {
            return Err(tls_codec::Error::InvalidVectorLength);
        }
        visit(&decode_all(serialized.data.as_slice())?);
    }
    Ok(())
}

/// Encodes typed SCTs into a TLS SCT list the way the derived types allow: each SCT
/// into its own SerializedSCT buffer, then the list.
pub fn encode_sct_list(scts: &[SignedCertificateTimestamp]) -> Result<Vec<u8>, tls_codec::Error> {
    let mut serialized = Vec::with_capacity(scts.len());
    for sct in scts {
        let mut data = Vec::with_capacity(sct.tls_serialized_len());
        sct.tls_serialize(&mut data)?;
        serialized.push(SerializedSct {
            data: TlsByteVecU16::new(data),
        });
    }
    let list = SignedCertificateTimestampList {
        sct_list: TlsVecU16::new(serialized),
    };
    let mut out = Vec::with_capacity(list.tls_serialized_len());
    list.tls_serialize(&mut out)?;
    Ok(out)
}

pub fn sct_values(sct: &SignedCertificateTimestamp) -> values::Sct {
    values::Sct {
        version: sct.sct_version as u8,
        log_id: sct.id.key_id,
        timestamp: sct.timestamp,
        extensions: sct.extensions.as_slice().to_vec(),
        hash: sct.signature.algorithm.hash as u8,
        signature_algorithm: sct.signature.algorithm.signature as u8,
        signature: sct.signature.signature.as_slice().to_vec(),
    }
}
