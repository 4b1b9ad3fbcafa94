//! One date text, one day: a workspace's `date_order` is how extraction's
//! `datetime` transform and the rule expressions both read `03/05/2024`, and
//! a time filter a client types is never guessed.

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::files::upload;
use crate::helpers::{TestApp, assert_error, assert_success, read};
use crate::review::run_all;

/// An invoice whose dates are written with the year last and slashes.
const INVOICE: &str = "ACME Supplies Ltd.\nInvoice No.: INV-2024-0042\nInvoice Date: 03/05/2024\n\
                       Due Date: 03/05/2024\nTotal: 1,234.50\n";

/// An Invoice category of `ws`: `Invoice Date` has a `datetime` transform,
/// `Due Date` is kept as written.
async fn invoice_category(app: &TestApp, ws: &str) {
    let fields = json!([
        {"name": "Invoice Date", "transform_settings": {"type": "datetime", "datetime_settings": {"format": "yyyy-MM-dd"},
                                                        "mismatch_action": {"mode": "warning"}}},
        {"name": "Due Date"},
        {"name": "Total"}
    ]);
    let form = Form::new()
        .text("workspace_id", ws.to_owned())
        .text("name", "Invoice")
        .text("extract_model", "Acgpt")
        .text("fields", fields.to_string())
        .part("sample_files", Part::bytes(INVOICE.as_bytes().to_vec()).file_name("sample.txt"));
    let request = app
        .http
        .post(app.url("/category/create"))
        .header("x-ti-app-id", &app.app.app_id)
        .header("x-ti-secret-code", &app.app.secret_code)
        .multipart(form);
    let (status, envelope) = read(request.send().await.unwrap()).await;
    assert_success(status, &envelope);
}

fn field<'a>(file: &'a Value, key: &str) -> &'a str {
    let fields = file["data"]["fields"].as_array().unwrap();
    fields.iter().find(|f| f["key"] == key).and_then(|f| f["value"].as_str()).unwrap_or_else(|| panic!("{key}"))
}

fn rule_verdict(result: &Value) -> (i64, String) {
    let rule = &result["groups"][0]["review_tasks"][0];
    (rule["review_result"].as_i64().unwrap(), rule["reasoning"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_day_first_workspace_reads_03_05_2024_as_3_may_in_extraction_and_in_rules() {
    let app = TestApp::spawn().await;
    let created = app
        .ok_post("/workspace/create", json!({"name": "EU invoices", "auth_scope": 0, "date_order": "day_first"}))
        .await;
    let ws = created["workspace_id"].as_str().unwrap().to_owned();
    invoice_category(&app, &ws).await;
    let (status, envelope) =
        upload(&app, &format!("workspace_id={ws}&category=Invoice&batch_number=B1"), &[("inv.txt", INVOICE.into())])
            .await;
    assert_success(status, &envelope);

    let repo =
        app.ok_post("/review/rule_repo/create", json!({"workspace_id": ws, "name": "Dates"})).await["repo_id"].clone();
    let group = app
        .ok_post("/review/rule_group/create", json!({"workspace_id": ws, "repo_id": repo, "name": "Dates"}))
        .await["group_id"]
        .clone();
    // The transformed field, the field as written and a literal must all be 3 May.
    let expression = r#"doc.Invoice.fields["Invoice Date"] == "2024-05-03"
        && date(doc.Invoice.fields["Due Date"]) == date("2024-05-03")
        && date("03/05/2024") == date(doc.Invoice.fields["Invoice Date"])
        && days_between(doc.Invoice.fields["Due Date"], "4 May 2024") == 1"#;
    app.ok_post(
        "/review/rule/create",
        json!({"workspace_id": ws, "repo_id": repo, "group_id": group, "name": "Issued on 3 May",
               "prompt": "The invoice was issued on 3 May 2024.", "expression": expression}),
    )
    .await;
    let submitted = app
        .ok_post(
            "/review/task/submit",
            json!({"workspace_id": ws, "name": "May", "repo_id": repo, "batch_number": "B1"}),
        )
        .await;
    run_all(&app).await;

    let fetched = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    let file = &fetched["files"][0];
    assert_eq!((field(file, "Invoice Date"), field(file, "Due Date")), ("2024-05-03", "03/05/2024"), "{file}");
    let task = json!({"workspace_id": ws, "task_id": submitted["task_id"]});
    let (result, reasoning) = rule_verdict(&app.ok_post("/review/task/result", task.clone()).await);
    assert_eq!(result, 1, "{reasoning}");

    // Under `refuse` the same rule cannot read the date as written, and says why.
    app.ok_post("/workspace/update", json!({"workspace_id": ws, "date_order": "refuse"})).await;
    app.ok_post("/review/task/retry", task.clone()).await;
    run_all(&app).await;
    let (result, reasoning) = rule_verdict(&app.ok_post("/review/task/result", task).await);
    assert_eq!(result, 2, "{reasoning}");
    assert!(reasoning.contains(r#""03/05/2024" is not a date (the day and month are ambiguous"#), "{reasoning}");
    assert!(reasoning.contains("date_order"), "{reasoning}");

    // And extraction keeps the ambiguous value as written, for a person to look at.
    let fetched = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    let task_id = fetched["files"][0]["task_id"].clone();
    app.ok_post("/file/retry", json!({"workspace_id": ws, "task_id": task_id})).await;
    run_all(&app).await;
    let fetched = app.ok_get(&format!("/file/fetch?workspace_id={ws}")).await;
    assert_eq!(field(&fetched["files"][0], "Invoice Date"), "03/05/2024", "{fetched}");
}

#[tokio::test]
async fn a_time_filter_with_an_ambiguous_order_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let (status, envelope) = app.get(&format!("/file/fetch?workspace_id={ws}&start_time=03/05/2024")).await;
    assert_error(status, &envelope, 400, &["start_time", "03/05/2024", "ambiguous", "write the year first"]);
    let (status, envelope) = app.get(&format!("/review/task/list?workspace_id={ws}&end_time=03/05/2024")).await;
    assert_error(status, &envelope, 400, &["end_time", "ambiguous"]);
    for unambiguous in ["2024-03-05", "2024-03-05T10:20:30Z", "31/01/2024"] {
        app.ok_get(&format!("/file/fetch?workspace_id={ws}&start_time={unambiguous}")).await;
    }
}
