//! The operations with the codecs that rfcodec generates from schemas/ at build time.

use rfcodec::Result;
use rfcodec::der::{Decode as _, Encode as _};
use rfcodec::tls::{Decode as _, Encode as _, Enumerated as _, VectorRange, Writer};
use rfcodec_tests::generated::rfc3279::EcdsaSigValue;
use rfcodec_tests::generated::rfc5280_explicit::{Certificate, Time};
use rfcodec_tests::generated::rfc6962::{
    SignedCertificateTimestamp, SignedCertificateTimestampList,
};
use rfcodec_tests::generated::rfc6962_oids::ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST;

use crate::values;

/// `opaque SerializedSCT<1..2^16-1>` and `SerializedSCT sct_list<1..2^16-1>`.
const SCT_RANGE: VectorRange = VectorRange::new(1, 65535);

/// Decodes the TLS SCT list and each SCT in it.
///
/// Each SCT is visited inside the `Result` it was decoded into. Taking it out with `?`
/// moves the 56-byte struct, which LLVM copies with 16-byte loads right after the
/// decoder's 8-byte stores, so the loads wait for store forwarding to fail.
pub fn decode_sct_list<'a>(
    bytes: &'a [u8],
    mut visit: impl FnMut(&SignedCertificateTimestamp<'a>),
) -> Result<()> {
    let list = SignedCertificateTimestampList::decode(bytes)?;
    for serialized in list.sct_list.iter() {
        let sct = SignedCertificateTimestamp::decode(serialized.0);
        match &sct {
            Ok(sct) => visit(sct),
            Err(_) => return sct.map(|_| ()),
        }
    }
    Ok(())
}

/// Encodes typed SCTs into a TLS SCT list, in one buffer sized from `encoded_len`.
pub fn encode_sct_list(scts: &[SignedCertificateTimestamp<'_>]) -> Result<Vec<u8>> {
    let content: usize = scts.iter().map(|sct| 2 + sct.encoded_len()).sum();
    let mut out = Vec::with_capacity(2 + content);
    let mut writer = Writer::new(&mut out);
    writer.write_vector(SCT_RANGE, |list| {
        for sct in scts {
            list.write_vector(SCT_RANGE, |serialized| sct.encode_to(serialized))?;
        }
        Ok(())
    })?;
    Ok(out)
}

pub fn decode_ecdsa(bytes: &[u8]) -> Result<EcdsaSigValue<'_>> {
    EcdsaSigValue::decode(bytes)
}

pub fn decode_certificate(bytes: &[u8]) -> Result<Certificate<'_>> {
    Certificate::decode(bytes)
}

/// Decodes the certificate, its SCT list extension, each SCT and its Ecdsa-Sig-Value.
pub fn certificate_signatures<'a>(
    bytes: &'a [u8],
    mut visit: impl FnMut(&EcdsaSigValue<'a>),
) -> Result<()> {
    let certificate = Certificate::decode(bytes)?;
    let Some(extensions) = &certificate.tbs_certificate.extensions else {
        return Ok(());
    };
    let Some(extension) = extensions
        .0
        .iter()
        .find(|extension| extension.extn_id == ID_CT_SIGNED_CERTIFICATE_TIMESTAMP_LIST)
    else {
        return Ok(());
    };
    let list = <&[u8]>::decode(extension.extn_value)?;
    decode_sct_list(list, |sct| {
        if let Ok(signature) = &EcdsaSigValue::decode(sct.signature.signature) {
            visit(signature);
        }
    })
}

pub fn sct_values(sct: &SignedCertificateTimestamp<'_>) -> values::Sct {
    values::Sct {
        version: sct.sct_version.value() as u8,
        log_id: *sct.id.key_id,
        timestamp: sct.timestamp,
        extensions: sct.extensions.0.to_vec(),
        hash: sct.signature.algorithm.hash.value() as u8,
        signature_algorithm: sct.signature.algorithm.signature.value() as u8,
        signature: sct.signature.signature.to_vec(),
    }
}

pub fn ecdsa_values(signature: &EcdsaSigValue<'_>) -> values::EcdsaSignature {
    values::EcdsaSignature::from_integers(signature.r.as_bytes(), signature.s.as_bytes())
}

fn unix_seconds(time: &Time) -> i64 {
    match time {
        Time::UtcTime(time) => time.date_time().unix_timestamp(),
        Time::GeneralTime(time) => time.date_time().unix_timestamp(),
    }
}

pub fn certificate_values(certificate: &Certificate<'_>) -> values::Certificate {
    let tbs = &certificate.tbs_certificate;
    let extensions = tbs.extensions.as_ref().map(|extensions| {
        extensions
            .0
            .iter()
            .map(|extension| values::Extension {
                id: extension.extn_id.to_string(),
                critical: extension.critical,
                value: extension.extn_value.to_vec(),
            })
            .collect()
    });
    values::Certificate {
        version: tbs.version.to_u64().unwrap() as u8,
        serial_number: tbs.serial_number.as_bytes().to_vec(),
        signature: tbs.signature.algorithm.to_string(),
        issuer: tbs.issuer.encode().unwrap(),
        not_before: unix_seconds(&tbs.validity.not_before),
        not_after: unix_seconds(&tbs.validity.not_after),
        subject: tbs.subject.encode().unwrap(),
        key_algorithm: tbs.subject_public_key_info.algorithm.algorithm.to_string(),
        subject_public_key: tbs
            .subject_public_key_info
            .subject_public_key
            .raw_bytes()
            .to_vec(),
        extensions: extensions.unwrap_or_default(),
        signature_algorithm: certificate.signature_algorithm.algorithm.to_string(),
        signature_value: certificate.signature.raw_bytes().to_vec(),
    }
}
