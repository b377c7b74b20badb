//! `#[derive(Tls)]` on hand-written RFC 6962 types, checked against real SCT lists and
//! Certificate Transparency log entries.

use rfcodec::tls::{Decode, Encode, List};
use rfcodec::{ErrorKind, Tls};
use rfcodec_tests::{bundled_sct_list, data};

/// RFC 6962 section 3.2: `enum { v1(0), (255) } Version;`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
#[tls(width = 1)]
enum Version {
    V1 = 0,
}

/// RFC 5246 section 7.4.1.4.1: `enum { none(0), ..., sha512(6), (255) } HashAlgorithm;`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
#[repr(u8)]
enum HashAlgorithm {
    None = 0,
    Md5 = 1,
    Sha1 = 2,
    Sha224 = 3,
    Sha256 = 4,
    Sha384 = 5,
    Sha512 = 6,
}

/// RFC 5246 section 7.4.1.4.1, kept open so unknown algorithms survive a round trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
#[repr(u8)]
enum SignatureAlgorithm {
    Anonymous = 0,
    Rsa = 1,
    Dsa = 2,
    Ecdsa = 3,
    #[tls(unknown)]
    Unknown(u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
struct SignatureAndHashAlgorithm {
    hash: HashAlgorithm,
    signature: SignatureAlgorithm,
}

/// RFC 5246 section 4.7: the wire form of a digitally-signed element.
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
struct DigitallySigned<'a> {
    algorithm: SignatureAndHashAlgorithm,
    #[tls(range = "0..2^16-1")]
    signature: &'a [u8],
}

/// RFC 6962 section 3.2.
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
struct SignedCertificateTimestamp<'a> {
    sct_version: Version,
    id: &'a [u8; 32],
    timestamp: u64,
    #[tls(range = "0..2^16-1")]
    extensions: &'a [u8],
    signature: DigitallySigned<'a>,
}

/// RFC 6962 section 3.3: `opaque SerializedSCT<1..2^16-1>;`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
struct SerializedSct<'a>(#[tls(range = "1..2^16-1")] &'a [u8]);

/// RFC 6962 section 3.3.
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
struct SignedCertificateTimestampList<'a> {
    #[tls(range = "1..2^16-1")]
    sct_list: List<'a, SerializedSct<'a>>,
}

/// RFC 6962 section 3.1: `enum { x509_entry(0), precert_entry(1), (65535) } LogEntryType;`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
#[tls(width = 2)]
enum LogEntryType {
    X509Entry = 0,
    PrecertEntry = 1,
}

/// RFC 6962 section 3.2: `struct { opaque issuer_key_hash[32]; TBSCertificate
/// tbs_certificate; } PreCert;` with `opaque TBSCertificate<1..2^24-1>;`
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
struct PreCert<'a> {
    issuer_key_hash: &'a [u8; 32],
    #[tls(range = "1..2^24-1")]
    tbs_certificate: &'a [u8],
}

/// The `select (entry_type)` of RFC 6962 section 3.4's TimestampedEntry.
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
#[tls(select = LogEntryType)]
enum SignedEntry<'a> {
    #[tls(case = LogEntryType::X509Entry)]
    X509Entry(#[tls(range = "1..2^24-1")] &'a [u8]),
    #[tls(case = LogEntryType::PrecertEntry)]
    PrecertEntry(PreCert<'a>),
}

/// RFC 6962 section 3.4.
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
struct TimestampedEntry<'a> {
    timestamp: u64,
    entry_type: LogEntryType,
    #[tls(select = entry_type)]
    signed_entry: SignedEntry<'a>,
    #[tls(range = "0..2^16-1")]
    extensions: &'a [u8],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Tls)]
#[tls(width = 1)]
enum MerkleLeafType {
    TimestampedEntry = 0,
}

#[derive(Debug, Clone, PartialEq, Eq, Tls)]
#[tls(select = MerkleLeafType)]
enum Leaf<'a> {
    #[tls(case = MerkleLeafType::TimestampedEntry)]
    TimestampedEntry(TimestampedEntry<'a>),
}

/// RFC 6962 section 3.4.
#[derive(Debug, Clone, PartialEq, Eq, Tls)]
struct MerkleTreeLeaf<'a> {
    version: Version,
    leaf_type: MerkleLeafType,
    #[tls(select = leaf_type)]
    leaf: Leaf<'a>,
}

