//! ASN.1 module front end (X.680).
