//! `category/tables/*`.

use serde_json::json;

use super::form::{invoice, text};
use crate::helpers::{TestApp, assert_error};

#[tokio::test]
async fn tables_are_added_with_their_fields_and_listed() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let added = app
        .ok_post(
            "/category/tables/batch_add",
            json!({"workspace_id": ws, "category_id": id, "with_detail": true, "tables": [
                {"name": "Fees", "prompt": "Every fee", "extract_model": "DF-M1", "fields": [{"name": "Fee"}]},
                {"name": "Stays", "collect_from_multi_table": true}]}),
        )
        .await;
    let fees = text(&added[0], "table_id");
    assert_eq!(
        (
            added[0]["prompt"].as_str(),
            added[0]["extract_model"].as_str(),
            added[0]["fields"][0]["extract_model"].as_str()
        ),
        (Some("Every fee"), Some("DF-M1"), Some("DF-M1"))
    );
    assert_eq!(
        (added[1]["collect_from_multi_table"].as_bool(), added[1]["extract_model"].as_str()),
        (Some(true), Some("Acgpt"))
    );

    let listed = app.ok_get(&format!("/category/tables/list?workspace_id={ws}&category_id={id}")).await;
    let tables = listed["tables"].as_array().unwrap();
    assert_eq!(tables.iter().map(|t| text(t, "name")).collect::<Vec<_>>(), ["Items", "Fees", "Stays"]);
    assert_eq!(
        tables[1],
        json!({"id": fees, "name": "Fees", "description": "", "prompt": "Every fee",
               "collect_from_multi_table": false, "extract_model": "DF-M1"})
    );
    // A table with its own model makes the category mixed.
    let category = app.ok_get(&format!("/category/list?workspace_id={ws}")).await;
    assert_eq!(category["categories"][0]["extract_model"], "mixed");

    let plain = app
        .ok_post(
            "/category/tables/batch_add",
            json!({"workspace_id": ws, "category_id": id, "tables": [{"name": "More"}]}),
        )
        .await;
    assert_eq!(plain[0].as_object().unwrap().keys().collect::<Vec<_>>(), ["table_id"]);
}

#[tokio::test]
async fn bad_tables_are_refused_whole() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let add = |tables| json!({"workspace_id": ws, "category_id": id, "tables": tables});
    let cases = [
        (add(json!([{"name": "New"}, {"name": "Items"}])), 40900, vec!["Items", "already exists"]),
        (
            add(json!([{"name": "T", "extract_model": "Acgpt-VL", "collect_from_multi_table": true}])),
            400,
            vec!["tables[0].collect_from_multi_table", "Acgpt-VL"],
        ),
        (add(json!([{"name": "T", "prompt": "p".repeat(201)}])), 400, vec!["tables[0].prompt", "200"]),
        (add(json!([{"prompt": "x"}])), 400, vec!["tables[0].name", "required"]),
        (add(json!([{"name": "T", "fields": [{"name": "a"}, {"name": "a"}]}])), 400, vec!["tables[0].fields[1].name"]),
    ];
    for (body, code, words) in cases {
        let (status, envelope) = app.post("/category/tables/batch_add", body).await;
        assert_error(status, &envelope, code, &words);
    }
    let listed = app.ok_get(&format!("/category/tables/list?workspace_id={ws}&category_id={id}")).await;
    assert_eq!(listed["tables"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn tables_are_updated_and_deleted_with_their_fields() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    let items = text(&listed["tables"][0], "id");
    let column = text(&listed["tables"][0]["fields"][0], "id");

    let updated = app
        .ok_post(
            "/category/tables/batch_update",
            json!({"workspace_id": ws, "category_id": id, "with_detail": true,
                   "tables": [{"table_id": items, "name": "Lines", "extract_model": "DF-M1"}]}),
        )
        .await;
    assert_eq!(
        (updated[0]["name"].as_str(), updated[0]["fields"][1]["extract_model"].as_str()),
        (Some("Lines"), Some("DF-M1"))
    );
    let quiet = app
        .ok_post(
            "/category/tables/batch_update",
            json!({"workspace_id": ws, "category_id": id, "tables": [{"table_id": items, "prompt": "rows"}]}),
        )
        .await;
    assert!(quiet.is_null());
    let (status, envelope) = app
        .post(
            "/category/tables/batch_update",
            json!({"workspace_id": ws, "category_id": id, "tables": [{"table_id": items, "name": "X"}, {"table_id": "987654321"}]}),
        )
        .await;
    assert_error(status, &envelope, 1_005_010_002, &["table 987654321"]);

    let (status, envelope) =
        app.post("/category/tables/delete", json!({"workspace_id": ws, "category_id": id, "table_ids": []})).await;
    assert_error(status, &envelope, 400, &["table_ids"]);
    app.ok_post("/category/tables/delete", json!({"workspace_id": ws, "category_id": id, "table_ids": [items]})).await;
    let (status, envelope) =
        app.get(&format!("/category/fields/config?workspace_id={ws}&category_id={id}&field_id={column}")).await;
    assert_error(status, &envelope, 1_005_010_001, &["field"]);
}

#[tokio::test]
async fn the_deprecated_single_table_calls_work() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let added = app
        .ok_post(
            "/category/tables/add",
            json!({"workspace_id": ws, "category_id": id, "name": "Fees", "prompt": "p", "with_detail": true}),
        )
        .await;
    let fees = text(&added, "table_id");
    assert_eq!((added["name"].as_str(), added["fields"].clone()), (Some("Fees"), json!([])));

    let (status, envelope) = app
        .post("/category/tables/update", json!({"workspace_id": ws, "category_id": id, "table_id": fees, "name": "F"}))
        .await;
    assert_error(status, &envelope, 400, &["collect_from_multi_table", "required"]);
    let updated = app
        .ok_post(
            "/category/tables/update",
            json!({"workspace_id": ws, "category_id": id, "table_id": fees, "collect_from_multi_table": true,
                   "name": "Fee lines", "with_detail": true}),
        )
        .await;
    assert_eq!(
        (updated["table_id"].as_str(), updated["collect_from_multi_table"].as_bool()),
        (Some(fees.as_str()), Some(true))
    );
    let (status, envelope) = app
        .post(
            "/category/tables/update",
            json!({"workspace_id": ws, "category_id": id, "table_id": fees, "collect_from_multi_table": true,
                   "extract_model": "Acgpt-VL"}),
        )
        .await;
    assert_error(status, &envelope, 400, &["collect_from_multi_table", "Acgpt-VL"]);
}