#[test]
fn derived_sct_list_decodes_bundled_certificate() {
    let bytes = bundled_sct_list();
    let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
    let scts: Vec<SignedCertificateTimestamp> = list
        .sct_list
        .iter()
        .map(|serialized| SignedCertificateTimestamp::decode(serialized.0).unwrap())
        .collect();
    assert_eq!(scts.len(), 2);
    assert_eq!(scts[0].timestamp, 1_522_349_107_993);
    assert_eq!(scts[1].timestamp, 1_522_349_108_010);
    assert_eq!(hex::encode(&scts[0].id[..4]), "db74afee");
    assert_eq!(hex::encode(&scts[1].id[..4]), "293c5196");
    for sct in &scts {
        assert_eq!(sct.sct_version, Version::V1);
        assert_eq!(sct.signature.algorithm.hash, HashAlgorithm::Sha256);
        assert_eq!(sct.signature.algorithm.signature, SignatureAlgorithm::Ecdsa);
    }
    assert_eq!(scts[0].signature.signature.len(), 70);
    assert_eq!(scts[1].signature.signature.len(), 72);
    assert_eq!(list.encode().unwrap(), bytes);
    assert_eq!(list.encoded_len(), bytes.len());
}

#[test]
fn derived_sct_reencodes_owned_values() {
    let bytes = bundled_sct_list();
    let list = SignedCertificateTimestampList::decode(&bytes).unwrap();
    let first = list.sct_list.iter().next().unwrap();
    let sct = SignedCertificateTimestamp::decode(first.0).unwrap();
    assert_eq!(sct.encode().unwrap(), first.0);
    let rebuilt = SignedCertificateTimestampList {
        sct_list: List::from_vec(list.sct_list.to_vec()),
    };
    assert_eq!(rebuilt.encode().unwrap(), bytes);
}

#[test]
fn derived_errors_carry_type_and_field_path() {
    let bytes = data("sct/ctcpp-derived-SCT-bad-hash-0xff.sct");
    let error = SignedCertificateTimestamp::decode(&bytes).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue { value: 255 });
    assert_eq!(
        error.to_string(),
        "SignedCertificateTimestamp.signature.algorithm.hash: unknown enumerated value 255 \
         at offset 43"
    );
}

#[test]
fn open_enum_keeps_unknown_values() {
    let bytes = data("sct/ctcpp-derived-SCT-bad-sigalg-0xff.sct");
    let sct = SignedCertificateTimestamp::decode(&bytes).unwrap();
    assert_eq!(
        sct.signature.algorithm.signature,
        SignatureAlgorithm::Unknown(255)
    );
    assert_eq!(sct.encode().unwrap(), bytes);
}

#[test]
fn merkle_tree_leaf_selects_x509_entry() {
    let bytes = data("ct-entries/ctgo-CertEntry.mtl");
    let leaf = MerkleTreeLeaf::decode(&bytes).unwrap();
    let Leaf::TimestampedEntry(entry) = &leaf.leaf;
    assert_eq!(entry.timestamp, 1_415_843_953_342);
    assert_eq!(entry.entry_type, LogEntryType::X509Entry);
    let SignedEntry::X509Entry(certificate) = &entry.signed_entry else {
        panic!("expected an x509_entry, got {:?}", entry.signed_entry);
    };
    assert_eq!(certificate.len(), 1634 - 2 - 8 - 2 - 3 - 2);
    assert_eq!(certificate[0], 0x30, "a DER SEQUENCE");
    assert_eq!(leaf.encode().unwrap(), bytes);
}

#[test]
fn merkle_tree_leaf_selects_precert_entry() {
    let bytes = data("ct-entries/ctgo-PrecertEntry.mtl");
    let leaf = MerkleTreeLeaf::decode(&bytes).unwrap();
    let Leaf::TimestampedEntry(entry) = &leaf.leaf;
    assert_eq!(entry.timestamp, 1_422_867_427_528);
    let SignedEntry::PrecertEntry(precert) = &entry.signed_entry else {
        panic!("expected a precert_entry, got {:?}", entry.signed_entry);
    };
    assert_eq!(precert.tbs_certificate[0], 0x30);
    assert_eq!(leaf.encode().unwrap(), bytes);
}

#[test]
fn select_rejects_unknown_discriminant() {
    let mut bytes = data("ct-entries/ctgo-CertEntry.mtl");
    // version 1, leaf_type 1, timestamp 8, then entry_type: make it 7.
    bytes[11] = 7;
    let error = MerkleTreeLeaf::decode(&bytes).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnknownEnumValue { value: 7 });
    assert_eq!(error.offset(), 10);
}

#[test]
fn select_encode_rejects_mismatched_case() {
    let bytes = data("ct-entries/ctgo-CertEntry.mtl");
    let leaf = MerkleTreeLeaf::decode(&bytes).unwrap();
    let Leaf::TimestampedEntry(mut entry) = leaf.leaf;
    entry.entry_type = LogEntryType::PrecertEntry;
    let error = entry.encode().unwrap_err();
    assert_eq!(error.kind(), ErrorKind::SelectorMismatch);
    assert_eq!(
        error.to_string(),
        "TimestampedEntry.signed_entry: select case does not match the value of its selector at offset 10"
    );
}
