//! Categories with their fields, tables and samples, run against both backends
//! (see `support`). The tests are in `categories/`, one file per part; this
//! root holds what they share.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

#[path = "categories/definitions.rs"]
mod definitions;
#[path = "categories/parts.rs"]
mod parts;
#[path = "categories/samples.rs"]
mod samples;

use docreview_core::Caller;
use docreview_core::category::{
    CategoryDeletion, CategoryPatch, Enabled, EnabledFilter, ExtractModel, FieldConfig, FieldDeletion, FieldPatch,
    FieldsPatch, NewCategory, NewFields, NewSamples, NewTables, SampleDeletion, SampleFile, SampleSelection,
    TableConfig, TableDeletion, TablePatch, TablesPatch, keyword_rules,
};
use docreview_core::validation::Page;
use docreview_core::workspace::{AuthScope, NewWorkspace, WorkspaceDeletion};
use docreview_store::{ObjectKind, Store, StoreError};
use docreview_wire::category::keyword_input::{KeywordRuleGroupInput, KeywordRulesInput};
use docreview_wire::category::{CategoryFieldConfig, CategoryKeywordRules, RegexSettings, TransformSettings};

pub(crate) const PAGE: Page = Page { page: 1, page_size: 100 };

pub(crate) async fn app(store: &Store, enterprise: i64) -> Caller {
    store.create_app("test app", Some(enterprise)).await.unwrap().0
}

pub(crate) async fn workspace(store: &Store, caller: &Caller) -> i64 {
    let new = NewWorkspace {
        name: "w".into(),
        description: String::new(),
        auth_scope: AuthScope::Private,
        enterprise_id: None,
        callback_url: String::new(),
        callback_retry_time: 0,
        date_order: Default::default(),
    };
    store.create_workspace(caller, &new).await.unwrap()
}

pub(crate) fn field(name: &str) -> FieldConfig {
    FieldConfig::parse(CategoryFieldConfig { name: Some(name.to_owned()), ..Default::default() }, "").unwrap()
}

pub(crate) fn table(name: &str, columns: &[&str]) -> TableConfig {
    TableConfig {
        name: name.to_owned(),
        description: String::new(),
        prompt: String::new(),
        collect_from_multi_table: false,
        extract_model: None,
        fields: columns.iter().map(|c| field(c)).collect(),
    }
}

pub(crate) fn sample(name: &str, content: &[u8]) -> SampleFile {
    SampleFile { file_name: name.to_owned(), content: content.to_vec() }
}

pub(crate) fn rules(words: &[&str]) -> CategoryKeywordRules {
    let group = KeywordRuleGroupInput {
        group_name: None,
        min_hit: Some(1),
        words: Some(words.iter().map(|w| (*w).to_owned()).collect()),
    };
    keyword_rules(KeywordRulesInput { positive_rules: Some(vec![group]), negative_rules: Some(vec![]) }, "r").unwrap()
}

pub(crate) fn category(workspace_id: i64, name: &str) -> NewCategory {
    NewCategory {
        workspace_id,
        name: name.to_owned(),
        description: String::new(),
        category_prompt: String::new(),
        extract_model: ExtractModel::Acgpt,
        keyword_rules: CategoryKeywordRules::default(),
        fields: vec![field("Invoice No"), field("Total")],
        tables: vec![table("Items", &["Date", "Amount"])],
        samples: vec![sample("a.pdf", b"%PDF-a")],
    }
}

pub(crate) fn patch(workspace_id: i64, category_id: i64) -> CategoryPatch {
    CategoryPatch {
        workspace_id,
        category_id,
        name: None,
        description: None,
        category_prompt: None,
        enabled: None,
        extract_model: None,
        keyword_rules: None,
    }
}

pub(crate) fn field_patch(field_id: i64) -> FieldPatch {
    FieldPatch {
        field_id,
        name: None,
        description: None,
        prompt: None,
        use_prompt: None,
        alias: None,
        identity: None,
        multi_value: None,
        duplicate_value_distinct: None,
        transform: None,
        extract_model: None,
    }
}

pub(crate) fn table_patch(table_id: i64) -> TablePatch {
    TablePatch {
        table_id,
        name: None,
        description: None,
        prompt: None,
        collect_from_multi_table: None,
        extract_model: None,
    }
}

pub(crate) fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, kind: ObjectKind) {
    match result {
        Err(StoreError::NotFound { kind: actual, .. }) => assert_eq!(actual, kind),
        other => panic!("expected {kind} not found, got {other:?}"),
    }
}

pub(crate) fn assert_conflict<T: std::fmt::Debug>(result: Result<T, StoreError>, words: &[&str]) {
    match result {
        Err(StoreError::Conflict(message)) => {
            for word in words {
                assert!(message.contains(word), "{word:?} not in {message:?}");
            }
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}
