//! Prints the annotated dump of a DER certificate given as the first argument.

fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE");
    let input = std::fs::read(path).expect("readable file");
    let schemas = rfcodec_interpreter::Schemas::bundled();
    let ty = schemas.certificate().expect("Certificate type");
    let decoded = rfcodec_interpreter::decode(&schemas, ty, &input);
    print!("{}", rfcodec_interpreter::to_text(&decoded, &input));
}
