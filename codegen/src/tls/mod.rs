//! TLS presentation language front end (RFC 8446 section 3, RFC 5246 section 4).
