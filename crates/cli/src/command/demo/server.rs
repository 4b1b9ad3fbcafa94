//! The demo's own server: the real API and workers in this process, on a
//! loopback port the system picks, over a SQLite database that is removed at
//! the end unless the caller chose where it lives.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use docreview_client::{Client, Credentials};
use docreview_engine::{Engine, Judges, ParserCommand, Sandbox};
use docreview_server::{AppState, Settings};
use docreview_store::Store;
use tokio::net::TcpListener;
use tokio::sync::{Notify, oneshot};
use tokio::task::JoinHandle;

use crate::command::output::print_line;

/// How often an idle worker looks for work: the demo's jobs are queued in this
/// process, which wakes the workers at once, so this only bounds a missed wake-up.
const POLL_MS: u64 = 100;

/// A running server, and a client of it acting as the demo's app.
#[derive(Debug)]
pub struct DemoServer {
    client: Client,
    address: String,
    shutdown: oneshot::Sender<()>,
    serving: JoinHandle<std::io::Result<()>>,
    engine: Engine,
    store: Store,
    /// Removed when dropped, after the store is closed.
    temporary: Option<tempfile::TempDir>,
}

impl DemoServer {
    /// Opens (creates) the database, makes an app for the demo, binds
    /// 127.0.0.1 on a free port, and starts the workers and the API.
    pub async fn start(data_dir: Option<PathBuf>) -> anyhow::Result<Self> {
        let temporary = match data_dir {
            Some(_) => None,
            None => Some(
                tempfile::Builder::new()
                    .prefix("docreview-demo-")
                    .tempdir()
                    .context("creating a temporary directory for the database")?,
            ),
        };
        let mut settings = Settings::default();
        if let Some(dir) = data_dir.or_else(|| temporary.as_ref().map(|dir| dir.path().to_owned())) {
            settings.data_dir = dir;
        }
        settings.engine.poll_ms = POLL_MS;
        let kind = if temporary.is_some() { "a fresh SQLite database" } else { "the SQLite database" };
        print_line(&format!("Starting a docreview server with {kind} in {}…", settings.data_dir.display()))?;
        let store = docreview_server::serve::open_store(&settings).await?;
        let (_, credentials) = store.create_app("docreview demo", None).await.context("creating the demo's app")?;
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.context("binding a loopback port")?;
        let address = format!("http://{}", listener.local_addr().context("reading the bound address")?);
        let credentials = Credentials { app_id: credentials.app_id, secret_code: credentials.secret_code };
        let client = Client::new(&address, &credentials)?;

        // This executable is docreview: it parses the uploads as its own child.
        let parser = ParserCommand::current_exe().context("finding this executable, which parses the uploads")?;
        let sandbox = Arc::new(Sandbox::new(parser, settings.limits.parse()));
        let jobs = Arc::new(Notify::new());
        let state = AppState::new(store.clone(), &settings, jobs.clone(), sandbox.clone())?;
        let callbacks = docreview_server::serve::callbacks(&settings, &state);
        let engine =
            Engine::start(store.clone(), &settings.engine, &Arc::new(Judges::default()), &sandbox, &callbacks, &jobs);
        let (shutdown, stopped) = oneshot::channel::<()>();
        let serving = tokio::spawn(async move {
            let router = docreview_server::router(state);
            axum::serve(docreview_server::transport::EnvelopeListener::new(listener), router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        Ok(Self { client, address, shutdown, serving, engine, store, temporary })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    /// Stops accepting, lets requests in flight finish, stops the workers,
    /// closes the database, and removes it if it was temporary.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(());
        let served = self.serving.await;
        self.engine.shutdown().await;
        self.store.close().await;
        if let Some(temporary) = self.temporary {
            let path = temporary.path().display().to_string();
            temporary.close().with_context(|| format!("removing the demo's database in {path}"))?;
        }
        served.context("the server task ended abnormally")?.context("serving HTTP")
    }
}
