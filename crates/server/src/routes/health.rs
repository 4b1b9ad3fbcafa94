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
