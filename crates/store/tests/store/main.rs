//! The store's behaviour, run against both backends: a SQLite file in a fresh
//! directory, and a fresh database on the local PostgreSQL server
//! (`DOCREVIEW_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../support/mod.rs"]
mod support;

mod callbacks;
mod files;
mod jobs;
mod review;
mod schema;

use docreview_core::Caller;
use docreview_core::category::{ExtractModel, NewCategory, SampleFile};
use docreview_core::rules::{
    NewRule, NewRuleGroup, NewRuleRepo, RiskLevel, RuleDeletion, RuleGroupDeletion, RulePatch, RuleRepoDeletion,
};
use docreview_core::validation::Page;
use docreview_core::workspace::{AuthScope, NewWorkspace, WorkspaceDeletion, WorkspacePatch};
use docreview_store::{ObjectKind, Store, StoreError};
use docreview_text::DateOrder;
use docreview_wire::Id;
use docreview_wire::rule::{ReferencedField, ReferencedFieldItem};

/// Categories of `ws` named after `names`, with no fields; their ids.
async fn categories(store: &Store, owner: &Caller, ws: i64, names: &[&str]) -> Vec<i64> {
    let mut ids = Vec::new();
    for name in names {
        let category = NewCategory {
            workspace_id: ws,
            name: (*name).to_owned(),
            description: String::new(),
            category_prompt: String::new(),
            extract_model: ExtractModel::Acgpt,
            keyword_rules: Default::default(),
            fields: vec![],
            tables: vec![],
            samples: vec![SampleFile { file_name: "s.txt".into(), content: b"sample".to_vec() }],
        };
        ids.push(store.create_category(owner, &category).await.unwrap());
    }
    ids
}

fn workspace(name: &str, scope: AuthScope) -> NewWorkspace {
    NewWorkspace {
        name: name.to_owned(),
        description: String::new(),
        auth_scope: scope,
        enterprise_id: None,
        callback_url: String::new(),
        callback_retry_time: 0,
        date_order: Default::default(),
    }
}

fn rule(workspace_id: i64, repo_id: i64, group_id: i64, name: &str, categories: Vec<i64>) -> NewRule {
    NewRule {
        workspace_id,
        repo_id,
        group_id,
        name: name.to_owned(),
        prompt: format!("check {name}"),
        category_ids: categories,
        risk_level: RiskLevel::High,
        referenced_fields: vec![],
        expression: None,
    }
}

fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, kind: ObjectKind) {
    match result {
        Err(StoreError::NotFound { kind: actual, .. }) => assert_eq!(actual, kind),
        other => panic!("expected {kind} not found, got {other:?}"),
    }
}

async fn app(store: &Store, enterprise: i64) -> Caller {
    store.create_app("test app", Some(enterprise)).await.unwrap().0
}

async fn private_workspaces_are_visible_to_their_app_only(store: Store) {
    let owner = app(&store, 1).await;
    let colleague = app(&store, 1).await;
    let stranger = app(&store, 2).await;
    let private = store.create_workspace(&owner, &workspace("private", AuthScope::Private)).await.unwrap();
    let shared = store.create_workspace(&owner, &workspace("shared", AuthScope::Enterprise)).await.unwrap();

    assert_eq!(store.get_workspace(&owner, private).await.unwrap().name, "private");
    assert_not_found(store.get_workspace(&colleague, private).await, ObjectKind::Workspace);
    assert_eq!(store.get_workspace(&colleague, shared).await.unwrap().owner_app_id, owner.app_id);
    assert_not_found(store.get_workspace(&stranger, shared).await, ObjectKind::Workspace);

    let page = Page { page: 1, page_size: 10 };
    let (total, rows) = store.list_workspaces(&owner, page).await.unwrap();
    assert_eq!((total, rows.iter().map(|w| w.id).collect::<Vec<_>>()), (2, vec![shared, private]));
    assert_eq!(store.list_workspaces(&colleague, page).await.unwrap().0, 1);
    assert_eq!(store.list_workspaces(&stranger, page).await.unwrap().0, 0);
}

