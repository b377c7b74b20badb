//! Signed Certificate Timestamp verification (RFC 6962 section 3.2): rebuilds the data
//! each SCT signs with the generated codecs and checks the signature with the log's key.

// `inspect --issuer --log-key` checks embedded SCTs; the x509_entry form for SCTs
// delivered outside the certificate has no command option yet, only tests.
#![cfg_attr(not(test), allow(dead_code))]

use std::fmt;

use p256::ecdsa::signature::hazmat::PrehashVerifier;
use rfcodec::DecodeOptions;
use rfcodec::der::{Decode as _, Encode as _, ObjectIdentifier, SequenceOf, Tag};
use rfcodec::tls::Decode as _;
use sha2::{Digest, Sha256};

use crate::generated::rfc3279::{
    EcdsaSigValue, ID_EC_PUBLIC_KEY, PRIME256V1, RSA_ENCRYPTION, RsaPublicKey,
};
use crate::generated::rfc5246::{HashAlgorithm, SignatureAlgorithm, SignatureAndHashAlgorithm};
use crate::generated::rfc5280_explicit::{
    self as x509, Certificate, Extension, Extensions, SubjectPublicKeyInfo,
};
use crate::generated::rfc6962::{
    Asn1Cert, LogEntryType, PreCert, SignedCertificateTimestamp, SignedCertificateTimestampList,
    SignedEntry, TbsCertificate,
};
use crate::generated::rfc6962_oids::{
    ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST, SignedCertificateTimestampListOctets,
};

/// secp384r1, 1.3.132.0.34 (RFC 5480 section 2.1.1.1), which RFC 3279 predates.
const SECP384R1: ObjectIdentifier<'static> =
    ObjectIdentifier::from_content_unchecked(&[0x2b, 0x81, 0x04, 0x00, 0x22]);

/// A Certificate Transparency log's public key and its log ID, the SHA-256 hash of the
/// key's DER SubjectPublicKeyInfo (RFC 6962 section 3.2).
#[derive(Debug, Clone)]
pub struct LogKey {
    id: [u8; 32],
    key: LogPublicKey,
}

#[derive(Debug, Clone)]
enum LogPublicKey {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    Rsa(rsa::RsaPublicKey),
    /// A key of another algorithm or curve: SCTs of its log are reported as unsupported
    /// rather than as from an unknown log.
    Unsupported {
        algorithm: String,
    },
}

/// Failure to read a log's public key.
#[derive(Debug)]
pub enum KeyError {
    /// The SubjectPublicKeyInfo, or the RSA key inside it, is not valid DER.
    Decode(rfcodec::Error),
    /// The subjectPublicKey BIT STRING does not end on an octet boundary.
    UnusedBits { count: u8 },
    /// The key decodes but is not a usable key of its algorithm, such as an elliptic-curve
    /// point that is not on the curve.
    InvalidKey { algorithm: &'static str },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(error) => write!(f, "invalid log public key: {error}"),
            Self::UnusedBits { count } => write!(
                f,
                "invalid log public key: subjectPublicKey has {count} unused bits"
            ),
            Self::InvalidKey { algorithm } => write!(f, "invalid {algorithm} log public key"),
        }
    }
}

impl std::error::Error for KeyError {}

impl LogKey {
    /// Decodes a DER SubjectPublicKeyInfo that contains an ECDSA P-256, ECDSA P-384 or RSA
    /// key. A key of any other algorithm is kept, so that its SCTs report the algorithm.
    pub fn from_der(spki: &[u8]) -> Result<Self, KeyError> {
        let decoded = SubjectPublicKeyInfo::decode(spki).map_err(KeyError::Decode)?;
        let key = decode_public_key(spki, &decoded)?;
        Ok(Self {
            id: Sha256::digest(spki).into(),
            key,
        })
    }

    /// Returns the log ID, the SHA-256 hash of the key's DER SubjectPublicKeyInfo.
    pub fn id(&self) -> &[u8; 32] {
        &self.id
    }
}

/// Builds the verifying key of `spki`, decoded from `der`, whose offsets errors keep.
fn decode_public_key(
    der: &[u8],
    spki: &SubjectPublicKeyInfo<'_>,
) -> Result<LogPublicKey, KeyError> {
    let algorithm = &spki.algorithm;
    let Some(key_bytes) = spki.subject_public_key.as_bytes() else {
        return Err(KeyError::UnusedBits {
            count: spki.subject_public_key.unused_bits(),
        });
    };

    if algorithm.algorithm == RSA_ENCRYPTION {
        let key = RsaPublicKey::decode(key_bytes)
            .map_err(|error| KeyError::Decode(error.shifted(offset_in(der, key_bytes))))?;
        return decode_rsa_key(&key).map(LogPublicKey::Rsa);
    }
    if algorithm.algorithm != ID_EC_PUBLIC_KEY {
        return Ok(LogPublicKey::Unsupported {
            algorithm: algorithm.algorithm.to_string(),
        });
    }

    // RFC 5480 section 2.1.1: the parameters of an id-ecPublicKey name the curve.
    let curve = match algorithm.parameters {
        Some(parameters) if parameters.tag() == Tag::OBJECT_IDENTIFIER => parameters
            .decode_as::<ObjectIdentifier>(DecodeOptions::default())
            .map_err(|error| KeyError::Decode(error.shifted(offset_in(der, parameters.value()))))?,
        _ => {
            return Ok(LogPublicKey::Unsupported {
                algorithm: "id-ecPublicKey without a named curve".to_string(),
            });
        }
    };
    if curve == PRIME256V1 {
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
            .map_err(|_| KeyError::InvalidKey { algorithm: "P-256" })?;
        Ok(LogPublicKey::P256(key))
    } else if curve == SECP384R1 {
        let key = p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
            .map_err(|_| KeyError::InvalidKey { algorithm: "P-384" })?;
        Ok(LogPublicKey::P384(key))
    } else {
        Ok(LogPublicKey::Unsupported {
            algorithm: format!("id-ecPublicKey on curve {curve}"),
        })
    }
}

