//! Running the server: open the database, make first-start credentials, bind,
//! serve until a shutdown signal, drain, close.

use std::future::Future;
use std::io::Write;

use std::sync::Arc;

use anyhow::Context;
use docreview_engine::{Callbacks, Engine, Judges, ParserCommand, Sandbox};
use docreview_store::Store;
use tokio::net::TcpListener;
use tokio::sync::Notify;

use crate::settings::Settings;
use crate::state::AppState;
use crate::transport::EnvelopeListener;

/// Opens the database the settings name: `database_url`, else the SQLite file
/// in `data_dir` (created if missing). Migrations are applied.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    match &settings.database_url {
        Some(url) => Store::open(&url.0).await.with_context(|| format!("opening database {url:?}")),
        None => {
            std::fs::create_dir_all(&settings.data_dir)
                .with_context(|| format!("creating data directory {}", settings.data_dir.display()))?;
            Store::open_data_dir(&settings.data_dir)
                .await
                .with_context(|| format!("opening the database in {}", settings.data_dir.display()))
        }
    }
}

/// `docreview serve`: runs until Ctrl-C or SIGTERM.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let judges = Arc::new(
        Judges::new(&settings.models, settings.limits.expression())
            .context("reading [[models]] in the configuration")?,
    );
    let parser = ParserCommand::current_exe().context("finding this executable, which parses uploads as a child")?;
    let sandbox = Arc::new(Sandbox::new(parser, settings.limits.parse()));
    let store = open_store(&settings).await?;
    if let Some((caller, credentials)) = store.create_first_app("default").await? {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "docreview: the database had no app, so one was created. Its secret is shown only this once:\n  \
             app_id:        {}\n  secret_code:   {}\n  enterprise_id: {}",
            credentials.app_id, credentials.secret_code, caller.enterprise_id
        )?;
    }
    let jobs = Arc::new(Notify::new());
    let state = AppState::new(store.clone(), &settings, jobs.clone(), sandbox.clone())?;
    let listener = TcpListener::bind(settings.listen).await.with_context(|| format!("binding {}", settings.listen))?;
    let engine =
        Engine::start(store.clone(), &settings.engine, &judges, &sandbox, &callbacks(&settings, &state), &jobs);
    serve(listener, state, crate::shutdown::signal()).await?;
    engine.shutdown().await;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// How callbacks are sent: through the server's outbound client (under
/// `[fetch]`), with the engine's backoff.
pub fn callbacks(settings: &Settings, state: &AppState) -> Arc<Callbacks> {
    let backoff = std::time::Duration::from_millis(settings.engine.callback_backoff_ms);
    Arc::new(Callbacks::new(state.outbound.clone(), backoff))
}

/// Serves on an already bound listener until `shutdown` resolves, then lets
/// in-flight requests finish. Prints the address on standard output first, so
/// scripts that bind port 0 can read it.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let address = listener.local_addr().context("reading the bound address")?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "docreview listening on http://{address}")?;
        out.flush()?;
    }
    tracing::info!(%address, "listening");
    axum::serve(EnvelopeListener::new(listener), crate::router(state))
        .with_graceful_shutdown(shutdown)
        .await
        .context("serving HTTP")
}
