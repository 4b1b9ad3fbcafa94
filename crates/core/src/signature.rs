//! The DocFlow request signature (`x-ti-timestamp` + `x-ti-signature`).
//!
//! ```text
//! signing_key    = HMAC-SHA256(key = secret_code, msg = timestamp)
//! string_to_sign = METHOD \n PATH \n SORTED_QUERY \n hex(sha256(body))
//! signature      = hex(HMAC-SHA256(key = signing_key, msg = string_to_sign))
//! ```
//! SORTED_QUERY is the decoded `k=v` pairs sorted by key and joined with `&`.

use hmac::{Hmac, Mac};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::credentials::SecretHash;

type HmacSha256 = Hmac<Sha256>;

/// How far a signed request's timestamp may be from the server's clock.
pub const MAX_CLOCK_SKEW_SECS: i64 = 300;

/// The canonical request text that is signed.
pub fn string_to_sign(method: &str, path: &str, raw_query: &str, body: &[u8]) -> String {
    let mut hash = BodyHash::default();
    hash.update(body);
    hash.string_to_sign(method, path, raw_query)
}

/// The SHA-256 of a request body, fed chunk by chunk as the body arrives, so
/// a large signed upload is hashed without a second pass over it.
#[derive(Debug, Clone, Default)]
pub struct BodyHash(Sha256);

impl BodyHash {
    pub fn update(&mut self, chunk: &[u8]) {
        self.0.update(chunk);
    }

    /// The canonical request text of a body hashed so far.
    pub fn string_to_sign(self, method: &str, path: &str, raw_query: &str) -> String {
        format!(
            "{}\n{}\n{}\n{}",
            method.to_ascii_uppercase(),
            path,
            sorted_query(raw_query),
            hex::encode(self.0.finalize())
        )
    }
}

/// Decodes a raw query string and re-joins its pairs sorted by key (stable for
/// repeated keys), with values not URL-encoded.
pub fn sorted_query(raw_query: &str) -> String {
    let mut pairs: Vec<(String, String)> = raw_query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(key), decode_component(value))
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

fn decode_component(text: &str) -> String {
    percent_decode_str(&text.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// Signs with the raw secret: what a client computes.
pub fn sign(secret_code: &str, timestamp: &str, string_to_sign: &str) -> String {
    hex::encode(signature_bytes(secret_code.as_bytes(), timestamp, string_to_sign))
}

/// Checks a client's signature against the stored secret hash, in constant time.
///
/// The hash stands in for the secret as the HMAC key; see [`crate::credentials`].
pub fn verify(stored: &SecretHash, timestamp: &str, string_to_sign: &str, signature: &str) -> bool {
    let Ok(provided) = hex::decode(signature.trim()) else {
        return false;
    };
    let expected = signature_bytes(&stored.0, timestamp, string_to_sign);
    provided.len() == expected.len() && bool::from(provided.ct_eq(&expected))
}

/// Whether a signed request's timestamp is within the accepted clock skew of `now`.
pub fn timestamp_is_fresh(timestamp: &str, now_secs: i64) -> bool {
    timestamp.trim().parse::<i64>().is_ok_and(|ts| (now_secs - ts).abs() <= MAX_CLOCK_SKEW_SECS)
}

fn signature_bytes(key: &[u8], timestamp: &str, string_to_sign: &str) -> Vec<u8> {
    let signing_key = hmac(key, timestamp.as_bytes());
    hmac(&signing_key, string_to_sign.as_bytes())
}

fn hmac(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::NewCredentials;

    #[test]
    fn query_pairs_are_decoded_and_sorted_by_key() {
        assert_eq!(
            sorted_query("workspace_id=7&category=%E5%8F%91%E7%A5%A8&a=x+y"),
            "a=x y&category=发票&workspace_id=7"
        );
        assert_eq!(sorted_query(""), "");
    }

    #[test]
    fn the_string_to_sign_has_four_lines_ending_with_the_body_hash() {
        let text = string_to_sign("post", "/api/x", "", b"");
        assert_eq!(text, "POST\n/api/x\n\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    #[test]
    fn a_signature_made_with_the_secret_verifies_against_its_stored_hash() {
        let credentials = NewCredentials::generate();
        let text = string_to_sign("GET", "/api/app-api/sip/platform/v2/workspace/list", "page=1", b"");
        let signature = sign(&credentials.secret_code, "1700000000", &text);
        let stored = credentials.secret_hash();
        assert!(verify(&stored, "1700000000", &text, &signature));
        assert!(!verify(&stored, "1700000001", &text, &signature));
        assert!(!verify(&stored, "1700000000", &text, "00"));
        assert!(!verify(&stored, "1700000000", &text, "not hex"));
    }

    #[test]
    fn timestamps_more_than_five_minutes_away_are_stale() {
        assert!(timestamp_is_fresh("1000", 1300));
        assert!(timestamp_is_fresh("1300", 1000));
        assert!(!timestamp_is_fresh("1000", 1301));
        assert!(!timestamp_is_fresh("soon", 1000));
    }
}
