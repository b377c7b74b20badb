//! tls! with a `select` naming a selector that no earlier field of the struct defines.

rfcodec::tls!(
    r#"
enum { x509_entry(0), precert_entry(1), (65535) } LogEntryType;

struct {
    select (entry_type) {
        case x509_entry: opaque certificate<1..2^24-1>;
        case precert_entry: opaque pre_certificate<1..2^24-1>;
    } entry;
} LogEntry;
"#
);

fn main() {}
