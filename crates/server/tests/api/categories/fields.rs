//! `category/fields/*`.

use serde_json::{Value, json};

use super::form::{invoice, text};
use crate::helpers::{TestApp, assert_error};

async fn setup(app: &TestApp) -> (String, String, String) {
    let ws = app.workspace().await;
    let id = invoice(app, &ws, "Invoice").await;
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    (ws, id, text(&listed["tables"][0], "id"))
}

#[tokio::test]
async fn fields_are_added_as_regular_fields_or_table_columns() {
    let app = TestApp::spawn().await;
    let (ws, id, table) = setup(&app).await;
    let transform = json!({"type": "datetime", "datetime_settings": {"format": "yyyy-MM-dd"},
                           "mismatch_action": {"mode": "default", "default_value": "N/A"}});
    let added = app
        .ok_post(
            "/category/fields/batch_add",
            json!({"workspace_id": ws, "category_id": id, "with_detail": true, "fields": [
                {"name": "Issued", "alias": ["Date"], "identity": "issued", "transform_settings": transform},
                {"name": "Seller", "prompt": "The company that sells", "multi_value": true}]}),
        )
        .await;
    assert_eq!(added[0]["transform_settings"], transform);
    assert_eq!((added[0]["alias"].clone(), added[0]["identity"].clone()), (json!(["Date"]), json!("issued")));
    assert_eq!((added[1]["use_prompt"].clone(), added[1]["multi_value"].clone()), (json!(true), json!(true)));
    assert!(added[0]["field_id"].is_string() && added[0]["extract_model"] == "Acgpt");

    let columns = app
        .ok_post(
            "/category/fields/batch_add",
            json!({"workspace_id": ws, "category_id": id, "table_id": table, "fields": [{"name": "Total"}]}),
        )
        .await;
    assert_eq!(columns.as_array().unwrap().len(), 1);
    assert_eq!(columns[0].as_object().unwrap().keys().collect::<Vec<_>>(), ["field_id"]);

    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    let names = |list: &Value| list.as_array().unwrap().iter().map(|f| text(f, "name")).collect::<Vec<_>>();
    assert_eq!(names(&listed["fields"]), ["Invoice No", "Total", "Issued", "Seller"]);
    assert_eq!(names(&listed["tables"][0]["fields"]), ["Date", "Amount", "Total"]);
}

#[tokio::test]
async fn a_batch_add_is_refused_whole() {
    let app = TestApp::spawn().await;
    let (ws, id, table) = setup(&app).await;
    let add = |fields: Value| json!({"workspace_id": ws, "category_id": id, "fields": fields});
    let cases = [
        (add(json!([{"name": "New"}, {"name": "Total"}])), 40900, vec!["Total", "already exists"]),
        (add(json!([{"name": "A"}, {"name": "A"}])), 400, vec!["fields[1].name"]),
        (add(json!([])), 400, vec!["fields", "at least 1"]),
        (
            add(json!([{"name": "A", "transform_settings": {"type": "enumerate"}}])),
            400,
            vec!["fields[0].transform_settings.enumerate_settings", "required"],
        ),
        (
            add(json!([{"name": "A", "transform_settings": {"type": "regex", "regex_settings": {"match": "[z-a]"}}}])),
            400,
            vec!["fields[0].transform_settings.regex_settings.match", "invalid character class range"],
        ),
        (
            add(json!([{"name": "A", "transform_settings": {"type": "datetime", "datetime_settings": {"format": "x"},
                "mismatch_action": {"mode": "skip"}}}])),
            400,
            vec!["fields[0].transform_settings.mismatch_action.mode"],
        ),
        (
            json!({"workspace_id": ws, "category_id": id, "table_id": "987654321", "fields": [{"name": "A"}]}),
            1_005_010_002,
            vec!["table 987654321"],
        ),
        (
            json!({"workspace_id": ws, "category_id": id, "table_id": table, "fields": [{"name": "Date"}]}),
            40900,
            vec!["Date", "table"],
        ),
    ];
    for (body, code, words) in cases {
        let (status, envelope) = app.post("/category/fields/batch_add", body).await;
        assert_error(status, &envelope, code, &words);
    }
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    assert_eq!(listed["fields"].as_array().unwrap().len(), 2, "no field was added");
}

#[tokio::test]
async fn a_batch_update_keeps_absent_properties_and_clears_empty_ones() {
    let app = TestApp::spawn().await;
    let (ws, id, _) = setup(&app).await;
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    let (first, second) = (text(&listed["fields"][0], "id"), text(&listed["fields"][1], "id"));
    let update = |fields: Value, detail: bool| json!({"workspace_id": ws, "category_id": id, "fields": fields, "with_detail": detail});

    let transform = json!({"type": "enumerate", "enumerate_settings": {"items": ["A", "B"]}});
    let changed = app
        .ok_post(
            "/category/fields/batch_update",
            update(json!([{"field_id": first, "alias": ["No.", "Number"], "identity": "no", "transform_settings": transform},
                          {"field_id": second, "description": "Gross", "extract_model": "DF-M1"}]), true),
        )
        .await;
    assert_eq!(
        (changed[0]["field_id"].as_str(), changed[0]["alias"].clone()),
        (Some(first.as_str()), json!(["No.", "Number"]))
    );
    assert_eq!(
        (changed[1]["description"].as_str(), changed[1]["extract_model"].as_str()),
        (Some("Gross"), Some("DF-M1"))
    );

    let quiet = app
        .ok_post("/category/fields/batch_update", update(json!([{"field_id": first, "name": "Number"}]), false))
        .await;
    assert!(quiet.is_null());
    let cleared = app
        .ok_post(
            "/category/fields/batch_update",
            update(json!([{"field_id": first, "alias": [], "identity": "", "transform_settings": null}]), true),
        )
        .await;
    assert_eq!(
        (
            cleared[0]["name"].clone(),
            cleared[0]["alias"].clone(),
            cleared[0]["identity"].clone(),
            cleared[0]["transform_settings"].clone()
        ),
        (json!("Number"), json!([]), json!(""), Value::Null)
    );

    let (status, envelope) = app
        .post(
            "/category/fields/batch_update",
            update(json!([{"field_id": first, "name": "X"}, {"field_id": "987654321"}]), false),
        )
        .await;
    assert_error(status, &envelope, 1_005_010_001, &["field 987654321"]);
    let (status, envelope) =
        app.post("/category/fields/batch_update", update(json!([{"field_id": first, "name": "Total"}]), false)).await;
    assert_error(status, &envelope, 40900, &["Total"]);
    let config =
        app.ok_get(&format!("/category/fields/config?workspace_id={ws}&category_id={id}&field_id={first}")).await;
    assert_eq!(config["field_name"], "Number", "the failed batches changed nothing");
}

