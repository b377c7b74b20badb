//! Counts heap allocations for one call of each benchmarked operation with a counting
//! global allocator. `cargo test --release -p rfcodec-benches --test allocations --
//! --nocapture` prints the table that BENCHMARKS.md records.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::path::PathBuf;

use rfcodec_benches::implementations::{asn1, rfcodec, tls_codec, x509_cert, x509_parser};
use rfcodec_benches::{Inputs, handwritten};

struct CountingAllocator;

thread_local! {
    // Per thread, so tests running in parallel do not count each other's allocations.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call forwards to the system allocator unchanged. The count is a
// thread-local `Cell` with a const initializer, which never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Returns the allocations and reallocations that one call of `operation` makes.
fn count(operation: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    operation();
    ALLOCATIONS.with(Cell::get) - before
}

/// One row per operation and implementation: (operation, implementation, allocations).
fn measure() -> Vec<(&'static str, &'static str, usize)> {
    let inputs = Inputs::load();
    let list = inputs.sct_list();
    let octet_string = inputs.sct_list_octet_string();
    let signature = inputs.ecdsa_signature();
    let certificate = inputs.certificate.as_slice();
    let certificates: Vec<&[u8]> = inputs
        .certificates
        .iter()
        .map(|(_, bytes)| &bytes[..])
        .collect();
    let mut rows = Vec::new();

    let operation = "SCT list decode";
    rows.push((
        operation,
        "handwritten",
        count(|| handwritten::decode_sct_list(list, |sct| _ = black_box(sct)).unwrap()),
    ));
    rows.push((
        operation,
        "rfcodec",
        count(|| rfcodec::decode_sct_list(list, |sct| _ = black_box(sct)).unwrap()),
    ));
    rows.push((
        operation,
        "tls_codec",
        count(|| tls_codec::decode_sct_list(list, |sct| _ = black_box(sct)).unwrap()),
    ));
    rows.push((
        operation,
        "x509-cert",
        count(|| x509_cert::decode_sct_list(octet_string, |sct| _ = black_box(sct)).unwrap()),
    ));
    rows.push((
        operation,
        "x509-parser",
        count(|| x509_parser::decode_sct_list(octet_string, |sct| _ = black_box(sct)).unwrap()),
    ));

    let operation = "SCT list encode";
    let mut scts = Vec::new();
    handwritten::decode_sct_list(list, |sct| scts.push(*sct)).unwrap();
    rows.push((
        operation,
        "handwritten",
        count(|| {
            black_box(handwritten::encode_sct_list(&scts).unwrap());
        }),
    ));
    let mut scts = Vec::new();
    rfcodec::decode_sct_list(list, |sct| scts.push(sct.clone())).unwrap();
    rows.push((
        operation,
        "rfcodec",
        count(|| {
            black_box(rfcodec::encode_sct_list(&scts).unwrap());
        }),
    ));
    let mut scts = Vec::new();
    tls_codec::decode_sct_list(list, |sct| scts.push(sct.clone())).unwrap();
    rows.push((
        operation,
        "tls_codec",
        count(|| {
            black_box(tls_codec::encode_sct_list(&scts).unwrap());
        }),
    ));
    let scts = x509_cert::decode_owned_scts(octet_string).unwrap();
    rows.push((
        operation,
        "x509-cert",
        count(|| {
            black_box(x509_cert::encode_sct_list(scts).unwrap());
        }),
    ));

    let operation = "Ecdsa-Sig-Value decode";
    rows.push((
        operation,
        "handwritten",
        count(|| {
            black_box(handwritten::decode_ecdsa_sig_value(signature).unwrap());
        }),
    ));
    rows.push((
        operation,
        "rfcodec",
        count(|| {
            black_box(rfcodec::decode_ecdsa(signature).unwrap());
        }),
    ));
    rows.push((
        operation,
        "der",
        count(|| {
            black_box(x509_cert::decode_ecdsa(signature).unwrap());
        }),
    ));
    rows.push((
        operation,
        "asn1",
        count(|| {
            black_box(asn1::decode_ecdsa(signature).unwrap());
        }),
    ));
    rows.push((
        operation,
        "x509-parser",
        count(|| {
            black_box(x509_parser::decode_ecdsa(signature).unwrap());
        }),
    ));

    let operation = "certificate decode";
    rows.push((
        operation,
        "handwritten",
        count(|| {
            black_box(handwritten::decode_certificate(certificate).unwrap());
        }),
    ));
    rows.push((
        operation,
        "rfcodec",
        count(|| {
            black_box(rfcodec::decode_certificate(certificate).unwrap());
        }),
    ));
    rows.push((
        operation,
        "x509-cert",
        count(|| {
            black_box(x509_cert::decode_certificate(certificate).unwrap());
        }),
    ));
    rows.push((
        operation,
        "asn1",
        count(|| {
            black_box(asn1::decode_certificate(certificate).unwrap());
        }),
    ));
    rows.push((
        operation,
        "x509-parser",
        count(|| {
            black_box(x509_parser::decode_certificate(certificate).unwrap());
        }),
    ));

    let operation = "certificate to r and s";
    rows.push((
        operation,
        "handwritten",
        count(|| {
            handwritten::certificate_signatures(certificate, |value| _ = black_box(value)).unwrap()
        }),
    ));
    rows.push((
        operation,
        "rfcodec",
        count(|| {
            rfcodec::certificate_signatures(certificate, |value| _ = black_box(value)).unwrap()
        }),
    ));
    rows.push((
        operation,
        "x509-cert",
        count(|| {
            x509_cert::certificate_signatures(certificate, |value| _ = black_box(value)).unwrap()
        }),
    ));
    rows.push((
        operation,
        "asn1",
        count(|| asn1::certificate_signatures(certificate, |value| _ = black_box(value)).unwrap()),
    ));
    rows.push((
        operation,
        "x509-parser",
        count(|| {
            x509_parser::certificate_signatures(certificate, |value| _ = black_box(value)).unwrap()
        }),
    ));

    let operation = "every certificate decode";
    let every = |decode: &dyn Fn(&[u8]) -> bool| {
        count(|| {
            black_box(certificates.iter().filter(|bytes| decode(bytes)).count());
        })
    };
    rows.push((
        operation,
        "handwritten",
        every(&|bytes| handwritten::decode_certificate(bytes).is_ok()),
    ));
    rows.push((
        operation,
        "rfcodec",
        every(&|bytes| rfcodec::decode_certificate(bytes).is_ok()),
    ));
    rows.push((
        operation,
        "x509-cert",
        every(&|bytes| x509_cert::decode_certificate(bytes).is_ok()),
    ));
    rows.push((
        operation,
        "asn1",
        every(&|bytes| asn1::decode_certificate(bytes).is_ok()),
    ));
    rows.push((
        operation,
        "x509-parser",
        every(&|bytes| x509_parser::decode_certificate(bytes).is_ok()),
    ));

    let schemas = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let options = rfcodec_codegen::emit::tls::TlsOptions::default();
    let tls = [schemas.join("rfc8446.tls")];
    let asn1_schemas = [
        schemas.join("rfc5280-explicit.asn"),
        schemas.join("rfc5280-implicit.asn"),
    ];
    let generate = rfcodec_codegen::generate::generate_files;
    rows.push((
        "code generation",
        "rfc8446.tls",
        count(|| {
            black_box(generate(&tls, &options).unwrap());
        }),
    ));
    rows.push((
        "code generation",
        "RFC 5280 modules",
        count(|| {
            black_box(generate(&asn1_schemas, &options).unwrap());
        }),
    ));
    rows
}

fn allocations(rows: &[(&str, &str, usize)], operation: &str, implementation: &str) -> usize {
    rows.iter()
        .find(|row| row.0 == operation && row.1 == implementation)
        .map(|row| row.2)
        .unwrap()
}

#[test]
fn allocations_per_operation() {
    // Warm up lazily initialised state (thread-locals, std's I/O) before counting.
    measure();
    let rows = measure();
    for (operation, implementation, count) in &rows {
        println!("| {operation} | {implementation} | {count} |");
    }
    for (file, bytes) in &Inputs::load().certificates {
        let allocations = count(|| {
            black_box(rfcodec::decode_certificate(bytes).unwrap());
        });
        if allocations > 0 {
            println!("rfcodec allocates {allocations} times decoding {file}");
        }
    }

    // The zero-copy decoders allocate nothing; each encoder allocates its output once.
    for operation in [
        "SCT list decode",
        "Ecdsa-Sig-Value decode",
        "certificate decode",
        "certificate to r and s",
    ] {
        assert_eq!(
            allocations(&rows, operation, "handwritten"),
            0,
            "{operation}"
        );
        assert_eq!(allocations(&rows, operation, "rfcodec"), 0, "{operation}");
    }
    assert_eq!(allocations(&rows, "SCT list encode", "handwritten"), 1);
    assert_eq!(allocations(&rows, "SCT list encode", "rfcodec"), 1);
}
