//! `review/rule/create`, `update`, `delete`.

use axum::extract::State;
use docreview_core::rules::{NewRule, RuleDeletion, RulePatch};
use docreview_wire::envelope::Ack;
use docreview_wire::rule::{CreateRuleRequest, DeleteRuleRequest, RuleCreated, UpdateRuleRequest};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::blocking::off_the_runtime;
use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create)).routes(routes!(update)).routes(routes!(delete))
}

/// Creates a rule in a group of a repository.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule/create", tag = "review rules",
    request_body = CreateRuleRequest, responses((status = 200, body = Envelope<RuleCreated>)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<CreateRuleRequest>,
) -> ApiResult<RuleCreated> {
    let limits = state.limits.expression();
    let rule = off_the_runtime(move || NewRule::parse(body, &limits)).await??;
    let id = state.store.create_rule(&caller, &rule).await?;
    ok(RuleCreated { rule_id: Id(id) })
}

/// Changes the fields present in the body; an empty list clears.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule/update", tag = "review rules",
    request_body = UpdateRuleRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<UpdateRuleRequest>,
) -> ApiResult<Ack> {
    let limits = state.limits.expression();
    let patch = off_the_runtime(move || RulePatch::parse(body, &limits)).await??;
    state.store.update_rule(&caller, &patch).await?;
    ack()
}

/// Deletes a rule.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule/delete", tag = "review rules",
    request_body = DeleteRuleRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteRuleRequest>,
) -> ApiResult<Ack> {
    state.store.delete_rule(&caller, &RuleDeletion::try_from(body)?).await?;
    ack()
}