fn decode_rsa_key(key: &RsaPublicKey<'_>) -> Result<rsa::RsaPublicKey, KeyError> {
    let invalid = KeyError::InvalidKey { algorithm: "RSA" };
    let (Some(modulus), Some(exponent)) = (
        key.modulus.unsigned_bytes(),
        key.public_exponent.unsigned_bytes(),
    ) else {
        return Err(invalid);
    };
    rsa::RsaPublicKey::new(
        rsa::BigUint::from_bytes_be(modulus),
        rsa::BigUint::from_bytes_be(exponent),
    )
    .map_err(|_| invalid)
}

/// The outcome of checking one SCT.
#[derive(Debug)]
pub struct SctVerification {
    /// The SCT's log ID, or `None` when the SCT does not decode.
    pub log_id: Option<[u8; 32]>,
    /// The SCT's timestamp in milliseconds since the Unix epoch, or `None` when the SCT
    /// does not decode.
    pub timestamp: Option<u64>,
    pub status: SctStatus,
}

/// Whether an SCT's signature verifies, or why it could not be checked.
#[derive(Debug)]
pub enum SctStatus {
    /// The log's key verifies the signature over the rebuilt signed data.
    Valid,
    /// The signature does not verify, so the SCT does not cover this certificate and
    /// issuer. An SCT whose signature algorithm differs from its log key's lands here too.
    InvalidSignature,
    /// No given log key has the SCT's log ID.
    UnknownLog,
    /// The SCT or its log key uses an algorithm this module does not check.
    UnsupportedAlgorithm(UnsupportedAlgorithm),
    /// The SCT or its DER Ecdsa-Sig-Value does not decode, or the signed data does not
    /// encode (a TBSCertificate longer than 2^24-1 bytes). Offsets count from the start of
    /// the certificate for embedded SCTs and from the start of the SCT otherwise.
    DecodeError(rfcodec::Error),
}

/// An algorithm that verification does not support.
#[derive(Debug, Clone)]
pub enum UnsupportedAlgorithm {
    /// The SCT's `digitally-signed` algorithm pair: anything but SHA-256 with ECDSA or RSA.
    Signature(SignatureAndHashAlgorithm),
    /// The log key's algorithm, as an OID or a curve.
    Key(String),
}

impl fmt::Display for SctStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Valid => f.write_str("valid signature"),
            Self::InvalidSignature => f.write_str("invalid signature"),
            Self::UnknownLog => f.write_str("unknown log"),
            Self::UnsupportedAlgorithm(UnsupportedAlgorithm::Signature(algorithm)) => write!(
                f,
                "unsupported signature algorithm {} with {}",
                algorithm.signature.schema_name(),
                algorithm.hash.schema_name()
            ),
            Self::UnsupportedAlgorithm(UnsupportedAlgorithm::Key(algorithm)) => {
                write!(f, "unsupported log key algorithm {algorithm}")
            }
            Self::DecodeError(error) => write!(f, "decode error: {error}"),
        }
    }
}

/// Failure that stops the check of a certificate's embedded SCTs as a whole.
#[derive(Debug)]
pub enum VerifyError {
    /// The certificate does not decode.
    Certificate(rfcodec::Error),
    /// The issuer certificate does not decode.
    Issuer(rfcodec::Error),
    /// The SCT list extension's OCTET STRING or the TLS SignedCertificateTimestampList
    /// inside it does not decode.
    SctList(rfcodec::Error),
    /// The certificate carries the SCT list extension more than once, which RFC 5280
    /// section 4.2 forbids, so the signed TBSCertificate is ambiguous.
    DuplicateSctList,
    /// The TBSCertificate without the SCT list extension does not encode.
    TbsCertificate(rfcodec::Error),
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Certificate(error) => write!(f, "invalid certificate: {error}"),
            Self::Issuer(error) => write!(f, "invalid issuer certificate: {error}"),
            Self::SctList(error) => write!(f, "invalid SCT list extension: {error}"),
            Self::DuplicateSctList => f.write_str(
                "invalid certificate: the SCT list extension \
                 (1.3.6.1.4.1.11129.2.4.2) appears more than once",
            ),
            Self::TbsCertificate(error) => {
                write!(
                    f,
                    "failed to encode the TBSCertificate without SCTs: {error}"
                )
            }
        }
    }
}

impl std::error::Error for VerifyError {}

