//! A fresh embedded database seeded the way a user would fill it: an app, a
//! workspace, the example invoice category, the example invoice extracted by
//! the running engine, and rule repositories.

use std::sync::Arc;
use std::time::{Duration, Instant};

use docreview_core::Caller;
use docreview_core::category::NewCategory;
use docreview_core::rules::{NewRule, NewRuleGroup, NewRuleRepo, RiskLevel};
use docreview_core::states::FileStatus;
use docreview_core::workspace::{AuthScope, NewWorkspace};
use docreview_judge::{ContextDocument, RuleContext};
use docreview_store::Store;
use docreview_store::files::NewFile;
use docreview_wire::category::CategoryFieldConfig;
use docreview_wire::category::definition::CreateCategoryRequest;
use docreview_wire::category::sample::UploadedFile;
use docreview_wire::category::table::CategoryTableConfig;
use serde_json::Value;
use tokio::sync::Notify;

const BATCH: &str = "bench";

fn example(name: &str) -> Vec<u8> {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The workspace reviews run in, with its one extracted invoice.
pub struct Workspace {
    pub caller: Caller,
    pub workspace_id: i64,
    pub batch: String,
    /// The invoice as the engine hands it to a rule.
    pub invoice: RuleContext,
}

/// A workspace holding the example invoice, extracted by the engine that
/// `wake` reaches.
pub async fn workspace(store: &Store, wake: &Arc<Notify>) -> Workspace {
    let caller = store.create_app("bench", None).await.unwrap().0;
    let new = NewWorkspace {
        name: "bench".into(),
        description: String::new(),
        auth_scope: AuthScope::Private,
        enterprise_id: None,
        callback_url: String::new(),
        callback_retry_time: 0,
        date_order: Default::default(),
    };
    let workspace_id = store.create_workspace(&caller, &new).await.unwrap();
    store.create_category(&caller, &invoice_category(workspace_id)).await.unwrap();
    let file =
        NewFile { name: "invoice.txt".into(), format: "txt".into(), content: example("invoice.txt"), rejection: None };
    let created = store
        .create_files(&caller, workspace_id, BATCH, Some("Invoice"), None, &serde_json::json!({}), &[file])
        .await
        .unwrap();
    wake.notify_waiters();
    let task_id = created[0].task_id;
    let deadline = Instant::now() + Duration::from_secs(60);
    let file = loop {
        let file = store.files_by_task_ids(workspace_id, &[task_id]).await.unwrap().remove(0);
        if file.recognition_status == FileStatus::Succeeded {
            break file;
        }
        assert_ne!(file.recognition_status, FileStatus::Failed, "{:?}", file.failure_causes);
        assert!(Instant::now() < deadline, "the invoice was not extracted within a minute");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let invoice = ContextDocument {
        extract_task_id: file.task_id,
        file_id: file.id,
        category: file.category,
        data: file.data.unwrap_or_default(),
        document: file.document,
    };
    Workspace {
        caller,
        workspace_id,
        batch: BATCH.to_owned(),
        invoice: RuleContext { documents: vec![invoice], ..Default::default() },
    }
}

/// `examples/invoice-category.json` as `category/create` would receive it.
fn invoice_category(workspace_id: i64) -> NewCategory {
    let definition: Value = serde_json::from_slice(&example("invoice-category.json")).unwrap();
    let fields: Vec<CategoryFieldConfig> = serde_json::from_value(definition["fields"].clone()).unwrap();
    let tables: Vec<CategoryTableConfig> = serde_json::from_value(definition["tables"].clone()).unwrap();
    let request = CreateCategoryRequest {
        workspace_id: Some(docreview_wire::Id(workspace_id)),
        name: Some("Invoice".into()),
        extract_model: Some("Acgpt".into()),
        sample_files: vec![UploadedFile { file_name: Some("invoice.txt".into()), content: example("invoice.txt") }],
        fields: Some(fields),
        tables: Some(tables),
        ..Default::default()
    };
    NewCategory::try_from(request).unwrap()
}

/// A repository of `count` rules judged by `expression` (by a model when
/// `None`), in groups of 100.
pub async fn repository(store: &Store, ws: &Workspace, expression: Option<&str>, count: usize) -> i64 {
    let (caller, workspace_id) = (&ws.caller, ws.workspace_id);
    let repo = NewRuleRepo { workspace_id, name: format!("{count} rules") };
    let repo_id = store.create_rule_repo(caller, &repo).await.unwrap();
    let mut group_id = 0;
    for i in 0..count {
        if i % 100 == 0 {
            let group = NewRuleGroup { workspace_id, repo_id, name: format!("Group {}", i / 100) };
            group_id = store.create_rule_group(caller, &group).await.unwrap();
        }
        let rule = NewRule {
            workspace_id,
            repo_id,
            group_id,
            name: format!("Rule {i}"),
            prompt: "The tax amount equals the net amount times the tax rate.".into(),
            category_ids: vec![],
            risk_level: RiskLevel::Medium,
            referenced_fields: vec![],
            expression: expression.map(str::to_owned),
        };
        store.create_rule(caller, &rule).await.unwrap();
    }
    repo_id
}
