//! TLS for `https://` servers: rustls with the `ring` provider, which builds in
//! seconds where the default provider's C build takes most of a minute.
//! reqwest (built with `rustls-no-provider`) needs a process-wide provider
//! installed before its first client is built.

/// Installs the `ring` provider unless one is installed already; cheap and
/// safe to call before every client is built.
pub(crate) fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another thread installing it is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
