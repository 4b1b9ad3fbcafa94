//! Requests this server makes on a tenant's behalf to a URL the tenant chose
//! (uploads by URL; later, callbacks). A tenant must not be able to use them
//! to read or poke what only the server can reach, so every request:
//!
//! - goes only to `http`/`https` URLs without credentials in them;
//! - resolves the host once, refuses internal addresses ([`address`]) unless
//!   `fetch.allow` lists them ([`allow`]), and connects to exactly the
//!   addresses it checked (no second DNS lookup that could answer otherwise);
//! - follows at most [`MAX_REDIRECTS`] redirects, checking each like the first;
//! - never uses a proxy from the environment, and is bounded in time and size.

mod address;
mod allow;
mod fetch;

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use address::internal_kind;
pub use allow::AllowList;
pub use fetch::{FetchError, Fetched, MAX_REDIRECTS, Outbound};

/// The `[fetch]` section of `docreview.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FetchSettings {
    /// Hosts (`docs.intranet`), addresses (`10.0.0.5`) and networks
    /// (`10.0.0.0/8`) fetched from although they are internal.
    pub allow: Vec<String>,
    /// How long one fetch may take, redirects and download included.
    pub timeout_ms: u64,
}

impl Default for FetchSettings {
    fn default() -> Self {
        Self { allow: Vec::new(), timeout_ms: 30_000 }
    }
}

impl FetchSettings {
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms.max(1))
    }
}
