//! The operations with x509-cert 0.3 (its `sct` feature for the SCT list) and a
//! der 0.8 derived Ecdsa-Sig-Value, since x509-cert declares none.

use der::asn1::UintRef;
use der::{Decode, Encode, Sequence};
use x509_cert::Certificate;
use x509_cert::ext::pkix::sct::{
    Error, HashAlgorithm, SerializedSct, SignatureAlgorithm, SignedCertificateTimestamp,
    SignedCertificateTimestampList,
};
use x509_cert::time::Time;

use crate::values;

/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279 section 2.2.3).
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct EcdsaSigValue<'a> {
    pub r: UintRef<'a>,
    pub s: UintRef<'a>,
}

/// Decodes the SCT list from the DER OCTET STRING that wraps it in extnValue, which is
/// the only input x509-cert's SignedCertificateTimestampList takes, then each SCT.
pub fn decode_sct_list(
    octet_string: &[u8],
    mut visit: impl FnMut(&SignedCertificateTimestamp),
) -> Result<(), Error> {
    let list = SignedCertificateTimestampList::from_der(octet_string)?;
    for serialized in list.parse_timestamps()? {
        visit(&serialized.parse_timestamp()?);
    }
    Ok(())
}

/// Decodes the SCT list into owned SCTs, which `encode_sct_list` takes.
pub fn decode_owned_scts(octet_string: &[u8]) -> Result<Vec<SignedCertificateTimestamp>, Error> {
    let list = SignedCertificateTimestampList::from_der(octet_string)?;
    let serialized = list.parse_timestamps()?;
    serialized
        .iter()
        .map(SerializedSct::parse_timestamp)
        .collect()
}

/// Encodes SCTs into the DER OCTET STRING that wraps the SCT list. x509-cert's
/// SerializedSct::new takes each SCT by value, so the caller hands over owned SCTs.
pub fn encode_sct_list(scts: Vec<SignedCertificateTimestamp>) -> Result<Vec<u8>, Error> {
    let mut serialized = Vec::with_capacity(scts.len());
    for sct in scts {
        serialized.push(SerializedSct::new(sct)?);
    }
    let list = SignedCertificateTimestampList::new(&serialized)?;
    Ok(list.to_der()?)
}

pub fn decode_ecdsa(bytes: &[u8]) -> der::Result<EcdsaSigValue<'_>> {
    EcdsaSigValue::from_der(bytes)
}

pub fn decode_certificate(bytes: &[u8]) -> der::Result<Certificate> {
    Certificate::from_der(bytes)
}

/// Decodes the certificate, its SCT list extension, each SCT and its Ecdsa-Sig-Value.
pub fn certificate_signatures(
    bytes: &[u8],
    mut visit: impl FnMut(&EcdsaSigValue<'_>),
) -> Result<(), Error> {
    let certificate = Certificate::from_der(bytes)?;
    let Some((_, list)) = certificate
        .tbs_certificate()
        .get_extension::<SignedCertificateTimestampList>()?
    else {
        return Ok(());
    };
    for serialized in list.parse_timestamps()? {
        let sct = serialized.parse_timestamp()?;
        if let Ok(signature) = EcdsaSigValue::from_der(sct.signature.signature.as_slice()) {
            visit(&signature);
        }
    }
    Ok(())
}

fn hash_value(hash: &HashAlgorithm) -> u8 {
    match hash {
        HashAlgorithm::None => 0,
        HashAlgorithm::Md5 => 1,
        HashAlgorithm::Sha1 => 2,
        HashAlgorithm::Sha224 => 3,
        HashAlgorithm::Sha256 => 4,
        HashAlgorithm::Sha384 => 5,
        HashAlgorithm::Sha512 => 6,
        HashAlgorithm::Intrinsic => 8,
    }
}

fn signature_value(algorithm: &SignatureAlgorithm) -> u8 {
    match algorithm {
        SignatureAlgorithm::Anonymous => 0,
        SignatureAlgorithm::Rsa => 1,
        SignatureAlgorithm::Dsa => 2,
        SignatureAlgorithm::Ecdsa => 3,
        SignatureAlgorithm::Ed25519 => 7,
        SignatureAlgorithm::Ed448 => 8,
    }
}

pub fn sct_values(sct: &SignedCertificateTimestamp) -> values::Sct {
    values::Sct {
        version: 0,
        log_id: sct.log_id.key_id,
        timestamp: sct.timestamp,
        extensions: sct.extensions.as_slice().to_vec(),
        hash: hash_value(&sct.signature.algorithm.hash),
        signature_algorithm: signature_value(&sct.signature.algorithm.signature),
        signature: sct.signature.signature.as_slice().to_vec(),
    }
}

pub fn ecdsa_values(signature: &EcdsaSigValue<'_>) -> values::EcdsaSignature {
    values::EcdsaSignature::from_integers(signature.r.as_bytes(), signature.s.as_bytes())
}

fn unix_seconds(time: Time) -> i64 {
    time.to_unix_duration().as_secs() as i64
}

pub fn certificate_values(certificate: &Certificate) -> values::Certificate {
    let tbs = certificate.tbs_certificate();
    let key_info = tbs.subject_public_key_info();
    let extensions = tbs.extensions().map(|extensions| {
        extensions
            .iter()
            .map(|extension| values::Extension {
                id: extension.extn_id.to_string(),
                critical: extension.critical,
                value: extension.extn_value.as_bytes().to_vec(),
            })
            .collect()
    });
    values::Certificate {
        version: tbs.version() as u8,
        serial_number: tbs.serial_number().as_bytes().to_vec(),
        signature: tbs.signature().oid.to_string(),
        issuer: tbs.issuer().to_der().unwrap(),
        not_before: unix_seconds(tbs.validity().not_before),
        not_after: unix_seconds(tbs.validity().not_after),
        subject: tbs.subject().to_der().unwrap(),
        key_algorithm: key_info.algorithm.oid.to_string(),
        subject_public_key: key_info.subject_public_key.raw_bytes().to_vec(),
        extensions: extensions.unwrap_or_default(),
        signature_algorithm: certificate.signature_algorithm().oid.to_string(),
        signature_value: certificate.signature().raw_bytes().to_vec(),
    }
}
