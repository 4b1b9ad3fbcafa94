//! Callbacks: the events a workspace's `callback_url` receives when a task
//! reaches a final status, and how they are signed.
//!
//! Each event is a JSON object POSTed with the header
//! `x-docreview-signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, where the
//! HMAC is keyed with the workspace's `callback_secret` (shown by
//! `workspace/get`) over `"<t>.<body>"` — the scheme Stripe's webhooks use,
//! so a receiver checks the timestamp's age and the HMAC, and nothing else.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the signature.
pub const SIGNATURE_HEADER: &str = "x-docreview-signature";

/// An extraction task reached a final status (succeeded, failed, classified).
pub const EXTRACTION_FINISHED: &str = "extraction.finished";
/// A review task reached a final status (passed, not passed, error, or
/// recognition failed).
pub const REVIEW_FINISHED: &str = "review.finished";

/// The value of [`SIGNATURE_HEADER`] for `body` sent at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", hex::encode(mac(secret, timestamp, body)))
}

/// Whether `header` signs `body` with `secret` (its timestamp's age is the
/// receiver's to judge).
pub fn verify(secret: &str, header: &str, body: &[u8]) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.extend(hex::decode(value).ok()),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else { return false };
    signatures.iter().any(|signature| {
        let mut expected = keyed(secret);
        expected.update(&signed_text(timestamp, body));
        expected.verify_slice(signature).is_ok()
    })
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Vec<u8> {
    let mut mac = keyed(secret);
    mac.update(&signed_text(timestamp, body));
    mac.finalize().into_bytes().to_vec()
}

fn keyed(secret: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap_or_else(|_| unreachable!())
}

fn signed_text(timestamp: i64, body: &[u8]) -> Vec<u8> {
    let mut text = format!("{timestamp}.").into_bytes();
    text.extend_from_slice(body);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_with_its_secret_and_body_only() {
        let body = br#"{"event":"review.finished"}"#;
        let header = signature("s3cret", 1_780_000_000, body);
        assert!(header.starts_with("t=1780000000,v1="), "{header}");
        assert!(verify("s3cret", &header, body));
        assert!(!verify("other", &header, body));
        assert!(!verify("s3cret", &header, b"{}"));
        assert!(!verify("s3cret", &header.replace("t=1780000000", "t=1780000001"), body));
        assert!(!verify("s3cret", "v1=00", body));
    }
}
