//! The operations with x509-parser 0.18, which decodes the SCT list extension itself and
//! declares an Ecdsa-Sig-Value; it has no encoder.

use x509_parser::certificate::X509Certificate;
use x509_parser::error::X509Error;
use x509_parser::extensions::{
    ParsedExtension, SignedCertificateTimestamp, parse_ct_signed_certificate_timestamp_list,
};
use x509_parser::prelude::FromDer;
use x509_parser::signature_value::EcdsaSigValue;

use crate::values;

/// Decodes the SCT list from the DER OCTET STRING that wraps it in extnValue, as
/// x509-parser's list parser expects.
pub fn decode_sct_list<'a>(
    octet_string: &'a [u8],
    mut visit: impl FnMut(&SignedCertificateTimestamp<'a>),
) -> Result<(), X509Error> {
    let (rest, scts) = parse_ct_signed_certificate_timestamp_list(octet_string)
        .map_err(|_| X509Error::InvalidExtensions)?;
    if !rest.is_empty() {
        return Err(X509Error::InvalidExtensions);
    }
    scts.iter().for_each(&mut visit);
    Ok(())
}

pub fn decode_ecdsa(bytes: &[u8]) -> Result<EcdsaSigValue<'_>, X509Error> {
    let (rest, signature) =
        EcdsaSigValue::from_der(bytes).map_err(|_| X509Error::InvalidSignatureValue)?;
    if !rest.is_empty() {
        return Err(X509Error::InvalidSignatureValue);
    }
    Ok(signature)
}

pub fn decode_certificate(bytes: &[u8]) -> Result<X509Certificate<'_>, X509Error> {
    let (rest, certificate) = X509Certificate::from_der(bytes).map_err(|error| match error {
        x509_parser::nom::Err::Error(error) | x509_parser::nom::Err::Failure(error) => error,
        x509_parser::nom::Err::Incomplete(_) => X509Error::InvalidCertificate,
    })?;
    if !rest.is_empty() {
        return Err(X509Error::InvalidCertificate);
    }
    Ok(certificate)
}

/// Decodes the certificate, which decodes its SCT list extension, then each SCT's
/// Ecdsa-Sig-Value.
pub fn certificate_signatures(
    bytes: &[u8],
    mut visit: impl FnMut(&EcdsaSigValue<'_>),
) -> Result<(), X509Error> {
    let certificate = decode_certificate(bytes)?;
    for extension in certificate.extensions() {
        if let ParsedExtension::SCT(scts) = extension.parsed_extension() {
            for sct in scts {
                if let Ok(signature) = decode_ecdsa(sct.signature.data) {
                    visit(&signature);
                }
            }
        }
    }
    Ok(())
}

pub fn sct_values(sct: &SignedCertificateTimestamp<'_>) -> values::Sct {
    values::Sct {
        version: sct.version.0,
        log_id: *sct.id.key_id,
        timestamp: sct.timestamp,
        extensions: sct.extensions.0.to_vec(),
        hash: sct.signature.hash_alg_id,
        signature_algorithm: sct.signature.sign_alg_id,
        signature: sct.signature.data.to_vec(),
    }
}

pub fn ecdsa_values(signature: &EcdsaSigValue<'_>) -> values::EcdsaSignature {
    values::EcdsaSignature::from_integers(signature.r.as_ref(), signature.s.as_ref())
}

pub fn certificate_values(certificate: &X509Certificate<'_>) -> values::Certificate {
    let key_info = certificate.public_key();
    values::Certificate {
        version: certificate.version().0 as u8,
        serial_number: certificate.raw_serial().to_vec(),
        signature: certificate
            .tbs_certificate
            .signature
            .algorithm
            .to_id_string(),
        issuer: certificate.issuer().as_raw().to_vec(),
        not_before: certificate.validity().not_before.timestamp(),
        not_after: certificate.validity().not_after.timestamp(),
        subject: certificate.subject().as_raw().to_vec(),
        key_algorithm: key_info.algorithm.algorithm.to_id_string(),
        subject_public_key: key_info.subject_public_key.data.to_vec(),
        extensions: certificate
            .extensions()
            .iter()
            .map(|extension| values::Extension {
                id: extension.oid.to_id_string(),
                critical: extension.critical,
                value: extension.value.to_vec(),
            })
            .collect(),
        signature_algorithm: certificate.signature_algorithm.algorithm.to_id_string(),
        signature_value: certificate.signature_value.data.to_vec(),
    }
}
