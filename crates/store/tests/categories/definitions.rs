//! Categories themselves: create, names, visibility, listing, update (models and
//! keyword rules), delete.

use super::*;

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

crate::support::on_both_backends!(
    a_category_is_created_with_everything_it_starts_with,
    category_names_are_unique_in_a_workspace_only,
    categories_are_found_only_in_their_visible_workspace,
    the_listing_filters_by_state_and_pages_newest_first,
    a_model_update_cascades_to_every_field_and_table,
    enabled_categories_cannot_share_a_keyword_rule_group,
    deleting_categories_is_all_or_nothing_and_takes_everything,
);
