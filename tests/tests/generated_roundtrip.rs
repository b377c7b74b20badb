//! Property tests on generated types: arbitrary valid values encode, decode back equal,
//! and the predicted encoded length is exact.

use proptest::prelude::*;
use rfcodec::der::{self, Any, Integer, ObjectIdentifier, SequenceOf, Tag};
use rfcodec::tls::{self, List};
use rfcodec_tests::generated::{rfc3279, rfc5246, rfc5280_explicit, rfc6962, rfc8446};

fn tls_round_trip<'a, T>(value: &T, bytes: &'a mut Vec<u8>) -> Result<(), TestCaseError>
where
    T: tls::Decode<'a> + tls::Encode + PartialEq + std::fmt::Debug,
{
    *bytes = tls::Encode::encode(value).unwrap();
    prop_assert_eq!(bytes.len(), tls::Encode::encoded_len(value));
    let bytes: &'a [u8] = bytes;
    prop_assert_eq!(&T::decode(bytes).unwrap(), value);
    Ok(())
}

fn der_round_trip<'a, T>(value: &T, bytes: &'a mut Vec<u8>) -> Result<(), TestCaseError>
where
    T: der::Decode<'a> + der::Encode + PartialEq + std::fmt::Debug,
{
    *bytes = der::Encode::encode(value).unwrap();
    prop_assert_eq!(bytes.len(), der::Encode::encoded_len(value));
    let bytes: &'a [u8] = bytes;
    prop_assert_eq!(&T::decode(bytes).unwrap(), value);
    Ok(())
}

fn hash_algorithm() -> impl Strategy<Value = rfc5246::HashAlgorithm> {
    use rfc5246::HashAlgorithm::*;
    prop_oneof![
        Just(None),
        Just(Md5),
        Just(Sha1),
        Just(Sha224),
        Just(Sha256),
        Just(Sha384),
        Just(Sha512)
    ]
}

fn signature_algorithm() -> impl Strategy<Value = rfc5246::SignatureAlgorithm> {
    use rfc5246::SignatureAlgorithm::*;
    prop_oneof![Just(Anonymous), Just(Rsa), Just(Dsa), Just(Ecdsa)]
}

fn bytes(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), range)
}

fn arcs() -> impl Strategy<Value = Vec<u128>> {
    (
        0u128..3,
        0u128..40,
        prop::collection::vec(any::<u32>().prop_map(u128::from), 0..6),
    )
        .prop_map(|(first, second, rest)| {
            let mut arcs = vec![first, second];
            arcs.extend(rest);
            arcs
        })
}

proptest! {
    #[test]
    fn signed_certificate_timestamps_round_trip(
        key_id in prop::array::uniform32(any::<u8>()),
        timestamp: u64,
        extensions in bytes(0..40),
        hash in hash_algorithm(),
        signature_algorithm in signature_algorithm(),
        signature in bytes(0..120),
        copies in 1usize..4,
    ) {
        let sct = rfc6962::SignedCertificateTimestamp {
            sct_version: rfc6962::Version::V1,
            id: rfc6962::LogId { key_id: &key_id },
            timestamp,
            extensions: rfc6962::CtExtensions(&extensions),
            signature: rfc5246::DigitallySigned {
                algorithm: rfc5246::SignatureAndHashAlgorithm { hash, signature: signature_algorithm },
                signature: &signature,
            },
        };
        let mut encoded = Vec::new();
        tls_round_trip(&sct, &mut encoded)?;

        let serialized = vec![rfc6962::SerializedSct(&encoded); copies];
        let list = rfc6962::SignedCertificateTimestampList { sct_list: List::from_vec(serialized) };
        let mut list_bytes = Vec::new();
        tls_round_trip(&list, &mut list_bytes)?;
    }

    #[test]
    fn client_hellos_round_trip(
        random in prop::array::uniform32(any::<u8>()),
        session_id in bytes(0..33),
        suites in prop::collection::vec(prop::array::uniform2(any::<u8>()), 1..20),
        extension_data in prop::collection::vec(bytes(0..30), 2..6),
    ) {
        use rfc8446::ExtensionType::*;
        let types = [ServerName, SupportedGroups, SignatureAlgorithms, KeyShare, SupportedVersions, Cookie];
        let extensions: Vec<rfc8446::Extension> = extension_data
            .iter()
            .zip(types)
            .map(|(data, extension_type)| rfc8446::Extension { extension_type, extension_data: data })
            .collect();
        let hello = rfc8446::ClientHello {
            random: &random,
            legacy_session_id: &session_id,
            cipher_suites: List::from_vec(suites.iter().collect()),
            legacy_compression_methods: &[0],
            extensions: List::from_vec(extensions),
        };
        let mut encoded = Vec::new();
        tls_round_trip(&hello, &mut encoded)?;
    }

    #[test]
    fn certificate_parts_round_trip(
        algorithm in arcs(),
        extension_id in arcs(),
        critical: bool,
        value in bytes(0..60),
        with_parameters: bool,
        r in bytes(1..34),
        s in bytes(1..34),
    ) {
        let algorithm = ObjectIdentifier::from_arcs(&algorithm).unwrap();
        let identifier = rfc5280_explicit::AlgorithmIdentifier {
            algorithm,
            parameters: with_parameters.then_some(Any::new(Tag::NULL, &[])),
        };
        let mut encoded = Vec::new();
        der_round_trip(&identifier, &mut encoded)?;

        let extension = rfc5280_explicit::Extension {
            extn_id: ObjectIdentifier::from_arcs(&extension_id).unwrap(),
            critical,
            extn_value: &value,
        };
        let extensions = rfc5280_explicit::Extensions(SequenceOf::from_vec(vec![extension.clone(), extension]));
        let mut extensions_bytes = Vec::new();
        der_round_trip(&extensions, &mut extensions_bytes)?;

        let signature = rfc3279::EcdsaSigValue {
            r: Integer::from_unsigned_bytes(&r),
            s: Integer::from_unsigned_bytes(&s),
        };
        let mut signature_bytes = Vec::new();
        der_round_trip(&signature, &mut signature_bytes)?;
    }
}
