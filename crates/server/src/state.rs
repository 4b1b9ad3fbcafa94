//! The handles every handler shares.

use std::sync::Arc;

use anyhow::Context;
use docreview_engine::{ModelSettings, Outbound, Sandbox};
use docreview_store::Store;
use tokio::sync::Notify;

use crate::settings::{Limits, Settings};

/// Cheap to clone: the store is a pool handle, the rest shared.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Store,
    /// Request, upload and expression limits (`[limits]`).
    pub limits: Arc<Limits>,
    /// Downloads of uploads by URL, kept off internal addresses (`[fetch]`).
    pub outbound: Outbound,
    /// Notified when work is queued, so idle workers of this process start at once.
    pub jobs: Arc<Notify>,
    /// The configured models (`[[models]]`), to report the one a task uses.
    pub models: Arc<Vec<ModelSettings>>,
    /// The parsing child, which also draws page images of uploads.
    pub sandbox: Arc<Sandbox>,
}

impl AppState {
    /// The state of a server with `settings`, drawing pages in children of
    /// `sandbox`; fails on a `fetch.allow` entry it cannot read.
    pub fn new(store: Store, settings: &Settings, jobs: Arc<Notify>, sandbox: Arc<Sandbox>) -> anyhow::Result<Self> {
        let outbound = Outbound::new(&settings.fetch).map_err(anyhow::Error::msg).context("reading [fetch]")?;
        Ok(Self {
            store,
            limits: Arc::new(settings.limits.clone()),
            outbound,
            jobs,
            models: Arc::new(settings.models.clone()),
            sandbox,
        })
    }
}
