//! Criterion benchmarks of rfcodec's generated codecs against tls_codec, x509-cert, der,
//! rust-asn1, x509-parser and a hand-written parser, one group per operation.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use rfcodec_benches::Inputs;
use rfcodec_benches::handwritten;
use rfcodec_benches::implementations::{asn1, rfcodec, tls_codec, x509_cert, x509_parser};
use rfcodec_codegen::emit::tls::TlsOptions;
use rfcodec_codegen::generate::generate_files;

fn sct_list_decode(c: &mut Criterion) {
    let inputs = Inputs::load();
    let list = inputs.sct_list();
    let octet_string = inputs.sct_list_octet_string();
    let mut group = c.benchmark_group("sct_list_decode");
    group.bench_function("handwritten", |b| {
        b.iter(|| handwritten::decode_sct_list(black_box(list), |sct| _ = black_box(sct)))
    });
    group.bench_function("rfcodec", |b| {
        b.iter(|| rfcodec::decode_sct_list(black_box(list), |sct| _ = black_box(sct)))
    });
    group.bench_function("tls_codec", |b| {
        b.iter(|| tls_codec::decode_sct_list(black_box(list), |sct| _ = black_box(sct)))
    });
    group.bench_function("x509_cert", |b| {
        b.iter(|| x509_cert::decode_sct_list(black_box(octet_string), |sct| _ = black_box(sct)))
    });
    group.bench_function("x509_parser", |b| {
        b.iter(|| x509_parser::decode_sct_list(black_box(octet_string), |sct| _ = black_box(sct)))
    });
    group.finish();
}

fn sct_list_encode(c: &mut Criterion) {
    let inputs = Inputs::load();
    let list = inputs.sct_list();

    let mut handwritten_scts = Vec::new();
    handwritten::decode_sct_list(list, |sct| handwritten_scts.push(*sct)).unwrap();
    let mut rfcodec_scts = Vec::new();
    rfcodec::decode_sct_list(list, |sct| rfcodec_scts.push(sct.clone())).unwrap();
    let mut tls_codec_scts = Vec::new();
    tls_codec::decode_sct_list(list, |sct| tls_codec_scts.push(sct.clone())).unwrap();

    let mut group = c.benchmark_group("sct_list_encode");
    group.bench_function("handwritten", |b| {
        b.iter(|| handwritten::encode_sct_list(black_box(&handwritten_scts)).unwrap())
    });
    group.bench_function("rfcodec", |b| {
        b.iter(|| rfcodec::encode_sct_list(black_box(&rfcodec_scts)).unwrap())
    });
    group.bench_function("tls_codec", |b| {
        b.iter(|| tls_codec::encode_sct_list(black_box(&tls_codec_scts)).unwrap())
    });
    // x509-cert's SerializedSct::new consumes each SCT, so every iteration gets freshly
    // decoded SCTs from an untimed setup.
    let octet_string = inputs.sct_list_octet_string();
    group.bench_function("x509_cert", |b| {
        b.iter_batched(
            || x509_cert::decode_owned_scts(octet_string).unwrap(),
            |scts| x509_cert::encode_sct_list(scts).unwrap(),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn ecdsa_decode(c: &mut Criterion) {
    let inputs = Inputs::load();
    let signature = inputs.ecdsa_signature();
    let mut group = c.benchmark_group("ecdsa_sig_value_decode");
    group.bench_function("handwritten", |b| {
        b.iter(|| handwritten::decode_ecdsa_sig_value(black_box(signature)).unwrap())
    });
    group.bench_function("rfcodec", |b| {
        b.iter(|| rfcodec::decode_ecdsa(black_box(signature)).unwrap())
    });
    group.bench_function("der", |b| {
        b.iter(|| x509_cert::decode_ecdsa(black_box(signature)).unwrap())
    });
    group.bench_function("asn1", |b| {
        b.iter(|| asn1::decode_ecdsa(black_box(signature)).unwrap())
    });
    group.bench_function("x509_parser", |b| {
        b.iter(|| x509_parser::decode_ecdsa(black_box(signature)).unwrap())
    });
    group.finish();
}

fn certificate_decode(c: &mut Criterion) {
    let inputs = Inputs::load();
    let certificate = inputs.certificate.as_slice();
    let mut group = c.benchmark_group("certificate_decode");
    group.bench_function("handwritten", |b| {
        b.iter(|| handwritten::decode_certificate(black_box(certificate)).unwrap())
    });
    group.bench_function("rfcodec", |b| {
        b.iter(|| rfcodec::decode_certificate(black_box(certificate)).unwrap())
    });
    group.bench_function("x509_cert", |b| {
        b.iter(|| x509_cert::decode_certificate(black_box(certificate)).unwrap())
    });
    group.bench_function("asn1", |b| {
        b.iter(|| asn1::decode_certificate(black_box(certificate)).unwrap())
    });
    group.bench_function("x509_parser", |b| {
        b.iter(|| x509_parser::decode_certificate(black_box(certificate)).unwrap())
    });
    group.finish();
}

fn certificate_to_signatures(c: &mut Criterion) {
    let inputs = Inputs::load();
    let certificate = inputs.certificate.as_slice();
    let mut group = c.benchmark_group("certificate_to_r_and_s");
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            handwritten::certificate_signatures(black_box(certificate), |signature| {
                _ = black_box(signature)
            })
        })
    });
    group.bench_function("rfcodec", |b| {
        b.iter(|| {
            rfcodec::certificate_signatures(black_box(certificate), |signature| {
                _ = black_box(signature)
            })
        })
    });
    group.bench_function("x509_cert", |b| {
        b.iter(|| {
            x509_cert::certificate_signatures(black_box(certificate), |signature| {
                _ = black_box(signature)
            })
        })
    });
    group.bench_function("asn1", |b| {
        b.iter(|| {
            asn1::certificate_signatures(black_box(certificate), |signature| {
                _ = black_box(signature)
            })
            .is_ok()
        })
    });
    group.bench_function("x509_parser", |b| {
        b.iter(|| {
            x509_parser::certificate_signatures(black_box(certificate), |signature| {
                _ = black_box(signature)
            })
        })
    });
    group.finish();
}

