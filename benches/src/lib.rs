//! The operations that the benchmarks time, one module per implementation, and the
//! plain values that the equivalence tests compare across implementations.
//!
//! Each implementation decodes with its crate's own types and hands each decoded value
//! to a visitor, so a benchmark times decoding alone and a test converts the same
//! values into [`values`] types to compare them.

pub mod handwritten;
pub mod implementations;
pub mod values;

/// Offset of the SCT list's TLS encoding inside the bundled certificate.
pub const SCT_LIST_OFFSET: usize = 1069;
/// Length of that SCT list, its two-byte length prefix included.
pub const SCT_LIST_LEN: usize = 242;
/// Header of the DER OCTET STRING that wraps the SCT list inside extnValue.
pub const SCT_LIST_HEADER_LEN: usize = 3;

/// The inputs of every benchmark, read once from the test data.
pub struct Inputs {
    /// The whole bundled certificate, letsencrypt-2018-two-scts.der.
    pub certificate: Vec<u8>,
    /// Every certificate under tests/data/certs, in file-name order.
    pub certificates: Vec<(String, Vec<u8>)>,
}

impl Inputs {
    pub fn load() -> Self {
        let certificate = rfcodec_tests::data("certs/letsencrypt-2018-two-scts.der");
        let certificates = rfcodec_tests::data_files("certs")
            .into_iter()
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let bytes = std::fs::read(&path).unwrap();
                (name, bytes)
            })
            .collect();
        Self {
            certificate,
            certificates,
        }
    }

    /// Returns the 242-byte TLS encoding of the SignedCertificateTimestampList.
    pub fn sct_list(&self) -> &[u8] {
        &self.certificate[SCT_LIST_OFFSET..SCT_LIST_OFFSET + SCT_LIST_LEN]
    }

    /// Returns the SCT list with its DER OCTET STRING header (04 81 f2), as x509-cert
    /// takes it.
    pub fn sct_list_octet_string(&self) -> &[u8] {
        &self.certificate[SCT_LIST_OFFSET - SCT_LIST_HEADER_LEN..SCT_LIST_OFFSET + SCT_LIST_LEN]
    }

    /// Returns the 70-byte Ecdsa-Sig-Value of the list's first SCT. The SCT list prefix (2),
    /// the SerializedSCT prefix (2), version, log id, timestamp, empty extensions,
    /// algorithm and signature prefix come before it.
    pub fn ecdsa_signature(&self) -> &[u8] {
        let start = SCT_LIST_OFFSET + 2 + 2 + 1 + 32 + 8 + 2 + 2 + 2;
        &self.certificate[start..start + 70]
    }
}
