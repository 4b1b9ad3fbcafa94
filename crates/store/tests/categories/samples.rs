//! Sample files, and the category specs the extraction pipeline reads.

use super::*;

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

crate::support::on_both_backends!(
    samples_keep_their_bytes_and_one_must_remain,
    specs_list_enabled_categories_in_creation_order,
);
