//! App credentials: the public app id, the secret code, and the hash we store.
//!
//! Secrets are 80 hex characters (40 random bytes) and only their SHA-256 is
//! stored. The length is deliberate: HMAC replaces a key longer than its 64-byte
//! block by the key's SHA-256, so the stored hash *is* the effective HMAC key and
//! the signature scheme ([`crate::signature`]) verifies without the secret. The
//! consequence, accepted here: whoever reads the database can sign requests (but
//! cannot use the simple `x-ti-secret-code` scheme, which needs the secret itself).

use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Number of random bytes in a secret; the hex form must exceed 64 characters.
const SECRET_BYTES: usize = 40;
const APP_ID_BYTES: usize = 16;

/// A freshly created app's credentials, shown to the user once.
#[derive(Clone)]
pub struct NewCredentials {
    pub app_id: String,
    pub secret_code: String,
}

impl std::fmt::Debug for NewCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewCredentials").field("app_id", &self.app_id).field("secret_code", &"[redacted]").finish()
    }
}

impl NewCredentials {
    /// Random credentials from the operating system's generator.
    pub fn generate() -> Self {
        Self { app_id: random_hex(APP_ID_BYTES), secret_code: random_hex(SECRET_BYTES) }
    }

    /// The hash to store for this secret.
    pub fn secret_hash(&self) -> SecretHash {
        SecretHash::of(&self.secret_code)
    }
}

/// SHA-256 of a secret code: what the store keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SecretHash(pub [u8; 32]);

impl std::fmt::Debug for SecretHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretHash([redacted])")
    }
}

impl SecretHash {
    /// The hash of `secret`.
    pub fn of(secret: &str) -> Self {
        Self(Sha256::digest(secret.as_bytes()).into())
    }

    /// Reads the hex form kept in the database.
    pub fn from_hex(text: &str) -> Option<Self> {
        let bytes = hex::decode(text).ok()?;
        bytes.try_into().ok().map(Self)
    }

    /// The hex form kept in the database.
    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    /// Whether `secret` hashes to this value, compared in constant time.
    pub fn matches(&self, secret: &str) -> bool {
        Self::of(secret).0.ct_eq(&self.0).into()
    }
}

/// A new secret a workspace signs its callbacks with: 32 random bytes, hex.
pub fn new_callback_secret() -> String {
    random_hex(32)
}

fn random_hex(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_matches_its_hash_and_nothing_else() {
        let credentials = NewCredentials::generate();
        let hash = credentials.secret_hash();
        assert!(hash.matches(&credentials.secret_code));
        assert!(!hash.matches("wrong"));
        assert_eq!(SecretHash::from_hex(&hash.to_hex()), Some(hash));
    }

    #[test]
    fn secrets_are_longer_than_the_hmac_block_so_the_hash_can_sign() {
        let credentials = NewCredentials::generate();
        assert!(credentials.secret_code.len() > 64);
        assert_eq!(credentials.app_id.len(), 32);
        assert!(!format!("{credentials:?}").contains(&credentials.secret_code));
    }
}
