//! `GET /livez`: the process answers, a constant (a liveness probe must not
//! fail, and get the process restarted, because the database is down).
//! `GET /healthz`: the process is up and the database answers.

use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::respond::{ApiResult, ok};
use crate::state::AppState;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// "ok".
    pub status: &'static str,
    /// "sqlite" or "postgres".
    pub database: &'static str,
}

/// The process is up.
#[derive(Debug, Serialize, ToSchema)]
pub struct Liveness {
    /// "ok".
    pub status: &'static str,
}

/// Liveness alone, without touching the database; no credentials needed.
#[utoipa::path(get, path = "/livez", tag = "service", security(()),
    responses((status = 200, body = docreview_wire::Envelope<Liveness>)))]
pub async fn livez() -> ApiResult<Liveness> {
    ok(Liveness { status: "ok" })
}

/// Liveness and database reachability; no credentials needed.
#[utoipa::path(get, path = "/healthz", tag = "service", security(()),
    responses((status = 200, body = docreview_wire::Envelope<Health>)))]
pub async fn healthz(State(state): State<AppState>) -> ApiResult<Health> {
    state.store.ping().await?;
    let database = match state.store.backend() {
        docreview_store::Backend::Sqlite => "sqlite",
        docreview_store::Backend::Postgres => "postgres",
    };
    ok(Health { status: "ok", database })
}
