//! Categories with their fields, tables and samples, run against both backends
//! (see `support`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

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

const PAGE: Page = Page { page: 1, page_size: 100 };

async fn app(store: &Store, enterprise: i64) -> Caller {
    store.create_app("test app", Some(enterprise)).await.unwrap().0
}

async fn workspace(store: &Store, caller: &Caller) -> i64 {
    let new = NewWorkspace {
        name: "w".into(),
        description: String::new(),
        auth_scope: AuthScope::Private,
        enterprise_id: None,
        callback_url: String::new(),
        callback_retry_time: 0,
    };
    store.create_workspace(caller, &new).await.unwrap()
}

fn field(name: &str) -> FieldConfig {
    FieldConfig::parse(CategoryFieldConfig { name: Some(name.to_owned()), ..Default::default() }, "").unwrap()
}

fn table(name: &str, columns: &[&str]) -> TableConfig {
    TableConfig {
        name: name.to_owned(),
        description: String::new(),
        prompt: String::new(),
        collect_from_multi_table: false,
        extract_model: None,
        fields: columns.iter().map(|c| field(c)).collect(),
    }
}

fn sample(name: &str, content: &[u8]) -> SampleFile {
    SampleFile { file_name: name.to_owned(), content: content.to_vec() }
}

fn rules(words: &[&str]) -> CategoryKeywordRules {
    let group = KeywordRuleGroupInput {
        group_name: None,
        min_hit: Some(1),
        words: Some(words.iter().map(|w| (*w).to_owned()).collect()),
    };
    keyword_rules(KeywordRulesInput { positive_rules: Some(vec![group]), negative_rules: Some(vec![]) }, "r").unwrap()
}

