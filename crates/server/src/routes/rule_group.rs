//! `review/rule_group/create`, `update`, `delete`.

use axum::extract::State;
use docreview_core::rules::{NewRuleGroup, RuleGroupDeletion, RuleGroupRename};
use docreview_wire::envelope::Ack;
use docreview_wire::rule_group::{
    CreateRuleGroupRequest, DeleteRuleGroupRequest, RuleGroupCreated, UpdateRuleGroupRequest,
};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::{ApiJson, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(create)).routes(routes!(update)).routes(routes!(delete))
}

/// Creates a group in a repository.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule_group/create", tag = "review rules",
    request_body = CreateRuleGroupRequest, responses((status = 200, body = Envelope<RuleGroupCreated>)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<CreateRuleGroupRequest>,
) -> ApiResult<RuleGroupCreated> {
    let id = state.store.create_rule_group(&caller, &NewRuleGroup::try_from(body)?).await?;
    ok(RuleGroupCreated { group_id: Id(id) })
}

/// Renames a group.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule_group/update", tag = "review rules",
    request_body = UpdateRuleGroupRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<UpdateRuleGroupRequest>,
) -> ApiResult<Ack> {
    state.store.rename_rule_group(&caller, &RuleGroupRename::try_from(body)?).await?;
    ack()
}

/// Deletes a group and its rules.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule_group/delete", tag = "review rules",
    request_body = DeleteRuleGroupRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteRuleGroupRequest>,
) -> ApiResult<Ack> {
    state.store.delete_rule_group(&caller, &RuleGroupDeletion::try_from(body)?).await?;
    ack()
}