#[tokio::test]
async fn table_columns_take_the_tables_model() {
    let app = TestApp::spawn().await;
    let (ws, id, table) = setup(&app).await;
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    let column = text(&listed["tables"][0]["fields"][0], "id");
    let (status, envelope) = app
        .post(
            "/category/fields/batch_update",
            json!({"workspace_id": ws, "category_id": id, "table_id": table,
                   "fields": [{"field_id": column, "extract_model": "DF-M1"}]}),
        )
        .await;
    assert_error(status, &envelope, 400, &["fields[0].extract_model", "table"]);
    let (status, envelope) = app
        .post(
            "/category/fields/batch_update",
            json!({"workspace_id": ws, "category_id": id, "fields": [{"field_id": column, "extract_model": "DF-M1"}]}),
        )
        .await;
    assert_error(status, &envelope, 40900, &["extract_model", "column"]);
}

#[tokio::test]
async fn the_deprecated_single_field_calls_and_the_config_work() {
    let app = TestApp::spawn().await;
    let (ws, id, table) = setup(&app).await;
    let added = app
        .ok_post(
            "/category/fields/add",
            json!({"workspace_id": ws, "category_id": id, "name": "Tax", "extract_model": "Model 3",
                   "alias": ["VAT"], "with_detail": true}),
        )
        .await;
    let tax = text(&added, "field_id");
    assert_eq!((added["name"].as_str(), added["extract_model"].as_str()), (Some("Tax"), Some("Acgpt-VL")));

    let column = app
        .ok_post(
            "/category/fields/add",
            json!({"workspace_id": ws, "category_id": id, "table_id": table, "name": "Qty"}),
        )
        .await;
    assert_eq!(column.as_object().unwrap().keys().collect::<Vec<_>>(), ["field_id"]);
    let (status, envelope) = app
        .post(
            "/category/fields/add",
            json!({"workspace_id": ws, "category_id": id, "table_id": table, "name": "Q2", "extract_model": "Acgpt"}),
        )
        .await;
    assert_error(status, &envelope, 400, &["extract_model"]);
    let (status, envelope) = app
        .post("/category/fields/add", json!({"workspace_id": ws, "category_id": id, "name": "Bad", "alias": "VAT"}))
        .await;
    assert_error(status, &envelope, 400, &["alias", "invalid type"]);

    let regex = json!({"type": "regex", "regex_settings": {"match": "^(\\d{4})(\\d{2})$", "replace": "$1-$2"}});
    let updated = app
        .ok_post(
            "/category/fields/update",
            json!({"workspace_id": ws, "category_id": id, "field_id": tax, "multi_value": true,
                   "duplicate_value_distinct": true, "transform_settings": regex, "with_detail": true}),
        )
        .await;
    assert_eq!(updated["field_id"], tax);
    let config =
        app.ok_get(&format!("/category/fields/config?workspace_id={ws}&category_id={id}&field_id={tax}")).await;
    assert_eq!(
        config,
        json!({"field_id": tax, "field_name": "Tax", "alias": ["VAT"], "identity": "", "multi_value": true,
               "duplicate_value_distinct": true, "transform_settings": regex})
    );
    let (status, envelope) = app
        .post("/category/fields/update", json!({"workspace_id": ws, "category_id": id, "field_id": tax, "name": " "}))
        .await;
    assert_error(status, &envelope, 400, &["name", "blank"]);

    app.ok_post(
        "/category/fields/delete",
        json!({"workspace_id": ws, "category_id": id, "field_ids": [tax], "table_id": ""}),
    )
    .await;
    let (status, envelope) =
        app.get(&format!("/category/fields/config?workspace_id={ws}&category_id={id}&field_id={tax}")).await;
    assert_error(status, &envelope, 1_005_010_001, &["field"]);
}

#[tokio::test]
async fn a_delete_naming_a_table_only_deletes_its_columns() {
    let app = TestApp::spawn().await;
    let (ws, id, table) = setup(&app).await;
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    let regular = text(&listed["fields"][0], "id");
    let column = text(&listed["tables"][0]["fields"][0], "id");
    let delete = |ids: Value| json!({"workspace_id": ws, "category_id": id, "table_id": table, "field_ids": ids});

    let (status, envelope) = app.post("/category/fields/delete", delete(json!([column, regular]))).await;
    assert_error(status, &envelope, 1_005_010_001, &[&regular, "table"]);
    app.ok_post("/category/fields/delete", delete(json!([column]))).await;
    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    assert_eq!(
        (listed["fields"].as_array().unwrap().len(), listed["tables"][0]["fields"].as_array().unwrap().len()),
        (2, 1)
    );
}
