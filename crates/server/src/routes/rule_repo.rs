//! `review/rule_repo/create`, `list`, `get`, `update`, `delete`.

use axum::extract::State;
use docreview_core::rules::{NewRuleRepo, RuleRepoDeletion, RuleRepoRename};
use docreview_core::validation::{Page, required_id};
use docreview_store::rule_repos::{GroupTree, RepoTree};
use docreview_store::rules::RuleRow;
use docreview_wire::envelope::Ack;
use docreview_wire::rule::Rule;
use docreview_wire::rule_repo::{
    CreateRuleRepoRequest, DeleteRuleReposRequest, GetRuleRepoQuery, ListRuleReposQuery, RuleGroup, RuleRepo,
    RuleRepoCreated, RuleRepoList, UpdateRuleRepoRequest,
};
use docreview_wire::{Envelope, Id};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::extract::{ApiJson, ApiQuery, Auth};
use crate::respond::{ApiResult, ack, ok};
use crate::state::AppState;

/// This module's routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(update))
        .routes(routes!(delete))
}

/// Creates an empty rule repository.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule_repo/create", tag = "review rules",
    request_body = CreateRuleRepoRequest, responses((status = 200, body = Envelope<RuleRepoCreated>)))]
pub async fn create(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<CreateRuleRepoRequest>,
) -> ApiResult<RuleRepoCreated> {
    let id = state.store.create_rule_repo(&caller, &NewRuleRepo::try_from(body)?).await?;
    ok(RuleRepoCreated { repo_id: Id(id) })
}

/// The workspace's repositories, newest first, each with its groups and rules.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/review/rule_repo/list", tag = "review rules",
    params(ListRuleReposQuery), responses((status = 200, body = Envelope<RuleRepoList>)))]
pub async fn list(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<ListRuleReposQuery>,
) -> ApiResult<RuleRepoList> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let page = Page::parse(query.page, query.page_size, 10)?;
    let (total, repos) = state.store.list_rule_repos(&caller, workspace_id, page).await?;
    ok(RuleRepoList {
        repos: repos.into_iter().map(repo_to_wire).collect(),
        total,
        page: page.page,
        page_size: page.page_size,
    })
}

/// One repository with its groups and rules.
#[utoipa::path(get, path = "/api/app-api/sip/platform/v2/review/rule_repo/get", tag = "review rules",
    params(GetRuleRepoQuery), responses((status = 200, body = Envelope<RuleRepo>)))]
pub async fn get(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiQuery(query): ApiQuery<GetRuleRepoQuery>,
) -> ApiResult<RuleRepo> {
    let workspace_id = required_id(query.workspace_id, "workspace_id")?;
    let repo_id = required_id(query.repo_id, "repo_id")?;
    ok(repo_to_wire(state.store.get_rule_repo(&caller, workspace_id, repo_id).await?))
}

/// Renames a repository.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule_repo/update", tag = "review rules",
    request_body = UpdateRuleRepoRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn update(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<UpdateRuleRepoRequest>,
) -> ApiResult<Ack> {
    state.store.rename_rule_repo(&caller, &RuleRepoRename::try_from(body)?).await?;
    ack()
}

/// Deletes repositories with their groups and rules; all or none.
#[utoipa::path(post, path = "/api/app-api/sip/platform/v2/review/rule_repo/delete", tag = "review rules",
    request_body = DeleteRuleReposRequest, responses((status = 200, body = Envelope<Ack>)))]
pub async fn delete(
    State(state): State<AppState>,
    Auth(caller): Auth,
    ApiJson(body): ApiJson<DeleteRuleReposRequest>,
) -> ApiResult<Ack> {
    state.store.delete_rule_repos(&caller, &RuleRepoDeletion::try_from(body)?).await?;
    ack()
}

fn repo_to_wire(tree: RepoTree) -> RuleRepo {
    RuleRepo {
        repo_id: Id(tree.id),
        name: tree.name.clone(),
        category_ids: tree.category_ids().into_iter().map(Id).collect(),
        groups: tree.groups.into_iter().map(group_to_wire).collect(),
    }
}

fn group_to_wire(group: GroupTree) -> RuleGroup {
    RuleGroup { group_id: Id(group.id), name: group.name, rules: group.rules.into_iter().map(rule_to_wire).collect() }
}

/// The reference's rule shape.
pub(crate) fn rule_to_wire(rule: RuleRow) -> Rule {
    Rule {
        rule_id: Id(rule.id),
        name: rule.name,
        prompt: rule.prompt,
        category_ids: rule.category_ids.into_iter().map(Id).collect(),
        risk_level: rule.risk_level,
        referenced_fields: rule.referenced_fields,
        expression: rule.expression,
    }
}