async fn a_workspace_update_changes_only_the_given_fields(store: Store) {
    let owner = app(&store, 1).await;
    let id = store.create_workspace(&owner, &workspace("before", AuthScope::Private)).await.unwrap();
    let patch = WorkspacePatch {
        workspace_id: id,
        name: None,
        description: Some("described".into()),
        auth_scope: Some(AuthScope::Enterprise),
        callback_url: None,
        callback_retry_time: Some(3),
        date_order: None,
    };
    store.update_workspace(&owner, &patch).await.unwrap();
    let row = store.get_workspace(&owner, id).await.unwrap();
    assert_eq!(
        (row.name.as_str(), row.description.as_str(), row.auth_scope, row.callback_retry_time, row.date_order),
        ("before", "described", 1, 3, DateOrder::MonthFirst)
    );
    let patch = WorkspacePatch {
        workspace_id: id,
        name: None,
        description: None,
        auth_scope: None,
        callback_url: None,
        callback_retry_time: None,
        date_order: Some(DateOrder::DayFirst),
    };
    store.update_workspace(&owner, &patch).await.unwrap();
    let row = store.get_workspace(&owner, id).await.unwrap();
    assert_eq!((row.description.as_str(), row.date_order), ("described", DateOrder::DayFirst));
}

async fn deleting_workspaces_is_all_or_nothing_and_cascades(store: Store) {
    let owner = app(&store, 1).await;
    let stranger = app(&store, 2).await;
    let mine = store.create_workspace(&owner, &workspace("mine", AuthScope::Private)).await.unwrap();
    let theirs = store.create_workspace(&stranger, &workspace("theirs", AuthScope::Private)).await.unwrap();
    let repo = store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: mine, name: "r".into() }).await.unwrap();

    let both = WorkspaceDeletion { workspace_ids: vec![mine, theirs] };
    assert_not_found(store.delete_workspaces(&owner, &both).await, ObjectKind::Workspace);
    assert!(store.get_rule_repo(&owner, mine, repo).await.is_ok(), "nothing is deleted");

    store.delete_workspaces(&owner, &WorkspaceDeletion { workspace_ids: vec![mine] }).await.unwrap();
    assert_not_found(store.get_workspace(&owner, mine).await, ObjectKind::Workspace);
    assert!(store.get_workspace(&stranger, theirs).await.is_ok());
}

async fn a_repository_reads_back_as_a_tree_in_creation_order(store: Store) {
    let owner = app(&store, 1).await;
    let ws = store.create_workspace(&owner, &workspace("w", AuthScope::Private)).await.unwrap();
    let repo =
        store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: "Invoices".into() }).await.unwrap();
    let amounts = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "Amounts".into() })
        .await
        .unwrap();
    let dates = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "Dates".into() })
        .await
        .unwrap();
    let ids = categories(&store, &owner, ws, &["Invoice", "Receipt", "Contract"]).await;
    let mut tax = rule(ws, repo, amounts, "tax", vec![ids[0], ids[1]]);
    tax.referenced_fields = vec![ReferencedField {
        category_id: Id(ids[0]),
        category_name: "Invoice".into(),
        fields: vec![ReferencedFieldItem { field_id: Id(70), field_name: "Tax".into() }],
        tables: vec![],
    }];
    let tax_id = store.create_rule(&owner, &tax).await.unwrap();
    let total_id = store.create_rule(&owner, &rule(ws, repo, amounts, "total", vec![ids[1], ids[2]])).await.unwrap();
    store.create_rule(&owner, &rule(ws, repo, dates, "due", vec![])).await.unwrap();

    let tree = store.get_rule_repo(&owner, ws, repo).await.unwrap();
    assert_eq!(tree.name, "Invoices");
    assert_eq!(tree.groups.iter().map(|g| g.id).collect::<Vec<_>>(), vec![amounts, dates]);
    assert_eq!(tree.groups[0].rules.iter().map(|r| r.id).collect::<Vec<_>>(), vec![tax_id, total_id]);
    assert_eq!(tree.groups[0].rules[0].referenced_fields, tax.referenced_fields);
    assert_eq!(tree.groups[0].rules[0].risk_level, 10);
    assert_eq!(tree.category_ids(), ids);
}