/// Verifies every SCT embedded in `certificate` (DER) as a precert_entry: the issuer key
/// hash is the SHA-256 of the SubjectPublicKeyInfo of `issuer` (DER), the certificate
/// authority that signed `certificate`, and the TBSCertificate is `certificate`'s with the
/// SCT list extension removed. Returns one result per SCT in list order, and no results
/// when the certificate has no SCT list extension. Whether `issuer` signed `certificate`
/// is not checked, but a wrong issuer makes every signature invalid.
///
/// RFC 6962 section 3.2 defines the signed TBSCertificate as the precertificate's, with
/// its issuer and Authority Key Identifier changed to the final issuer's when a
/// Precertificate Signing Certificate signed it, which is the final certificate's
/// TBSCertificate less the SCT list. So `issuer` is the final issuer in both cases, never
/// the Precertificate Signing Certificate.
pub fn verify_embedded_scts(
    certificate: &[u8],
    issuer: &[u8],
    logs: &[LogKey],
) -> Result<Vec<SctVerification>, VerifyError> {
    let decoded = Certificate::decode(certificate).map_err(VerifyError::Certificate)?;
    let issuer = Certificate::decode(issuer).map_err(VerifyError::Issuer)?;
    let issuer_key = issuer
        .tbs_certificate
        .subject_public_key_info
        .encode()
        .map_err(VerifyError::Issuer)?;
    let issuer_key_hash: [u8; 32] = Sha256::digest(&issuer_key).into();

    let mut tbs = decoded.tbs_certificate;
    let sct_extension = take_extension(&mut tbs, &ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST)
        .map_err(|DuplicateExtension| VerifyError::DuplicateSctList)?;
    let Some(sct_extension) = sct_extension else {
        return Ok(Vec::new());
    };
    let tbs = tbs.encode().map_err(VerifyError::TbsCertificate)?;

    // The extension's bytes borrow from `certificate`, so errors can be moved to offsets
    // in the whole certificate.
    let octets = SignedCertificateTimestampListOctets::decode(sct_extension.extn_value)
        .map_err(|error| error.shifted(offset_in(certificate, sct_extension.extn_value)))
        .map_err(VerifyError::SctList)?;
    let list = SignedCertificateTimestampList::decode(octets)
        .map_err(|error| error.shifted(offset_in(certificate, octets)))
        .map_err(VerifyError::SctList)?;

    let mut results = Vec::with_capacity(list.sct_list.len());
    for (index, serialized) in list.sct_list.iter().enumerate() {
        let entry = SignedEntry::PrecertEntry(PreCert {
            issuer_key_hash: &issuer_key_hash,
            tbs_certificate: TbsCertificate(&tbs),
        });
        let mut result = verify_sct(serialized.0, entry, logs);
        if let SctStatus::DecodeError(error) = result.status {
            let error = error
                .shifted(offset_in(certificate, serialized.0))
                .at_index(index)
                .in_field("sct_list")
                .in_type("SignedCertificateTimestampList");
            result.status = SctStatus::DecodeError(error);
        }
        results.push(result);
    }
    Ok(results)
}

/// Returns where `inner`, a slice borrowed from `outer`, starts in `outer`.
fn offset_in(outer: &[u8], inner: &[u8]) -> usize {
    let offset = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    debug_assert!(
        offset + inner.len() <= outer.len(),
        "slice outside its input"
    );
    offset
}

/// An extension that a certificate carries more than once.
#[derive(Debug, PartialEq, Eq)]
struct DuplicateExtension;

/// Removes the extension `id` from `tbs` and returns it, or `None` when `tbs` lacks it.
/// The generated types re-encode every other field byte for byte. Extensions has a size
/// constraint of 1..MAX, so the field is left out when the removed extension was alone.
fn take_extension<'a>(
    tbs: &mut x509::TbsCertificate<'a>,
    id: &ObjectIdentifier<'_>,
) -> Result<Option<Extension<'a>>, DuplicateExtension> {
    let Some(extensions) = &tbs.extensions else {
        return Ok(None);
    };
    let (mut taken, kept): (Vec<Extension<'a>>, Vec<Extension<'a>>) = extensions
        .0
        .iter()
        .partition(|extension| extension.extn_id == *id);
    if taken.len() > 1 {
        return Err(DuplicateExtension);
    }
    let Some(extension) = taken.pop() else {
        return Ok(None);
    };

    tbs.extensions = if kept.is_empty() {
        None
    } else {
        Some(Extensions(SequenceOf::from_vec(kept)))
    };
    Ok(Some(extension))
}

/// Verifies one TLS-encoded SCT delivered outside `certificate` (in a TLS extension or an
/// OCSP response) as an x509_entry, whose signed data contains the whole certificate DER.
pub fn verify_x509_sct(certificate: &[u8], sct: &[u8], logs: &[LogKey]) -> SctVerification {
    verify_sct(sct, SignedEntry::X509Entry(Asn1Cert(certificate)), logs)
}

/// Verifies one TLS-encoded SCT over `entry`, the certificate or precertificate part of
/// the signed data.
pub fn verify_sct(sct_bytes: &[u8], entry: SignedEntry<'_>, logs: &[LogKey]) -> SctVerification {
    let sct = match SignedCertificateTimestamp::decode(sct_bytes) {
        Ok(sct) => sct,
        Err(error) => {
            return SctVerification {
                log_id: None,
                timestamp: None,
                status: SctStatus::DecodeError(error),
            };
        }
    };

    SctVerification {
        log_id: Some(*sct.id.key_id),
        timestamp: Some(sct.timestamp),
        status: check_signature(&sct, sct_bytes.len(), entry, logs),
    }
}

