//! The flags that say which server the client commands call and as which app.
//! Each has an environment variable, so that a shell sets them once.

use anyhow::Context;
use clap::Args;
use docreview_client::{Client, Credentials};

#[derive(Debug, Args)]
pub struct RemoteArgs {
    /// The server to call (http:// only).
    #[arg(long, global = true, env = "DOCREVIEW_SERVER", default_value = "http://127.0.0.1:8080")]
    server: String,
    /// The app to call as (sent as x-ti-app-id).
    #[arg(long, global = true, env = "DOCREVIEW_APP_ID")]
    app_id: Option<String>,
    /// The app's secret code (sent as x-ti-secret-code). Prefer the environment
    /// variable: other users of the machine can read command lines.
    #[arg(long, global = true, env = "DOCREVIEW_SECRET_CODE", hide_env_values = true)]
    secret_code: Option<String>,
}

impl RemoteArgs {
    /// A client of the chosen server with the chosen credentials.
    pub fn client(&self) -> anyhow::Result<Client> {
        let given = |value: &Option<String>| value.clone().filter(|value| !value.trim().is_empty());
        let app_id = given(&self.app_id).context("no app id: pass --app-id or set DOCREVIEW_APP_ID")?;
        let secret_code =
            given(&self.secret_code).context("no secret code: set DOCREVIEW_SECRET_CODE or pass --secret-code")?;
        Ok(Client::new(&self.server, &Credentials { app_id, secret_code })?)
    }
}