async fn repositories_are_listed_newest_first_with_their_trees(store: Store) {
    let owner = app(&store, 1).await;
    let ws = store.create_workspace(&owner, &workspace("w", AuthScope::Private)).await.unwrap();
    let mut repos = Vec::new();
    for i in 0..3 {
        let repo =
            store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: format!("r{i}") }).await.unwrap();
        let group = store
            .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "g".into() })
            .await
            .unwrap();
        store.create_rule(&owner, &rule(ws, repo, group, &format!("rule{i}"), vec![])).await.unwrap();
        repos.push(repo);
    }
    let (total, page) = store.list_rule_repos(&owner, ws, Page { page: 2, page_size: 2 }).await.unwrap();
    assert_eq!(total, 3);
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id, repos[0]);
    assert_eq!(page[0].groups[0].rules[0].name, "rule0");
}

async fn groups_and_rules_must_belong_to_the_named_repository(store: Store) {
    let owner = app(&store, 1).await;
    let ws = store.create_workspace(&owner, &workspace("w", AuthScope::Private)).await.unwrap();
    let first = store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: "a".into() }).await.unwrap();
    let second = store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: "b".into() }).await.unwrap();
    let group_of_second = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: second, name: "g".into() })
        .await
        .unwrap();

    let error = store.create_rule(&owner, &rule(ws, first, group_of_second, "x", vec![])).await.unwrap_err();
    assert_eq!(error.to_string(), format!("rule group {group_of_second} not found in rule repo {first}"));
    assert_not_found(
        store.create_rule(&owner, &rule(ws, 404, group_of_second, "x", vec![])).await,
        ObjectKind::RuleRepo,
    );
    let other_ws = store.create_workspace(&owner, &workspace("other", AuthScope::Private)).await.unwrap();
    assert_not_found(
        store
            .create_rule_group(&owner, &NewRuleGroup { workspace_id: other_ws, repo_id: first, name: "g".into() })
            .await,
        ObjectKind::RuleRepo,
    );
}

async fn a_rule_update_keeps_absent_fields_and_can_move_groups(store: Store) {
    let owner = app(&store, 1).await;
    let ws = store.create_workspace(&owner, &workspace("w", AuthScope::Private)).await.unwrap();
    let repo = store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: "r".into() }).await.unwrap();
    let from = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "from".into() })
        .await
        .unwrap();
    let to = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "to".into() })
        .await
        .unwrap();
    let invoice = categories(&store, &owner, ws, &["Invoice"]).await;
    let id = store.create_rule(&owner, &rule(ws, repo, from, "r1", invoice)).await.unwrap();

    let patch = RulePatch {
        workspace_id: ws,
        rule_id: id,
        group_id: Some(to),
        name: None,
        prompt: Some("new prompt".into()),
        category_ids: Some(vec![]),
        risk_level: None,
        referenced_fields: None,
        expression: None,
    };
    store.update_rule(&owner, &patch).await.unwrap();
    let tree = store.get_rule_repo(&owner, ws, repo).await.unwrap();
    assert!(tree.groups[0].rules.is_empty());
    let moved = &tree.groups[1].rules[0];
    assert_eq!((moved.name.as_str(), moved.prompt.as_str(), moved.risk_level), ("r1", "new prompt", 10));
    assert!(moved.category_ids.is_empty());
}

