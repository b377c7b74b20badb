//! asn1! reports an X.680 syntax error on the text literal, with line and column.

rfcodec::asn1!(
    r#"
ECDSA-Sig DEFINITIONS ::= BEGIN
  -- RFC 3279 section 2.2.3, with the comma after r missing.
  Ecdsa-Sig-Value  ::=  SEQUENCE  {
       r     INTEGER
       s     INTEGER  }
END
"#
);

fn main() {}
