//! `inspect --issuer FILE --log-key FILE...`: checks the signature of every SCT embedded
//! in the inspected certificate and marks each SCT node of the tree with the result.

use rfcodec_interpreter::{Annotation, Decoded};

use crate::generated::rfc5280_explicit::Certificate;
use crate::inspect::{InspectArgs, read_input};
use crate::verify::{LogKey, SctStatus, verify_embedded_scts};

/// Returns the step that adds `signature_valid` and `signature_status` to each SCT, or
/// `None` when no issuer and log keys were given.
pub fn annotator(args: &InspectArgs) -> Result<Option<impl Fn(&mut Decoded, &[u8])>, String> {
    let Some(issuer_path) = &args.issuer else {
        return Ok(None);
    };
    let issuer = read_input(issuer_path)?;
    <Certificate as rfcodec::der::Decode>::decode(&issuer).map_err(|error| {
        format!(
            "{}: invalid issuer certificate: {error}",
            issuer_path.display()
        )
    })?;
    let mut logs = Vec::new();
    for path in &args.log_keys {
        let key = read_input(path)?;
        let log = LogKey::from_der(&key)
            .map_err(|error| format!("{}: invalid log key: {error}", path.display()))?;
        logs.push(log);
    }
    Ok(Some(move |decoded: &mut Decoded, certificate: &[u8]| {
        let statuses: Vec<Result<SctStatus, String>> =
            match verify_embedded_scts(certificate, &issuer, &logs) {
                Ok(results) => results
                    .into_iter()
                    .map(|result| Ok(result.status))
                    .collect(),
                Err(error) => {
                    eprintln!("error: cannot check SCT signatures: {error}");
                    vec![Err(error.to_string())]
                }
            };
        annotate(decoded, &statuses);
    }))
}

/// Marks the SCT nodes in tree order with the statuses, which come in the same order.
fn annotate(decoded: &mut Decoded, statuses: &[Result<SctStatus, String>]) {
    let Ok(root) = &mut decoded.root else {
        return;
    };
    let mut next = statuses.iter();
    root.walk_mut(&mut |node| {
        if node.type_name != "SignedCertificateTimestamp" || node.name.starts_with('[') {
            return;
        }
        let (valid, status) = match next.next() {
            Some(Ok(status)) => (matches!(status, SctStatus::Valid), status.to_string()),
            Some(Err(error)) => (false, error.clone()),
            None => (false, "not checked".to_string()),
        };
        node.annotations
            .push(("signature_valid".to_string(), Annotation::Bool(valid)));
        node.annotations
            .push(("signature_status".to_string(), Annotation::Text(status)));
    });
}
