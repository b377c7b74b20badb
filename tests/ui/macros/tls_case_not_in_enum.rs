//! tls! with a `case` label that is not a member of the selector's enum.

rfcodec::tls!(
    r#"
enum { x509_entry(0), precert_entry(1), (65535) } LogEntryType;

struct {
    LogEntryType entry_type;
    select (entry_type) {
        case x509_entry: opaque certificate<1..2^24-1>;
        case precertificate_entry: opaque pre_certificate<1..2^24-1>;
    } entry;
} LogEntry;
"#
);

fn main() {}