fn category(workspace_id: i64, name: &str) -> NewCategory {
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

fn patch(workspace_id: i64, category_id: i64) -> CategoryPatch {
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

fn field_patch(field_id: i64) -> FieldPatch {
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

fn table_patch(table_id: i64) -> TablePatch {
    TablePatch {
        table_id,
        name: None,
        description: None,
        prompt: None,
        collect_from_multi_table: None,
        extract_model: None,
    }
}

fn assert_not_found<T: std::fmt::Debug>(result: Result<T, StoreError>, kind: ObjectKind) {
    match result {
        Err(StoreError::NotFound { kind: actual, .. }) => assert_eq!(actual, kind),
        other => panic!("expected {kind} not found, got {other:?}"),
    }
}

fn assert_conflict<T: std::fmt::Debug>(result: Result<T, StoreError>, words: &[&str]) {
    match result {
        Err(StoreError::Conflict(message)) => {
            for word in words {
                assert!(message.contains(word), "{word:?} not in {message:?}");
            }
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn a_category_is_created_with_everything_it_starts_with(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let mut new = category(ws, "Invoice");
    new.keyword_rules = rules(&["invoice", "vat"]);
    new.samples.push(sample("b.png", b"\x89PNG"));
    new.tables[0].extract_model = Some(ExtractModel::DfM1);
    let id = store.create_category(&owner, &new).await.unwrap();

    let tree = store.get_category_tree(&owner, ws, id).await.unwrap();
    assert_eq!(tree.category.name, "Invoice");
    assert_eq!(tree.category.enabled, Enabled::Enabled.value());
    assert_eq!(tree.category.keyword_rules, new.keyword_rules);
    assert_eq!(tree.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Invoice No", "Total"]);
    assert!(tree.fields.iter().all(|f| f.extract_model == "Acgpt" && f.table_id.is_none()));
    assert_eq!(tree.tables.len(), 1);
    assert_eq!(tree.tables[0].table.extract_model, "DF-M1");
    assert_eq!(tree.tables[0].fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Date", "Amount"]);
    assert!(tree.tables[0].fields.iter().all(|f| f.extract_model == "DF-M1"));
    assert_eq!(
        tree.samples.iter().map(|s| (s.file_name.as_str(), s.byte_size)).collect::<Vec<_>>(),
        [("a.pdf", 6), ("b.png", 4)]
    );
    // A table with its own model makes the category's fields differ.
    assert_eq!(tree.category.reported_model(), "mixed");
}

async fn category_names_are_unique_in_a_workspace_only(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let other_ws = workspace(&store, &owner).await;
    let first = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    assert_conflict(store.create_category(&owner, &category(ws, "Invoice")).await, &["Invoice", "already exists"]);
    store.create_category(&owner, &category(ws, "invoice")).await.unwrap();
    store.create_category(&owner, &category(other_ws, "Invoice")).await.unwrap();

    let second = store.create_category(&owner, &category(ws, "Receipt")).await.unwrap();
    let rename = CategoryPatch { name: Some("Invoice".into()), ..patch(ws, second) };
    assert_conflict(store.update_category(&owner, &rename).await, &["Invoice"]);
    let keep = CategoryPatch { name: Some("Invoice".into()), ..patch(ws, first) };
    assert_eq!(store.update_category(&owner, &keep).await.unwrap().name, "Invoice");
}

async fn categories_are_found_only_in_their_visible_workspace(store: Store) {
    let owner = app(&store, 1).await;
    let stranger = app(&store, 2).await;
    let ws = workspace(&store, &owner).await;
    let other_ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();

    assert_not_found(store.get_category(&stranger, ws, id).await, ObjectKind::Workspace);
    assert_not_found(store.create_category(&stranger, &category(ws, "x")).await, ObjectKind::Workspace);
    assert_not_found(store.get_category(&owner, other_ws, id).await, ObjectKind::Category);
    assert_not_found(store.list_category_fields(&owner, other_ws, id).await, ObjectKind::Category);
    assert_not_found(store.update_category(&owner, &patch(other_ws, id)).await, ObjectKind::Category);
}

async fn the_listing_filters_by_state_and_pages_newest_first(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let mut ids = Vec::new();
    for name in ["a", "b", "c"] {
        ids.push(store.create_category(&owner, &category(ws, name)).await.unwrap());
    }
    let disable = CategoryPatch { enabled: Some(Enabled::Disabled), ..patch(ws, ids[1]) };
    store.update_category(&owner, &disable).await.unwrap();

    let names =
        |rows: Vec<docreview_store::categories::CategoryRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
    let (total, rows) = store.list_categories(&owner, ws, EnabledFilter::Only(Enabled::Enabled), PAGE).await.unwrap();
    assert_eq!((total, names(rows)), (2, vec!["c".to_owned(), "a".to_owned()]));
    let (total, rows) = store.list_categories(&owner, ws, EnabledFilter::Only(Enabled::Disabled), PAGE).await.unwrap();
    assert_eq!((total, names(rows)), (1, vec!["b".to_owned()]));
    let second_page = Page { page: 2, page_size: 2 };
    let (total, rows) = store.list_categories(&owner, ws, EnabledFilter::All, second_page).await.unwrap();
    assert_eq!((total, names(rows)), (3, vec!["a".to_owned()]));
}

async fn a_model_update_cascades_to_every_field_and_table(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let tree = store.get_category_tree(&owner, ws, id).await.unwrap();
    assert_eq!(tree.category.reported_model(), "Acgpt");

    let own_model = FieldsPatch {
        workspace_id: ws,
        category_id: id,
        table_id: None,
        fields: vec![FieldPatch { extract_model: Some(ExtractModel::DfM1), ..field_patch(tree.fields[0].id) }],
    };
    store.update_category_fields(&owner, &own_model).await.unwrap();
    assert_eq!(store.get_category(&owner, ws, id).await.unwrap().reported_model(), "mixed");

    let cascade = CategoryPatch { extract_model: Some(ExtractModel::AcgptVl), ..patch(ws, id) };
    let updated = store.update_category(&owner, &cascade).await.unwrap();
    assert_eq!(updated.reported_model(), "Acgpt-VL");
    let tree = store.get_category_tree(&owner, ws, id).await.unwrap();
    assert!(tree.fields.iter().chain(&tree.tables[0].fields).all(|f| f.extract_model == "Acgpt-VL"));
    assert_eq!(tree.tables[0].table.extract_model, "Acgpt-VL");

    // A merging table cannot move to the vision model.
    let merge = TablesPatch {
        workspace_id: ws,
        category_id: id,
        tables: vec![TablePatch { collect_from_multi_table: Some(true), ..table_patch(tree.tables[0].table.id) }],
    };
    assert_conflict(store.update_category_tables(&owner, &merge).await, &["collect_from_multi_table", "Acgpt-VL"]);
    let back = CategoryPatch { extract_model: Some(ExtractModel::Acgpt), ..patch(ws, id) };
    store.update_category(&owner, &back).await.unwrap();
    store.update_category_tables(&owner, &merge).await.unwrap();
    assert_conflict(store.update_category(&owner, &cascade).await, &["Items", "collect_from_multi_table"]);
}

async fn enabled_categories_cannot_share_a_keyword_rule_group(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let mut invoice = category(ws, "Invoice");
    invoice.keyword_rules = rules(&["invoice", "vat"]);
    let invoice_id = store.create_category(&owner, &invoice).await.unwrap();

    let mut copy = category(ws, "Copy");
    copy.keyword_rules = rules(&["VAT", "invoice"]);
    assert_conflict(store.create_category(&owner, &copy).await, &["Invoice", "positive_rules"]);

    copy.keyword_rules = rules(&["receipt"]);
    let copy_id = store.create_category(&owner, &copy).await.unwrap();
    let clash = CategoryPatch { keyword_rules: Some(rules(&["vat", "invoice"])), ..patch(ws, copy_id) };
    assert_conflict(store.update_category(&owner, &clash).await, &["Invoice"]);

    // A disabled category may hold the same group, but cannot be enabled with it.
    let disable = CategoryPatch { enabled: Some(Enabled::Disabled), ..patch(ws, copy_id) };
    store.update_category(&owner, &disable).await.unwrap();
    store.update_category(&owner, &clash).await.unwrap();
    let enable = CategoryPatch { enabled: Some(Enabled::Enabled), ..patch(ws, copy_id) };
    assert_conflict(store.update_category(&owner, &enable).await, &["Invoice"]);

    // Updating a category's own rules never clashes with itself; clearing frees them.
    let same = CategoryPatch { keyword_rules: Some(rules(&["invoice", "vat"])), ..patch(ws, invoice_id) };
    store.update_category(&owner, &same).await.unwrap();
    let clear = CategoryPatch { keyword_rules: Some(CategoryKeywordRules::default()), ..patch(ws, invoice_id) };
    store.update_category(&owner, &clear).await.unwrap();
    store.update_category(&owner, &enable).await.unwrap();
}

async fn fields_are_added_changed_and_deleted_all_or_nothing(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let add = |fields: Vec<FieldConfig>| NewFields { workspace_id: ws, category_id: id, table_id: None, fields };

    assert_conflict(store.add_category_fields(&owner, &add(vec![field("Tax"), field("Total")])).await, &["Total"]);
    let added = store.add_category_fields(&owner, &add(vec![field("Tax")])).await.unwrap();
    assert_eq!((added.len(), added[0].extract_model.as_str()), (1, "Acgpt"));
    let tax = added[0].id;

    let mut with_settings = field_patch(tax);
    with_settings.alias = Some(vec!["VAT".into()]);
    with_settings.identity = Some("tax".into());
    with_settings.transform = Some(Some(TransformSettings {
        kind: "regex".into(),
        datetime_settings: None,
        enumerate_settings: None,
        regex_settings: Some(RegexSettings { pattern: r"(\d+)".into(), replace: "$1".into() }),
        mismatch_action: None,
    }));
    let update = |fields| FieldsPatch { workspace_id: ws, category_id: id, table_id: None, fields };
    let rows = store.update_category_fields(&owner, &update(vec![with_settings])).await.unwrap();
    assert_eq!((rows[0].alias.clone(), rows[0].identity.as_str()), (vec!["VAT".to_owned()], "tax"));
    assert!(rows[0].transform.is_some());

    // Absent leaves alone, empty clears, null removes the transform.
    let mut clearing = field_patch(tax);
    clearing.alias = Some(vec![]);
    clearing.identity = Some(String::new());
    clearing.transform = Some(None);
    let rows = store.update_category_fields(&owner, &update(vec![clearing])).await.unwrap();
    assert!(rows[0].alias.is_empty() && rows[0].identity.is_empty() && rows[0].transform.is_none());
    assert_eq!(rows[0].name, "Tax");

    // One bad change in a batch leaves every field as it was.
    let rename = FieldPatch { name: Some("Sales tax".into()), ..field_patch(tax) };
    assert_not_found(
        store.update_category_fields(&owner, &update(vec![rename.clone(), field_patch(404)])).await,
        ObjectKind::CategoryField,
    );
    assert_eq!(store.get_category_field(&owner, ws, id, tax).await.unwrap().name, "Tax");
    let taken = FieldPatch { name: Some("Total".into()), ..field_patch(tax) };
    assert_conflict(store.update_category_fields(&owner, &update(vec![taken])).await, &["Total"]);

    let delete = |field_ids| FieldDeletion { workspace_id: ws, category_id: id, table_id: None, field_ids };
    assert_not_found(store.delete_category_fields(&owner, &delete(vec![tax, 404])).await, ObjectKind::CategoryField);
    store.delete_category_fields(&owner, &delete(vec![tax])).await.unwrap();
    assert_not_found(store.get_category_field(&owner, ws, id, tax).await, ObjectKind::CategoryField);
}

async fn a_category_holds_at_most_one_hundred_fields(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    // 2 fields and 2 table columns already.
    let many = (0..96).map(|i| field(&format!("f{i}"))).collect();
    store
        .add_category_fields(&owner, &NewFields { workspace_id: ws, category_id: id, table_id: None, fields: many })
        .await
        .unwrap();
    let one_more = NewFields { workspace_id: ws, category_id: id, table_id: None, fields: vec![field("extra")] };
    assert_conflict(store.add_category_fields(&owner, &one_more).await, &["100"]);
}

async fn table_columns_follow_their_table(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let items = store.list_category_tables(&owner, ws, id).await.unwrap()[0].id;

    // A column may share a regular field's name, but not another column's.
    let column =
        |name: &str| NewFields { workspace_id: ws, category_id: id, table_id: Some(items), fields: vec![field(name)] };
    let total = store.add_category_fields(&owner, &column("Total")).await.unwrap()[0].clone();
    assert_eq!(total.table_id, Some(items));
    assert_conflict(store.add_category_fields(&owner, &column("Date")).await, &["Date", "table"]);
    let elsewhere = NewFields { table_id: Some(404), ..column("x") };
    assert_not_found(store.add_category_fields(&owner, &elsewhere).await, ObjectKind::CategoryTable);

    let own_model = FieldsPatch {
        workspace_id: ws,
        category_id: id,
        table_id: None,
        fields: vec![FieldPatch { extract_model: Some(ExtractModel::DfM1), ..field_patch(total.id) }],
    };
    assert_conflict(store.update_category_fields(&owner, &own_model).await, &["extract_model"]);

    let retitle = TablesPatch {
        workspace_id: ws,
        category_id: id,
        tables: vec![TablePatch {
            extract_model: Some(ExtractModel::DfM1),
            name: Some("Lines".into()),
            ..table_patch(items)
        }],
    };
    let trees = store.update_category_tables(&owner, &retitle).await.unwrap();
    assert_eq!(trees[0].table.name, "Lines");
    assert!(trees[0].fields.iter().all(|f| f.extract_model == "DF-M1"));

    let in_other_table = FieldDeletion { workspace_id: ws, category_id: id, table_id: Some(items), field_ids: vec![] };
    let (regular, _) = store.list_category_fields(&owner, ws, id).await.unwrap();
    let wrong = FieldDeletion { field_ids: vec![regular[0].id], ..in_other_table };
    assert_not_found(store.delete_category_fields(&owner, &wrong).await, ObjectKind::CategoryField);

    store
        .delete_category_tables(&owner, &TableDeletion { workspace_id: ws, category_id: id, table_ids: vec![items] })
        .await
        .unwrap();
    assert_not_found(store.get_category_field(&owner, ws, id, total.id).await, ObjectKind::CategoryField);
    let (regular, tables) = store.list_category_fields(&owner, ws, id).await.unwrap();
    assert_eq!((regular.len(), tables.len()), (2, 0));
}

async fn tables_are_added_with_their_columns_and_unique_names(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let new = |tables| NewTables { workspace_id: ws, category_id: id, tables };
    assert_conflict(store.add_category_tables(&owner, &new(vec![table("Items", &[])])).await, &["Items"]);

    let mut merging = table("Stays", &["Night"]);
    merging.collect_from_multi_table = true;
    let trees = store.add_category_tables(&owner, &new(vec![table("Fees", &["Fee"]), merging.clone()])).await.unwrap();
    assert_eq!(trees.iter().map(|t| t.table.name.as_str()).collect::<Vec<_>>(), ["Fees", "Stays"]);
    assert_eq!(trees[1].fields[0].name, "Night");
    assert!(trees[1].table.collect_from_multi_table);

    // A merging table cannot inherit the vision model.
    let vision = CategoryPatch { extract_model: Some(ExtractModel::AcgptVl), ..patch(ws, id) };
    store
        .delete_category_tables(
            &owner,
            &TableDeletion { workspace_id: ws, category_id: id, table_ids: vec![trees[1].table.id] },
        )
        .await
        .unwrap();
    store.update_category(&owner, &vision).await.unwrap();
    merging.name = "Again".into();
    assert_conflict(store.add_category_tables(&owner, &new(vec![merging])).await, &["Again", "Acgpt-VL"]);
    assert_eq!(store.list_category_tables(&owner, ws, id).await.unwrap().len(), 2);
}

async fn samples_keep_their_bytes_and_one_must_remain(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let upload = |files| NewSamples { workspace_id: ws, category_id: id, files };
    let ids = store
        .add_category_samples(&owner, &upload(vec![sample("b.pdf", b"\x00\xffbinary"), sample("c.txt", b"c")]))
        .await
        .unwrap();

    let (total, rows) = store.list_category_samples(&owner, ws, id, Page { page: 2, page_size: 2 }).await.unwrap();
    assert_eq!((total, rows.iter().map(|r| r.file_name.as_str()).collect::<Vec<_>>()), (3, vec!["c.txt"]));
    let selection = SampleSelection { workspace_id: ws, category_id: id, sample_ids: Some(vec![ids[0]]) };
    let (category_row, files) = store.get_category_sample_files(&owner, &selection).await.unwrap();
    assert_eq!((category_row.name.as_str(), files[0].content.as_slice()), ("Invoice", &b"\x00\xffbinary"[..]));
    let every = SampleSelection { sample_ids: None, ..selection };
    assert_eq!(store.get_category_sample_files(&owner, &every).await.unwrap().1.len(), 3);
    let missing = SampleSelection { sample_ids: Some(vec![404]), ..every };
    assert_not_found(store.get_category_sample_files(&owner, &missing).await, ObjectKind::CategorySample);

    let seventeen = (0..17).map(|i| sample(&format!("{i}.pdf"), b"x")).collect();
    store.add_category_samples(&owner, &upload(seventeen)).await.unwrap();
    assert_conflict(store.add_category_samples(&owner, &upload(vec![sample("z.pdf", b"z")])).await, &["20"]);

    let (_, all) = store.list_category_samples(&owner, ws, id, PAGE).await.unwrap();
    let all_ids: Vec<i64> = all.iter().map(|s| s.id).collect();
    let delete = |sample_ids| SampleDeletion { workspace_id: ws, category_id: id, sample_ids };
    assert_conflict(store.delete_category_samples(&owner, &delete(all_ids.clone())).await, &["at least one sample"]);
    assert_not_found(
        store.delete_category_samples(&owner, &delete(vec![all_ids[0], 404])).await,
        ObjectKind::CategorySample,
    );
    store.delete_category_samples(&owner, &delete(all_ids[1..].to_vec())).await.unwrap();
    assert_eq!(store.list_category_samples(&owner, ws, id, PAGE).await.unwrap().0, 1);
}

async fn deleting_categories_is_all_or_nothing_and_takes_everything(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let id = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let both = CategoryDeletion { workspace_id: ws, category_ids: vec![id, 404] };
    assert_not_found(store.delete_categories(&owner, &both).await, ObjectKind::Category);
    assert!(store.get_category(&owner, ws, id).await.is_ok());

    store.delete_categories(&owner, &CategoryDeletion { workspace_id: ws, category_ids: vec![id] }).await.unwrap();
    assert_not_found(store.get_category_tree(&owner, ws, id).await, ObjectKind::Category);
    // The name is free again, and nothing of the old category is left behind.
    let again = store.create_category(&owner, &category(ws, "Invoice")).await.unwrap();
    let tree = store.get_category_tree(&owner, ws, again).await.unwrap();
    assert_eq!((tree.fields.len(), tree.tables.len(), tree.samples.len()), (2, 1, 1));

    store.delete_workspaces(&owner, &WorkspaceDeletion { workspace_ids: vec![ws] }).await.unwrap();
    assert!(store.category_specs(ws).await.unwrap().is_empty());
}

async fn specs_list_enabled_categories_in_creation_order(store: Store) {
    let owner = app(&store, 1).await;
    let ws = workspace(&store, &owner).await;
    let mut invoice = category(ws, "Invoice");
    invoice.keyword_rules = rules(&["invoice"]);
    invoice.fields =
        vec![FieldConfig { alias: vec!["Inv. No".into()], identity: "invoice_no".into(), ..field("Invoice No") }];
    let invoice_id = store.create_category(&owner, &invoice).await.unwrap();
    let receipt_id = store.create_category(&owner, &category(ws, "Receipt")).await.unwrap();
    let draft_id = store.create_category(&owner, &category(ws, "Draft")).await.unwrap();
    store
        .update_category(&owner, &CategoryPatch { enabled: Some(Enabled::Draft), ..patch(ws, draft_id) })
        .await
        .unwrap();

    let specs = store.category_specs(ws).await.unwrap();
    assert_eq!(specs.iter().map(|s| s.id).collect::<Vec<_>>(), [invoice_id, receipt_id]);
    let spec = &specs[0];
    assert_eq!((spec.name.as_str(), &spec.keyword_rules), ("Invoice", &invoice.keyword_rules));
    assert_eq!(spec.fields[0].alias, ["Inv. No"]);
    assert_eq!(spec.fields[0].identity.as_deref(), Some("invoice_no"));
    assert_eq!(specs[1].fields[0].identity, None);
    assert_eq!(spec.tables[0].name, "Items");
    assert_eq!(spec.tables[0].fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(), ["Date", "Amount"]);

    assert_eq!(store.category_spec_by_name(ws, "Draft").await.unwrap().id, draft_id);
    match store.category_spec_by_name(ws, "invoice").await {
        Err(StoreError::NotFound { kind: ObjectKind::Category, message }) => assert!(message.contains("\"invoice\"")),
        other => panic!("expected category not found, got {other:?}"),
    }
}

support::on_both_backends!(
    a_category_is_created_with_everything_it_starts_with,
    category_names_are_unique_in_a_workspace_only,
    categories_are_found_only_in_their_visible_workspace,
    the_listing_filters_by_state_and_pages_newest_first,
    a_model_update_cascades_to_every_field_and_table,
    enabled_categories_cannot_share_a_keyword_rule_group,
    fields_are_added_changed_and_deleted_all_or_nothing,
    a_category_holds_at_most_one_hundred_fields,
    table_columns_follow_their_table,
    tables_are_added_with_their_columns_and_unique_names,
    samples_keep_their_bytes_and_one_must_remain,
    deleting_categories_is_all_or_nothing_and_takes_everything,
    specs_list_enabled_categories_in_creation_order,
);