async fn deletes_cascade_from_repository_to_group_to_rule(store: Store) {
    let owner = app(&store, 1).await;
    let ws = store.create_workspace(&owner, &workspace("w", AuthScope::Private)).await.unwrap();
    let repo = store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: "r".into() }).await.unwrap();
    let group = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "g".into() })
        .await
        .unwrap();
    let kept = store
        .create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "k".into() })
        .await
        .unwrap();
    let doomed = store.create_rule(&owner, &rule(ws, repo, group, "doomed", vec![])).await.unwrap();
    let single = store.create_rule(&owner, &rule(ws, repo, kept, "single", vec![])).await.unwrap();

    store.delete_rule_group(&owner, &RuleGroupDeletion { workspace_id: ws, group_id: group }).await.unwrap();
    assert_not_found(
        store.delete_rule(&owner, &RuleDeletion { workspace_id: ws, rule_id: doomed }).await,
        ObjectKind::Rule,
    );
    store.delete_rule(&owner, &RuleDeletion { workspace_id: ws, rule_id: single }).await.unwrap();
    let tree = store.get_rule_repo(&owner, ws, repo).await.unwrap();
    assert_eq!(tree.groups.len(), 1);
    assert!(tree.groups[0].rules.is_empty());

    let deletion = RuleRepoDeletion { workspace_id: ws, repo_ids: vec![repo, 404] };
    assert_not_found(store.delete_rule_repos(&owner, &deletion).await, ObjectKind::RuleRepo);
    store.delete_rule_repos(&owner, &RuleRepoDeletion { workspace_id: ws, repo_ids: vec![repo] }).await.unwrap();
    assert_not_found(store.get_rule_repo(&owner, ws, repo).await, ObjectKind::RuleRepo);
    assert_not_found(
        store.delete_rule_group(&owner, &RuleGroupDeletion { workspace_id: ws, group_id: kept }).await,
        ObjectKind::RuleGroup,
    );
}

async fn credentials_are_found_by_app_id_and_the_first_app_is_made_once(store: Store) {
    let (first, credentials) = store.create_first_app("first").await.unwrap().unwrap();
    assert!(store.create_first_app("second").await.unwrap().is_none());
    let found = store.find_app(&credentials.app_id).await.unwrap().unwrap();
    assert_eq!(found.caller, first);
    assert!(found.secret_hash.matches(&credentials.secret_code));
    assert!(store.find_app("unknown").await.unwrap().is_none());
}

async fn a_rule_names_only_categories_of_its_workspace(store: Store) {
    let owner = app(&store, 1).await;
    let ws = store.create_workspace(&owner, &workspace("w", AuthScope::Private)).await.unwrap();
    let elsewhere = store.create_workspace(&owner, &workspace("other", AuthScope::Private)).await.unwrap();
    let own = categories(&store, &owner, ws, &["Invoice"]).await;
    let foreign = categories(&store, &owner, elsewhere, &["Invoice"]).await;
    let repo = store.create_rule_repo(&owner, &NewRuleRepo { workspace_id: ws, name: "r".into() }).await.unwrap();
    let group =
        store.create_rule_group(&owner, &NewRuleGroup { workspace_id: ws, repo_id: repo, name: "g".into() }).await;
    let group = group.unwrap();

    assert_not_found(
        store.create_rule(&owner, &rule(ws, repo, group, "x", foreign.clone())).await,
        ObjectKind::Category,
    );
    assert!(store.get_rule_repo(&owner, ws, repo).await.unwrap().groups[0].rules.is_empty(), "nothing is stored");
    let id = store.create_rule(&owner, &rule(ws, repo, group, "x", own.clone())).await.unwrap();
    let patch = RulePatch {
        workspace_id: ws,
        rule_id: id,
        group_id: None,
        name: None,
        prompt: None,
        category_ids: Some(foreign),
        risk_level: None,
        referenced_fields: None,
        expression: None,
    };
    assert_not_found(store.update_rule(&owner, &patch).await, ObjectKind::Category);
    assert_eq!(store.get_rule_repo(&owner, ws, repo).await.unwrap().groups[0].rules[0].category_ids, own);
}

support::on_both_backends!(
    a_rule_names_only_categories_of_its_workspace,
    private_workspaces_are_visible_to_their_app_only,
    a_workspace_update_changes_only_the_given_fields,
    deleting_workspaces_is_all_or_nothing_and_cascades,
    a_repository_reads_back_as_a_tree_in_creation_order,
    repositories_are_listed_newest_first_with_their_trees,
    groups_and_rules_must_belong_to_the_named_repository,
    a_rule_update_keeps_absent_fields_and_can_move_groups,
    deletes_cascade_from_repository_to_group_to_rule,
    credentials_are_found_by_app_id_and_the_first_app_is_made_once,
);
