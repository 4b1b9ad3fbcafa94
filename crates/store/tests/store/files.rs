//! Files: fetch filters, corrected results, deletion by any condition, the
//! workspace's date order in what extraction and review read.

use docreview_core::states::FileStatus;
use docreview_core::validation::Page;
use docreview_core::workspace::WorkspacePatch;
use docreview_engine::workflow;
use docreview_store::files::{FileDeletion, FileFilter, FileRef, PipelineInput};
use docreview_store::jobs::JobKind;
use docreview_store::{ObjectKind, Store, StoreError};
use docreview_text::DateOrder;
use docreview_wire::file::{ExtractionData, KeyValue, Position};

use crate::jobs::{outcome, uploaded};

const PAGE: Page = Page { page: 1, page_size: 100 };

async fn extract_all(store: &Store) {
    while let Some(claim) = store.claim_job(JobKind::Extract, 60_000).await.unwrap() {
        assert!(workflow::extraction::commit(store, &claim, &outcome("Invoice")).await.unwrap());
    }
}

async fn files_are_fetched_by_every_filter(store: Store) {
    let (caller, ws, files) = uploaded(&store, 3).await;
    let filter = |f: FileFilter| FileFilter { workspace_id: ws, ..f };
    let (total, rows) = store.fetch_files(&caller, &filter(FileFilter::default()), PAGE).await.unwrap();
    assert_eq!((total, rows[0].id, rows[0].recognition_status), (3, files[2], FileStatus::Pending));
    extract_all(&store).await;

    let by_file = filter(FileFilter { file_id: Some(files[1]), ..Default::default() });
    let (total, rows) = store.fetch_files(&caller, &by_file, PAGE).await.unwrap();
    assert_eq!((total, rows[0].category.as_str(), rows[0].recognition_status), (1, "Invoice", FileStatus::Succeeded));
    let by_task = filter(FileFilter { task_id: Some(rows[0].task_id), ..Default::default() });
    assert_eq!(store.fetch_files(&caller, &by_task, PAGE).await.unwrap().1[0].id, files[1]);
    for (f, expected) in [
        (FileFilter { batch_number: Some("batch-1".into()), ..Default::default() }, 3),
        (FileFilter { batch_number: Some("other".into()), ..Default::default() }, 0),
        (FileFilter { category: Some("Invoice".into()), ..Default::default() }, 3),
        (FileFilter { recognition_status: Some(2), ..Default::default() }, 0),
        (FileFilter { updated_from: Some(i64::MAX - 1), ..Default::default() }, 0),
    ] {
        assert_eq!(store.fetch_files(&caller, &filter(f), PAGE).await.unwrap().0, expected);
    }
    let second_page = store.fetch_files(&caller, &filter(FileFilter::default()), Page { page: 2, page_size: 2 }).await;
    assert_eq!(second_page.unwrap().1.iter().map(|r| r.id).collect::<Vec<_>>(), vec![files[0]]);
}

async fn corrected_data_replaces_the_result_but_only_when_finished(store: Store) {
    let (caller, ws, files) = uploaded(&store, 1).await;
    let data = ExtractionData {
        fields: vec![KeyValue {
            key: "Total".into(),
            value: "100.00".into(),
            position: vec![Position { page: 0, vertices: vec![1, 2, 3, 4, 5, 6, 7, 8] }],
            identifier: None,
            confidence: None,
            extract_model: None,
            config_model: None,
        }],
        ..Default::default()
    };
    let item = [(ws, FileRef::File(files[0]), data.clone())];
    let busy = workflow::extraction::correct(&store, &caller, &item).await.unwrap_err();
    assert!(matches!(busy, StoreError::Conflict(_)), "{busy}");
    extract_all(&store).await;
    workflow::extraction::correct(&store, &caller, &item).await.unwrap();
    let (_, rows) =
        store.fetch_files(&caller, &FileFilter { workspace_id: ws, ..Default::default() }, PAGE).await.unwrap();
    assert_eq!(rows[0].data.as_ref(), Some(&data));
    assert_eq!(rows[0].result_version, 2);
    let missing = [(ws, FileRef::File(404), data)];
    match workflow::extraction::correct(&store, &caller, &missing).await {
        Err(StoreError::NotFound { kind: ObjectKind::File, .. }) => {}
        other => panic!("expected file not found, got {other:?}"),
    }
}

async fn deletion_takes_files_matching_any_condition(store: Store) {
    let (caller, ws, files) = uploaded(&store, 4).await;
    let (_, rows) =
        store.fetch_files(&caller, &FileFilter { workspace_id: ws, ..Default::default() }, PAGE).await.unwrap();
    let task_of = |id: i64| rows.iter().find(|r| r.id == id).unwrap().task_id;
    let deletion = FileDeletion {
        workspace_id: ws,
        file_ids: vec![files[0], files[0]],
        task_ids: vec![task_of(files[1]), task_of(files[0])],
        ..Default::default()
    };
    assert_eq!(store.delete_files(&caller, &deletion).await.unwrap(), 2);
    assert_eq!(store.queue_depth(JobKind::Extract).await.unwrap().queued, 2, "their jobs went with them");
    let everything = FileDeletion { workspace_id: ws, created_from: Some(0), ..Default::default() };
    assert_eq!(store.delete_files(&caller, &everything).await.unwrap(), 2);
    let by_batch = FileDeletion { workspace_id: ws, batch_numbers: vec!["batch-1".into()], ..Default::default() };
    assert_eq!(store.delete_files(&caller, &by_batch).await.unwrap(), 0);
}

async fn extraction_and_review_read_files_with_their_workspaces_date_order(store: Store) {
    let (caller, ws, files) = uploaded(&store, 1).await;
    let order = |input: Option<PipelineInput>| input.map(|i| i.date_order);
    assert_eq!(order(store.pipeline_input(files[0]).await.unwrap()), Some(DateOrder::MonthFirst));
    let patch = WorkspacePatch {
        workspace_id: ws,
        name: None,
        description: None,
        auth_scope: None,
        callback_url: None,
        callback_retry_time: None,
        date_order: Some(DateOrder::DayFirst),
    };
    store.update_workspace(&caller, &patch).await.unwrap();
    assert_eq!(order(store.pipeline_input(files[0]).await.unwrap()), Some(DateOrder::DayFirst));
    extract_all(&store).await;
    let (_, rows) =
        store.fetch_files(&caller, &FileFilter { workspace_id: ws, ..Default::default() }, PAGE).await.unwrap();
    let reviewed = store.files_by_task_ids(ws, &[rows[0].task_id]).await.unwrap();
    assert_eq!((rows[0].date_order, reviewed[0].date_order), (DateOrder::DayFirst, DateOrder::DayFirst));
}

crate::support::on_both_backends!(
    files_are_fetched_by_every_filter,
    corrected_data_replaces_the_result_but_only_when_finished,
    deletion_takes_files_matching_any_condition,
    extraction_and_review_read_files_with_their_workspaces_date_order,
);
