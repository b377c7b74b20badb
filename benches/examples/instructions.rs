//! Runs one benchmark operation many times, for counting instructions under callgrind,
//! which gives the same count on every run however busy the machine is:
//!
//! ```sh
//! cargo build --release -p rfcodec-benches --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
//!     target/release/examples/instructions ecdsa rfcodec 10000
//! callgrind_annotate --inclusive=yes /tmp/cg.out | grep run_operation
//! ```
//!
//! The inclusive count of `run_operation` divided by the iteration count is the cost of
//! one operation.

use std::hint::black_box;

use rfcodec_benches::Inputs;
use rfcodec_benches::handwritten;
use rfcodec_benches::implementations::rfcodec;

const USAGE: &str = "usage: instructions sct-decode|sct-encode|ecdsa|certificate|r-and-s|every \
                     handwritten|rfcodec ITERATIONS";

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [operation, implementation, iterations] = &arguments[..] else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };
    let Ok(iterations) = iterations.parse::<u64>() else {
        eprintln!("{USAGE}");
        std::process::exit(2);
    };

    let inputs = Inputs::load();
    let handwritten = implementation == "handwritten";
    if !handwritten && implementation != "rfcodec" {
        eprintln!("{USAGE}");
        std::process::exit(2);
    }

    let mut handwritten_scts = Vec::new();
    handwritten::decode_sct_list(inputs.sct_list(), |sct| handwritten_scts.push(*sct)).unwrap();
    let mut rfcodec_scts = Vec::new();
    rfcodec::decode_sct_list(inputs.sct_list(), |sct| rfcodec_scts.push(sct.clone())).unwrap();

    let operation: Box<dyn Fn()> = match (operation.as_str(), handwritten) {
        ("sct-decode", true) => Box::new(|| {
            handwritten::decode_sct_list(black_box(inputs.sct_list()), |sct| _ = black_box(sct))
                .unwrap()
        }),
        ("sct-decode", false) => Box::new(|| {
            rfcodec::decode_sct_list(black_box(inputs.sct_list()), |sct| _ = black_box(sct))
                .unwrap()
        }),
        ("sct-encode", true) => Box::new(|| {
            black_box(handwritten::encode_sct_list(black_box(&handwritten_scts)).unwrap());
        }),
        ("sct-encode", false) => Box::new(|| {
            black_box(rfcodec::encode_sct_list(black_box(&rfcodec_scts)).unwrap());
        }),
        ("ecdsa", true) => Box::new(|| {
            black_box(handwritten::decode_ecdsa_sig_value(black_box(
                inputs.ecdsa_signature(),
            )))
            .unwrap();
        }),
        ("ecdsa", false) => Box::new(|| {
            black_box(rfcodec::decode_ecdsa(black_box(inputs.ecdsa_signature()))).unwrap();
        }),
        ("certificate", true) => Box::new(|| {
            black_box(handwritten::decode_certificate(black_box(
                &inputs.certificate,
            )))
            .unwrap();
        }),
        ("certificate", false) => Box::new(|| {
            black_box(rfcodec::decode_certificate(black_box(&inputs.certificate))).unwrap();
        }),
        ("r-and-s", true) => Box::new(|| {
            handwritten::certificate_signatures(black_box(&inputs.certificate), |signature| {
                _ = black_box(signature)
            })
            .unwrap()
        }),
        ("r-and-s", false) => Box::new(|| {
            rfcodec::certificate_signatures(black_box(&inputs.certificate), |signature| {
                _ = black_box(signature)
            })
            .unwrap()
        }),
        ("every", true) => Box::new(|| {
            for (_, bytes) in &inputs.certificates {
                black_box(handwritten::decode_certificate(black_box(bytes)).is_ok());
            }
        }),
        ("every", false) => Box::new(|| {
            for (_, bytes) in &inputs.certificates {
                black_box(rfcodec::decode_certificate(black_box(bytes)).is_ok());
            }
        }),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };

    run_operation(&*operation, iterations);
}

#[inline(never)]
fn run_operation(operation: &dyn Fn(), iterations: u64) {
    for _ in 0..iterations {
        operation();
    }
}
