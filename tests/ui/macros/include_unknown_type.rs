//! A mistake in a schema file is reported on the path literal of that file, with the
//! file's line and column. trybuild builds this case in target/tests/trybuild/<package>,
//! so the path climbs back to this folder.

rfcodec::include_schema!(
    "../../../../tests/ui/macros/good.tls",
    "../../../../tests/ui/macros/unknown_type.tls"
);

fn main() {}