/// Decodes every certificate of tests/data/certs, counting the ones that decode, so an
/// implementation that rejects some still does the same work as in the tests.
fn every_certificate_decode(c: &mut Criterion) {
    let inputs = Inputs::load();
    let certificates: Vec<&[u8]> = inputs
        .certificates
        .iter()
        .map(|(_, bytes)| &bytes[..])
        .collect();
    let mut group = c.benchmark_group("every_certificate_decode");
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            count_ok(&certificates, |bytes| {
                handwritten::decode_certificate(bytes).is_ok()
            })
        })
    });
    group.bench_function("rfcodec", |b| {
        b.iter(|| {
            count_ok(&certificates, |bytes| {
                rfcodec::decode_certificate(bytes).is_ok()
            })
        })
    });
    group.bench_function("x509_cert", |b| {
        b.iter(|| {
            count_ok(&certificates, |bytes| {
                x509_cert::decode_certificate(bytes).is_ok()
            })
        })
    });
    group.bench_function("asn1", |b| {
        b.iter(|| {
            count_ok(&certificates, |bytes| {
                asn1::decode_certificate(bytes).is_ok()
            })
        })
    });
    group.bench_function("x509_parser", |b| {
        b.iter(|| {
            count_ok(&certificates, |bytes| {
                x509_parser::decode_certificate(bytes).is_ok()
            })
        })
    });
    group.finish();
}

fn count_ok(certificates: &[&[u8]], mut decode: impl FnMut(&[u8]) -> bool) -> usize {
    certificates
        .iter()
        .filter(|bytes| decode(black_box(bytes)))
        .count()
}

fn schema(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(name)
}

fn code_generation(c: &mut Criterion) {
    let options = TlsOptions::default();
    let tls = [schema("rfc8446.tls")];
    let asn1 = [
        schema("rfc5280-explicit.asn"),
        schema("rfc5280-implicit.asn"),
    ];
    let mut group = c.benchmark_group("code_generation");
    group.sample_size(10);
    group.bench_function("rfc8446_tls", |b| {
        b.iter(|| generate_files(black_box(&tls), &options).unwrap())
    });
    group.bench_function("rfc5280_modules", |b| {
        b.iter(|| generate_files(black_box(&asn1), &options).unwrap())
    });
    group.finish();
}

criterion_group!(
    benches,
    sct_list_decode,
    sct_list_encode,
    ecdsa_decode,
    certificate_decode,
    certificate_to_signatures,
    every_certificate_decode,
    code_generation
);
criterion_main!(benches);