/// Checks the signature of `sct`, decoded from `sct_len` bytes, over `entry`.
fn check_signature(
    sct: &SignedCertificateTimestamp<'_>,
    sct_len: usize,
    entry: SignedEntry<'_>,
    logs: &[LogKey],
) -> SctStatus {
    let Some(log) = logs.iter().find(|log| log.id == *sct.id.key_id) else {
        return SctStatus::UnknownLog;
    };

    let entry_type = match entry {
        SignedEntry::X509Entry(_) => LogEntryType::X509Entry,
        SignedEntry::PrecertEntry(_) => LogEntryType::PrecertEntry,
    };
    let signed_data = match sct.signature_signed_data(entry_type, entry) {
        Ok(signed_data) => signed_data,
        Err(error) => return SctStatus::DecodeError(error),
    };

    let algorithm = &sct.signature.algorithm;
    if algorithm.hash != HashAlgorithm::Sha256 {
        return SctStatus::UnsupportedAlgorithm(UnsupportedAlgorithm::Signature(algorithm.clone()));
    }
    let digest = Sha256::digest(&signed_data);
    let signature = sct.signature.signature;
    let signature_offset = sct_len - signature.len();
    match (&algorithm.signature, &log.key) {
        (_, LogPublicKey::Unsupported { algorithm }) => {
            SctStatus::UnsupportedAlgorithm(UnsupportedAlgorithm::Key(algorithm.clone()))
        }
        (SignatureAlgorithm::Ecdsa, LogPublicKey::P256(key)) => {
            verify_ecdsa(key, 32, &digest, (signature, signature_offset), |scalars| {
                p256::ecdsa::Signature::from_slice(scalars).ok()
            })
        }
        (SignatureAlgorithm::Ecdsa, LogPublicKey::P384(key)) => {
            verify_ecdsa(key, 48, &digest, (signature, signature_offset), |scalars| {
                p384::ecdsa::Signature::from_slice(scalars).ok()
            })
        }
        (SignatureAlgorithm::Rsa, LogPublicKey::Rsa(key)) => {
            let scheme = rsa::Pkcs1v15Sign::new::<Sha256>();
            status_of(key.verify(scheme, &digest, signature).is_ok())
        }
        (SignatureAlgorithm::Ecdsa | SignatureAlgorithm::Rsa, _) => SctStatus::InvalidSignature,
        _ => SctStatus::UnsupportedAlgorithm(UnsupportedAlgorithm::Signature(algorithm.clone())),
    }
}

/// Decodes a DER Ecdsa-Sig-Value (RFC 3279 section 2.2.3) with the generated type and
/// returns r and s as two big-endian scalars of `width` bytes each, or `None` when either
/// is negative or wider than the curve's field. Errors carry the path and offset in the
/// TLS-encoded SCT, whose last field is the signature, at `offset`.
fn ecdsa_scalars(
    signature: &[u8],
    offset: usize,
    width: usize,
) -> rfcodec::Result<Option<Vec<u8>>> {
    let value = EcdsaSigValue::decode(signature).map_err(|error| {
        error
            .shifted(offset)
            .in_field("signature")
            .in_field("signature")
            .in_type("SignedCertificateTimestamp")
    })?;
    let mut scalars = vec![0; 2 * width];
    for (integer, scalar) in [value.r, value.s].iter().zip(scalars.chunks_mut(width)) {
        let Some(magnitude) = integer.unsigned_bytes() else {
            return Ok(None);
        };
        let Some(start) = width.checked_sub(magnitude.len()) else {
            return Ok(None);
        };
        scalar[start..].copy_from_slice(magnitude);
    }
    Ok(Some(scalars))
}

/// Verifies a DER Ecdsa-Sig-Value over a SHA-256 digest with a P-256 or P-384 key;
/// `signature` pairs the value with its offset in the SCT.
fn verify_ecdsa<S>(
    key: &impl PrehashVerifier<S>,
    width: usize,
    digest: &[u8],
    signature: (&[u8], usize),
    from_scalars: impl Fn(&[u8]) -> Option<S>,
) -> SctStatus {
    let (signature, offset) = signature;
    let scalars = match ecdsa_scalars(signature, offset, width) {
        Ok(scalars) => scalars,
        Err(error) => return SctStatus::DecodeError(error),
    };
    match scalars.as_deref().and_then(from_scalars) {
        Some(signature) => status_of(key.verify_prehash(digest, &signature).is_ok()),
        None => SctStatus::InvalidSignature,
    }
}

