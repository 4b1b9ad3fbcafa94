//! Fields and tables of a category.

use super::*;

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

crate::support::on_both_backends!(
    fields_are_added_changed_and_deleted_all_or_nothing,
    a_category_holds_at_most_one_hundred_fields,
    table_columns_follow_their_table,
    tables_are_added_with_their_columns_and_unique_names,
);
