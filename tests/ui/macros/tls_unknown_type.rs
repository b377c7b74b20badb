//! tls! naming a type the snippet does not define (`LogId` for `LogID`).

rfcodec::tls!(
    r#"
struct {
    opaque key_id[32];
} LogID;

struct {
    LogId id;
    uint64 timestamp;
} Entry;
"#
);

fn main() {}