fn status_of(valid: bool) -> SctStatus {
    if valid {
        SctStatus::Valid
    } else {
        SctStatus::InvalidSignature
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use base64::Engine as _;
    use p256::ecdsa::signature::hazmat::PrehashSigner;
    use rand::SeedableRng as _;
    use rfcodec::der::{Any, BitString, Integer};
    use rsa::traits::PublicKeyParts as _;

    use super::*;
    use crate::generated::rfc5246::DigitallySigned;
    use crate::generated::rfc6962::{CtExtensions, LogId, Version};
    use crate::generated::rfc6962_oids::ID_CT_PRECERTIFICATE_POISON;

    fn data_path(path: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/data")
            .join(path)
    }

    /// Reads a file of the test data in `tests/data/`.
    fn data(path: &str) -> Vec<u8> {
        let full = data_path(path);
        std::fs::read(&full)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", full.display()))
    }

    /// Returns the DER of the first PEM block of a test data file (RFC 7468).
    fn pem(path: &str) -> Vec<u8> {
        let text = String::from_utf8(data(path)).unwrap();
        let base64: String = text
            .lines()
            .skip_while(|line| !line.starts_with("-----BEGIN "))
            .skip(1)
            .take_while(|line| !line.starts_with("-----END "))
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(base64)
            .unwrap_or_else(|error| panic!("{path}: invalid PEM: {error}"))
    }

    fn letsencrypt_logs() -> Vec<LogKey> {
        ["ct/nimbus2018-spki.der", "ct/icarus-spki.der"]
            .iter()
            .map(|path| LogKey::from_der(&data(path)).unwrap())
            .collect()
    }

    fn test_log() -> Vec<LogKey> {
        let key = pem("ct/ctcpp-issuers/ct-server-key-public.pem");
        vec![LogKey::from_der(&key).unwrap()]
    }

    /// Returns each result as `log ID prefix, timestamp, status`.
    fn summaries(results: &[SctVerification]) -> Vec<String> {
        results
            .iter()
            .map(|result| {
                let log_id = result.log_id.map(|id| hex(&id[..4])).unwrap_or_default();
                let timestamp = result.timestamp.unwrap_or_default();
                format!("{log_id} {timestamp} {}", result.status)
            })
            .collect()
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|byte| format!("{byte:02x}")).collect()
    }

    fn verify_files(certificate: &[u8], issuer: &[u8], logs: &[LogKey]) -> Vec<String> {
        summaries(&verify_embedded_scts(certificate, issuer, logs).unwrap())
    }

    #[test]
    fn log_ids_are_key_hashes() {
        let logs = letsencrypt_logs();
        assert_eq!(
            hex(logs[0].id()),
            "db74afeecb29ecb1feca3e716d2ce5b9aabb36f7847183c75d9d4f37b61fbf64"
        );
        assert_eq!(
            hex(logs[1].id()),
            "293c519654c83965baaa50fc5807d4b76fbf587a2972dca4c30cf4e54547f478"
        );
        assert_eq!(
            hex(test_log()[0].id()),
            "df1c2ec11500945247a96168325ddc5c7959e8f7c6d388fc002e0bbd3f74d764"
        );
    }

    #[test]
    fn letsencrypt_scts_are_valid() {
        let certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        let results = verify_embedded_scts(&certificate, &issuer, &letsencrypt_logs()).unwrap();
        assert_eq!(
            summaries(&results),
            [
                "db74afee 1522349107993 valid signature",
                "293c5196 1522349108010 valid signature",
            ]
        );
        assert_eq!(results[0].log_id.as_ref(), Some(letsencrypt_logs()[0].id()));
    }

    #[test]
    fn flipped_tbs_byte_invalidates_both() {
        let mut certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        // The notAfter UTCTime of the validity, "180627174507Z", well before the SCT list
        // at offset 1069.
        let not_after = certificate
            .windows(13)
            .position(|window| window == b"180627174507Z")
            .unwrap();
        assert!(not_after < 1069);
        certificate[not_after + 1] = b'9';
        assert!(Certificate::decode(&certificate).is_ok());
        assert_eq!(
            verify_files(&certificate, &issuer, &letsencrypt_logs()),
            [
                "db74afee 1522349107993 invalid signature",
                "293c5196 1522349108010 invalid signature",
            ]
        );
    }

    #[test]
    fn flipped_subject_byte_invalidates_both() {
        let mut certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        let decoded = Certificate::decode(&certificate).unwrap();
        let subject = decoded.tbs_certificate.subject.encode().unwrap();
        let position = certificate
            .windows(subject.len())
            .position(|window| window == subject)
            .unwrap();
        // The last octet of the subject is a character of its commonName.
        certificate[position + subject.len() - 1] ^= 0x01;
        assert_eq!(
            verify_files(&certificate, &issuer, &letsencrypt_logs()),
            [
                "db74afee 1522349107993 invalid signature",
                "293c5196 1522349108010 invalid signature",
            ]
        );
    }

    #[test]
    fn wrong_log_key_gives_unknown_log() {
        let certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        assert_eq!(
            verify_files(&certificate, &issuer, &test_log()),
            [
                "db74afee 1522349107993 unknown log",
                "293c5196 1522349108010 unknown log",
            ]
        );
        let icarus_only = &letsencrypt_logs()[1..];
        assert_eq!(
            verify_files(&certificate, &issuer, icarus_only),
            [
                "db74afee 1522349107993 unknown log",
                "293c5196 1522349108010 valid signature",
            ]
        );
    }

    #[test]
    fn wrong_issuer_gives_invalid() {
        let certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("certs/ctgo-CACert.der");
        assert_eq!(
            verify_files(&certificate, &issuer, &letsencrypt_logs()),
            [
                "db74afee 1522349107993 invalid signature",
                "293c5196 1522349108010 invalid signature",
            ]
        );
    }

    #[test]
    fn ct_test_certificates_verify() {
        let ca = pem("ct/ctcpp-issuers/ca-cert.pem");
        let intermediate = pem("ct/ctcpp-issuers/intermediate-cert.pem");
        let ctgo_ca = data("certs/ctgo-CACert.der");
        let cases: [(&str, &[u8], &str); 6] = [
            (
                "certs/ctcpp-test-embedded-cert.der",
                &ca,
                "df1c2ec1 1365181456275 valid signature",
            ),
            (
                "certs/ctcpp-test-embedded-with-intermediate-cert.der",
                &intermediate,
                "df1c2ec1 1365181457060 valid signature",
            ),
            (
                "certs/ctcpp-test-embedded-with-preca-cert.der",
                &ca,
                "df1c2ec1 1365181456475 valid signature",
            ),
            (
                "certs/ctcpp-test-invalid-embedded-cert.der",
                &ca,
                "df1c2ec1 1365181457060 invalid signature",
            ),
            (
                "certs/ctgo-TestEmbeddedCert.der",
                &ctgo_ca,
                "df1c2ec1 1365181456275 valid signature",
            ),
            (
                "certs/ctgo-TestInvalidEmbeddedCert.der",
                &ctgo_ca,
                "df1c2ec1 1365181457060 invalid signature",
            ),
        ];
        for (path, issuer, expected) in cases {
            assert_eq!(
                verify_files(&data(path), issuer, &test_log()),
                [expected],
                "{path}"
            );
        }
    }

    #[test]
    fn pyca_certificate_checks_icarus_sct() {
        let certificate = data("certs/pyca-cryptography.io-2018.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        assert_eq!(
            verify_files(&certificate, &issuer, &letsencrypt_logs()),
            [
                "293c5196 1537995393769 valid signature",
                "6f5376ac 1537995393904 unknown log",
            ]
        );
    }

    #[test]
    fn every_certificate_yields_its_scts() {
        // SCT counts as `openssl x509 -text` reports them; no log key is given, so each
        // SCT that decodes is from an unknown log.
        let cases = [
            ("ctcpp-test-embedded-cert.der", 1),
            ("ctcpp-test-embedded-with-intermediate-cert.der", 1),
            ("ctcpp-test-embedded-with-preca-cert.der", 1),
            ("ctcpp-test-invalid-embedded-cert.der", 1),
            ("ctgo-CACert.der", 0),
            ("ctgo-TestCert-noSCT.der", 0),
            ("ctgo-TestEmbeddedCert.der", 1),
            ("ctgo-TestInvalidEmbeddedCert.der", 1),
            ("ctgo-x509-certWithSCTList.der", 3),
            ("letsencrypt-2018-two-scts.der", 2),
            ("limbo-akamai.com.der", 3),
            ("limbo-apple.com.der", 4),
            ("limbo-aws.amazon.com.der", 3),
            ("limbo-bing.com.der", 3),
            ("limbo-cloudflare.com.der", 2),
            ("limbo-cryptography.io-2023.der", 2),
            ("limbo-facebook.com.der", 3),
            ("pyca-badssl-invalid-expected-sct.der", 1),
            ("pyca-cryptography.io-2018.der", 2),
            ("sctrs-google-cert.der", 0),
            ("zlint-cloudflare-ecdsa-2019.der", 2),
            ("zlint-ct3mo1SCTs.der", 1),
        ];
        let issuer = data("ct/letsencrypt-authority-x3.der");
        for (name, count) in cases {
            let certificate = data(&format!("certs/{name}"));
            let results = verify_embedded_scts(&certificate, &issuer, &[]).unwrap();
            assert_eq!(results.len(), count, "{name}");
            for result in results {
                assert_eq!(result.status.to_string(), "unknown log", "{name}");
            }
        }
        assert_eq!(
            cases.len() + 1,
            std::fs::read_dir(data_path("certs")).unwrap().count()
        );
    }

    #[test]
    fn precertificate_signing_certificate_is_wrong_issuer() {
        let certificate = data("certs/ctcpp-test-embedded-with-preca-cert.der");
        let pre_ca = pem("ct/ctcpp-issuers/ca-pre-cert.pem");
        assert_eq!(
            verify_files(&certificate, &pre_ca, &test_log()),
            ["df1c2ec1 1365181456475 invalid signature"]
        );
    }

    // NOTE: tests/data/README.md names sct/sctrs-google-sct0.bin and sctrs-google-sct1.bin
    // as the SCTs of certs/sctrs-google-cert.der, but neither file is in the test data, so
    // the x509_entry is tested with the Go test certificate and its SCT instead.
    #[test]
    fn x509_entry_sct_verifies() {
        let sct = data("sct/ctgo-test-cert.proof.sct");
        for certificate in [
            pem("sct/ctgo-test-cert.pem"),
            data("certs/ctgo-TestCert-noSCT.der"),
        ] {
            let result = verify_x509_sct(&certificate, &sct, &test_log());
            assert_eq!(
                summaries(&[result]),
                ["df1c2ec1 1365181456089 valid signature"]
            );
        }

        let mut certificate = pem("sct/ctgo-test-cert.pem");
        let last = certificate.len() - 1;
        certificate[last] ^= 0x01;
        let result = verify_x509_sct(&certificate, &sct, &test_log());
        assert_eq!(
            summaries(&[result]),
            ["df1c2ec1 1365181456089 invalid signature"]
        );
    }

    #[test]
    fn certificate_without_sct_list_gives_none() {
        let certificate = data("certs/ctgo-TestCert-noSCT.der");
        let issuer = data("certs/ctgo-CACert.der");
        let results = verify_embedded_scts(&certificate, &issuer, &test_log()).unwrap();
        assert!(results.is_empty());
    }

    #[test]
    fn empty_sct_list_is_rejected() {
        let certificate = data("certs/zlint-empty_sct_list_ko_01.der");
        let issuer = data("certs/ctgo-CACert.der");
        let error = verify_embedded_scts(&certificate, &issuer, &test_log()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid SCT list extension: SignedCertificateTimestampList.sct_list: length 0 \
             is outside <1..65535> at offset 912"
        );
    }

    #[test]
    fn undecodable_certificate_is_rejected() {
        let certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        let error = verify_embedded_scts(&certificate[..100], &issuer, &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid certificate: length 1583 exceeds the 96 bytes left at offset 4"
        );
        let error = verify_embedded_scts(&certificate, &issuer[1..], &[]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid issuer certificate: expected tag SEQUENCE, found [2] at offset 0"
        );
    }

    #[test]
    fn embedded_decode_error_has_certificate_offset() {
        let mut certificate = data("certs/letsencrypt-2018-two-scts.der");
        let issuer = data("ct/letsencrypt-authority-x3.der");
        // The first SCT's Ecdsa-Sig-Value: the list at 1069, two length prefixes, and 47
        // bytes of SCT before the signature.
        assert_eq!(certificate[1120], 0x30);
        certificate[1120] = 0x31;
        let results = verify_embedded_scts(&certificate, &issuer, &letsencrypt_logs()).unwrap();
        assert_eq!(
            summaries(&results),
            [
                "db74afee 1522349107993 decode error: SignedCertificateTimestampList\
                 .sct_list[0].signature.signature: expected tag SEQUENCE, found SET at \
                 offset 1120",
                "293c5196 1522349108010 valid signature",
            ]
        );
    }

    #[test]
    fn undecodable_sct_is_decode_error() {
        let certificate = pem("sct/ctgo-test-cert.pem");
        let sct = data("sct/ctcpp-derived-SCT-bad-hash-0xff.sct");
        let result = verify_x509_sct(&certificate, &sct, &test_log());
        assert_eq!(result.log_id, None);
        assert_eq!(result.timestamp, None);
        assert_eq!(
            result.status.to_string(),
            "decode error: SignedCertificateTimestamp.signature.algorithm.hash: unknown \
             enumerated value 255 at offset 43"
        );
    }

    #[test]
    fn non_der_signature_is_decode_error() {
        let certificate = pem("sct/ctgo-test-cert.pem");
        let mut sct = data("sct/ctgo-test-cert.proof.sct");
        // The Ecdsa-Sig-Value starts at 47, after the algorithm pair and its length prefix.
        assert_eq!(sct[47], 0x30);
        sct[47] = 0x31;
        let result = verify_x509_sct(&certificate, &sct, &test_log());
        assert_eq!(
            result.status.to_string(),
            "decode error: SignedCertificateTimestamp.signature.signature: expected tag \
             SEQUENCE, found SET at offset 47"
        );
    }

    #[test]
    fn sha512_sct_is_unsupported() {
        let certificate = pem("sct/ctgo-test-cert.pem");
        let mut sct = data("sct/ctgo-test-cert.proof.sct");
        assert_eq!(sct[43], 4);
        sct[43] = 6;
        let result = verify_x509_sct(&certificate, &sct, &test_log());
        assert_eq!(
            summaries(&[result]),
            ["df1c2ec1 1365181456089 unsupported signature algorithm ecdsa with sha512"]
        );
    }

    #[test]
    fn take_extension_matches_go_poison_removal() {
        let expected = data("precerts/ctgo-x509-tbsNoPoison.tbs.der");
        for name in ["First", "Middle", "Last"] {
            let path = format!("precerts/ctgo-x509-tbsPoison{name}.tbs.der");
            let bytes = data(&path);
            let mut tbs = x509::TbsCertificate::decode(&bytes).unwrap();
            let poison = take_extension(&mut tbs, &ID_CT_PRECERTIFICATE_POISON).unwrap();
            assert_eq!(poison.unwrap().extn_value, [0x05, 0x00], "{path}");
            assert_eq!(tbs.encode().unwrap(), expected, "{path}");
        }

        let bytes = data("precerts/ctgo-x509-tbsPoisonTwice.tbs.der");
        let mut tbs = x509::TbsCertificate::decode(&bytes).unwrap();
        let result = take_extension(&mut tbs, &ID_CT_PRECERTIFICATE_POISON);
        assert_eq!(result.unwrap_err(), DuplicateExtension);
    }

    #[test]
    fn take_extension_drops_emptied_field() {
        let bytes = data("certs/letsencrypt-2018-two-scts.der");
        let mut tbs = Certificate::decode(&bytes).unwrap().tbs_certificate;
        let sct_list = take_extension(&mut tbs, &ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST)
            .unwrap()
            .unwrap();
        tbs.extensions = Some(Extensions(SequenceOf::from_vec(vec![sct_list])));
        let alone = tbs.encode().unwrap();

        take_extension(&mut tbs, &ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST).unwrap();
        assert!(tbs.extensions.is_none());
        let without = tbs.encode().unwrap();
        let alone_content = Any::decode(&alone).unwrap().value();
        let without_content = Any::decode(&without).unwrap().value();
        assert!(alone_content.starts_with(without_content));
        assert_eq!(alone_content[without_content.len()], 0xa3);
    }

    /// Encodes an SCT from `log_id` over the x509_entry of `certificate`, signed by `sign`.
    fn signed_sct(
        log_id: &[u8; 32],
        certificate: &[u8],
        signature_algorithm: SignatureAlgorithm,
        sign: impl FnOnce(&[u8]) -> Vec<u8>,
    ) -> Vec<u8> {
        let mut sct = SignedCertificateTimestamp {
            sct_version: Version::V1,
            id: LogId { key_id: log_id },
            timestamp: 1_700_000_000_000,
            extensions: CtExtensions(b""),
            signature: DigitallySigned {
                algorithm: SignatureAndHashAlgorithm {
                    hash: HashAlgorithm::Sha256,
                    signature: signature_algorithm,
                },
                signature: b"",
            },
        };
        let entry = SignedEntry::X509Entry(Asn1Cert(certificate));
        let signed_data = sct
            .signature_signed_data(LogEntryType::X509Entry, entry)
            .unwrap();
        let signature = sign(&signed_data);
        sct.signature.signature = &signature;
        rfcodec::tls::Encode::encode(&sct).unwrap()
    }

    /// Encodes a SubjectPublicKeyInfo with the generated type.
    fn spki(algorithm: ObjectIdentifier<'_>, parameters: Option<Any<'_>>, key: &[u8]) -> Vec<u8> {
        SubjectPublicKeyInfo {
            algorithm: x509::AlgorithmIdentifier {
                algorithm,
                parameters,
            },
            subject_public_key: BitString::from_bytes(key),
        }
        .encode()
        .unwrap()
    }

    #[test]
    fn p384_log_signature_verifies() {
        let signing_key = p384::ecdsa::SigningKey::from_slice(&[0x5a; 48]).unwrap();
        let point = signing_key.verifying_key().to_encoded_point(false);
        let curve = SECP384R1.encode().unwrap();
        let curve = Any::decode(&curve).unwrap();
        let log = LogKey::from_der(&spki(ID_EC_PUBLIC_KEY, Some(curve), point.as_bytes())).unwrap();
        let sign = |data: &[u8]| {
            let signature: p384::ecdsa::Signature =
                signing_key.sign_prehash(&Sha256::digest(data)).unwrap();
            signature.to_der().as_bytes().to_vec()
        };

        let certificate = pem("sct/ctgo-test-cert.pem");
        let sct = signed_sct(log.id(), &certificate, SignatureAlgorithm::Ecdsa, sign);
        let result = verify_x509_sct(&certificate, &sct, std::slice::from_ref(&log));
        assert_eq!(result.status.to_string(), "valid signature");
        let result = verify_x509_sct(&certificate[1..], &sct, &[log]);
        assert_eq!(result.status.to_string(), "invalid signature");
    }

    #[test]
    fn rsa_log_signature_verifies() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(6962);
        let private_key = rsa::RsaPrivateKey::new(&mut rng, 1024).unwrap();
        let public_key = RsaPublicKey {
            modulus: Integer::from_unsigned_bytes(&private_key.n().to_bytes_be()),
            public_exponent: Integer::from_unsigned_bytes(&private_key.e().to_bytes_be()),
        }
        .encode()
        .unwrap();
        let null = Any::new(Tag::NULL, b"");
        let log = LogKey::from_der(&spki(RSA_ENCRYPTION, Some(null), &public_key)).unwrap();
        let sign = |data: &[u8]| {
            let scheme = rsa::Pkcs1v15Sign::new::<Sha256>();
            private_key.sign(scheme, &Sha256::digest(data)).unwrap()
        };

        let certificate = pem("sct/ctgo-test-cert.pem");
        let sct = signed_sct(log.id(), &certificate, SignatureAlgorithm::Rsa, sign);
        let result = verify_x509_sct(&certificate, &sct, std::slice::from_ref(&log));
        assert_eq!(result.status.to_string(), "valid signature");
        let result = verify_x509_sct(&certificate[1..], &sct, std::slice::from_ref(&log));
        assert_eq!(result.status.to_string(), "invalid signature");

        // The same signature labelled ECDSA cannot be valid for an RSA log.
        let mut mislabelled = sct.clone();
        assert_eq!(mislabelled[44], 1);
        mislabelled[44] = 3;
        let result = verify_x509_sct(&certificate, &mislabelled, &[log]);
        assert_eq!(result.status.to_string(), "invalid signature");
    }

    #[test]
    fn ed25519_log_is_unsupported() {
        let ed25519 = ObjectIdentifier::from_arcs(&[1, 3, 101, 112]).unwrap();
        let log = LogKey::from_der(&spki(ed25519, None, &[0x42; 32])).unwrap();
        let certificate = pem("sct/ctgo-test-cert.pem");
        let sct = signed_sct(log.id(), &certificate, SignatureAlgorithm::Ecdsa, |_| {
            vec![0]
        });
        let result = verify_x509_sct(&certificate, &sct, &[log]);
        assert_eq!(
            result.status.to_string(),
            "unsupported log key algorithm 1.3.101.112"
        );
    }

    #[test]
    fn off_curve_log_key_is_rejected() {
        let mut point = vec![0x04];
        point.extend([0x01; 64]);
        let curve = PRIME256V1.encode().unwrap();
        let curve = Any::decode(&curve).unwrap();
        let error = LogKey::from_der(&spki(ID_EC_PUBLIC_KEY, Some(curve), &point)).unwrap_err();
        assert_eq!(error.to_string(), "invalid P-256 log public key");
    }
}
