//! `category/create`, `list`, `update`, `delete`.

use serde_json::{Value, json};

use super::form::{Form, invoice, invoice_form, ok_form, post_form, post_multipart, text};
use crate::helpers::{TestApp, assert_error};

const RULES: &str = r#"{"positive_rules": [{"group_name": "g", "min_hit": 1, "words": ["In voice", "VAT"]}],
    "negative_rules": [{"min_hit": 1, "words": ["receipt"]}]}"#;

#[tokio::test]
async fn a_category_is_created_with_everything_and_returned_in_detail() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let form = invoice_form(&ws, "Invoice")
        .text("category_prompt", "VAT invoices")
        .text("description", "Supplier invoices")
        .text("category_keyword_rules", RULES)
        .text("with_detail", "true")
        .file("sample_files", "b.png", b"\x89PNG");
    let created = ok_form(&app, "/category/create", form).await;

    let field_ids: Vec<String> = created["fields"].as_array().unwrap().iter().map(|f| text(f, "id")).collect();
    let table = &created["tables"][0];
    let column_ids: Vec<String> = table["fields"].as_array().unwrap().iter().map(|f| text(f, "id")).collect();
    let sample_ids: Vec<String> = created["samples"].as_array().unwrap().iter().map(|s| text(s, "sample_id")).collect();
    let field = |id: &str, name: &str| {
        json!({"id": id, "name": name, "description": "", "prompt": "", "use_prompt": false, "alias": [],
               "identity": "", "multi_value": false, "duplicate_value_distinct": false,
               "transform_settings": null, "extract_model": "Acgpt", "enabled": 1})
    };
    let expected = json!({
        "category_id": text(&created, "category_id"),
        "name": "Invoice", "description": "Supplier invoices", "category_prompt": "VAT invoices",
        "category_keyword_rules": {
            "positive_rules": [{"group_name": "g", "min_hit": 1, "words": ["invoice", "vat"]}],
            "negative_rules": [{"group_name": "exclude", "min_hit": 1, "words": ["receipt"]}]},
        "extract_model": "Acgpt", "enabled": 1,
        "fields": [field(&field_ids[0], "Invoice No"), field(&field_ids[1], "Total")],
        "tables": [{"id": text(table, "id"), "name": "Items", "description": "", "prompt": "",
                    "collect_from_multi_table": false, "extract_model": "Acgpt",
                    "fields": [field(&column_ids[0], "Date"), field(&column_ids[1], "Amount")]}],
        "samples": [{"sample_id": sample_ids[0], "file_name": "a.pdf"},
                    {"sample_id": sample_ids[1], "file_name": "b.png"}],
    });
    assert_eq!(created, expected);

    let plain = ok_form(&app, "/category/create", invoice_form(&ws, "Receipt")).await;
    assert_eq!(plain.as_object().unwrap().keys().collect::<Vec<_>>(), ["category_id"]);
}

#[tokio::test]
async fn a_bad_create_form_is_answered_with_the_part_at_fault() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let base = || {
        Form::default().text("workspace_id", &ws).text("name", "Invoice").text("extract_model", "Acgpt").file(
            "sample_files",
            "a.pdf",
            b"%PDF",
        )
    };
    let bad_regex =
        json!([{"name": "Code", "transform_settings": {"type": "regex", "regex_settings": {"match": "(a"}}}]);
    let cases: Vec<(Form, i64, Vec<&str>)> = vec![
        (base(), 400, vec!["fields", "required"]),
        (base().text("fields", "[{\"name\": "), 400, vec!["fields", "not valid JSON"]),
        (base().text("fields", "[{\"name\": 5}]"), 400, vec!["fields[0].name", "invalid type"]),
        (base().text("fields", "[{}]"), 400, vec!["fields[0].name", "required"]),
        (
            base().text("fields", &bad_regex.to_string()),
            400,
            vec!["fields[0].transform_settings.regex_settings.match", "unclosed group"],
        ),
        (base().text("fields", "[{\"name\": \"a\"}]").text("tables", "{}"), 400, vec!["tables", "invalid type"]),
        (
            base().text("fields", "[{\"name\": \"a\"}]").text("category_keyword_rules", "{\"positive_rules\": []}"),
            400,
            vec!["category_keyword_rules.negative_rules", "required"],
        ),
        (base().text("fields", "[{\"name\": \"a\"}]").text("with_detail", "maybe"), 400, vec!["with_detail"]),
        (
            base().text("fields", "[{\"name\": \"a\"}]").text("workspace_id", "x"),
            400,
            vec!["workspace_id", "sent twice"],
        ),
        (
            Form::default()
                .text("workspace_id", &ws)
                .text("name", "I")
                .text("extract_model", "Acgpt")
                .text("fields", "[{\"name\": \"a\"}]"),
            400,
            vec!["sample_files", "1 to 10 files, got 0"],
        ),
        (
            base().text("fields", "[{\"name\": \"a\"}]").file("sample_files", "virus.exe", b"MZ"),
            400,
            vec!["sample_files[1]", "not a supported format"],
        ),
        (base().text("fields", "[{\"name\": \"a\"}]").text("extract_model", "GPT"), 400, vec!["extract_model"]),
    ];
    for (form, code, words) in cases {
        let (status, envelope) = post_form(&app, "/category/create", form).await;
        assert_error(status, &envelope, code, &words);
    }

    let eleven = (0..11).fold(base().text("fields", "[{\"name\": \"a\"}]"), |form, i| {
        form.file("sample_files", &format!("{i}.pdf"), b"%PDF")
    });
    let (status, envelope) = post_form(&app, "/category/create", eleven).await;
    assert_error(status, &envelope, 400, &["sample_files", "at most 10 files"]);

    let too_large =
        base().text("fields", "[{\"name\": \"a\"}]").file("sample_files", "big.pdf", &vec![b'x'; 1024 * 1024 + 1]);
    let (status, envelope) = post_form(&app, "/category/create", too_large).await;
    assert_error(status, &envelope, 1_005_016_010, &["big.pdf", "upload limit"]);

    let (status, envelope) = app.post("/category/create", json!({"workspace_id": ws})).await;
    assert_error(status, &envelope, 400, &["multipart/form-data"]);
    let truncated = b"--docreview-test-boundary\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nInv".to_vec();
    let (status, envelope) = post_multipart(&app, "/category/create", truncated).await;
    assert_error(status, &envelope, 400, &["request", "malformed multipart"]);
    let listed = app.ok_get(&format!("/category/list?workspace_id={ws}&enabled=all")).await;
    assert_eq!(listed["total"], 0, "nothing was stored");
}

#[tokio::test]
async fn names_and_keyword_rule_groups_are_unique_in_a_workspace() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let first =
        ok_form(&app, "/category/create", invoice_form(&ws, "Invoice").text("category_keyword_rules", RULES)).await;
    let (status, envelope) = post_form(&app, "/category/create", invoice_form(&ws, "Invoice")).await;
    assert_error(status, &envelope, 40900, &["name", "Invoice", "already exists"]);

    let same_group = r#"{"positive_rules": [{"min_hit": 1, "words": ["vat", "invoice"]}], "negative_rules": []}"#;
    let (status, envelope) =
        post_form(&app, "/category/create", invoice_form(&ws, "Copy").text("category_keyword_rules", same_group)).await;
    assert_error(status, &envelope, 40900, &["category_keyword_rules", "Invoice"]);

    let other = invoice(&app, &ws, "Other").await;
    let (status, envelope) =
        app.post("/category/update", json!({"workspace_id": ws, "category_id": other, "name": "Invoice"})).await;
    assert_error(status, &envelope, 40900, &["Invoice"]);
    assert!(first["category_id"].is_string());
}

#[tokio::test]
async fn the_listing_defaults_to_enabled_categories_and_pages() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let a = invoice(&app, &ws, "A").await;
    let b = invoice(&app, &ws, "B").await;
    let c = invoice(&app, &ws, "C").await;
    app.ok_post("/category/update", json!({"workspace_id": ws, "category_id": b, "enabled": 0})).await;
    app.ok_post("/category/update", json!({"workspace_id": ws, "category_id": c, "enabled": 2})).await;

    let ids =
        |listed: &Value| listed["categories"].as_array().unwrap().iter().map(|c| text(c, "id")).collect::<Vec<_>>();
    let enabled = app.ok_get(&format!("/category/list?workspace_id={ws}")).await;
    assert_eq!(
        enabled["categories"][0],
        json!({"id": a, "name": "A", "description": "", "category_prompt": "",
        "extract_model": "Acgpt", "enabled": 1,
        "category_keyword_rules": {"positive_rules": [], "negative_rules": []}})
    );
    assert_eq!((enabled["total"].as_i64(), enabled["page_size"].as_i64()), (Some(1), Some(20)));
    assert_eq!(ids(&app.ok_get(&format!("/category/list?workspace_id={ws}&enabled=0")).await), [b]);
    assert_eq!(ids(&app.ok_get(&format!("/category/list?workspace_id={ws}&enabled=2")).await), [c]);
    let page = app
        .ok_get(&format!(
            "/category/list?workspace_id={ws}&enabled=all&page=2&page_size=2&exclude_unadded_preset_categories=false"
        ))
        .await;
    assert_eq!((page["total"].as_i64(), ids(&page)), (Some(3), vec![a]));

    let (status, envelope) = app.get(&format!("/category/list?workspace_id={ws}&enabled=yes")).await;
    assert_error(status, &envelope, 400, &["enabled"]);
    let (status, envelope) = app.get("/category/list").await;
    assert_error(status, &envelope, 400, &["workspace_id", "required"]);
}

#[tokio::test]
async fn an_update_cascades_the_model_and_replaces_the_keyword_rules() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let updated = app
        .ok_post(
            "/category/update",
            json!({"workspace_id": ws, "category_id": id, "extract_model": "Model 2", "category_prompt": "p",
                   "category_keyword_rules": serde_json::from_str::<Value>(RULES).unwrap(), "with_detail": true}),
        )
        .await;
    assert_eq!((updated["extract_model"].as_str(), updated["category_prompt"].as_str()), (Some("DF-M1"), Some("p")));
    assert_eq!(updated["category_keyword_rules"]["positive_rules"][0]["words"], json!(["invoice", "vat"]));

    let listed = app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    let models: Vec<&str> = listed["fields"]
        .as_array()
        .unwrap()
        .iter()
        .chain(listed["tables"][0]["fields"].as_array().unwrap())
        .chain([&listed["tables"][0]])
        .map(|f| f["extract_model"].as_str().unwrap())
        .collect();
    assert_eq!(models, ["DF-M1"; 5]);

    let cleared = app
        .ok_post(
            "/category/update",
            json!({"workspace_id": ws, "category_id": id, "with_detail": true,
                   "category_keyword_rules": {"positive_rules": [], "negative_rules": []}}),
        )
        .await;
    assert_eq!(cleared["category_keyword_rules"], json!({"positive_rules": [], "negative_rules": []}));
    assert_eq!(cleared["category_prompt"], "p", "absent properties are kept");

    let quiet =
        app.ok_post("/category/update", json!({"workspace_id": ws, "category_id": id, "name": "Renamed"})).await;
    assert!(quiet.is_null());

    let (status, envelope) = app
        .post("/category/update", json!({"workspace_id": ws, "category_id": id, "category_keyword_rules": {}}))
        .await;
    assert_error(status, &envelope, 400, &["category_keyword_rules.positive_rules", "required"]);
    let (status, envelope) =
        app.post("/category/update", json!({"workspace_id": ws, "category_id": id, "extract_model": "mixed"})).await;
    assert_error(status, &envelope, 400, &["extract_model"]);
    let (status, envelope) =
        app.post("/category/update", json!({"workspace_id": ws, "category_id": "987654321", "name": "x"})).await;
    assert_error(status, &envelope, 1_005_010_000, &["category 987654321"]);
}

#[tokio::test]
async fn a_delete_takes_the_categorys_fields_tables_and_samples_all_or_nothing() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let (status, envelope) =
        app.post("/category/delete", json!({"workspace_id": ws, "category_ids": [id, "987654321"]})).await;
    assert_error(status, &envelope, 1_005_010_000, &["987654321"]);
    app.ok_get(&format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;

    app.ok_post("/category/delete", json!({"workspace_id": ws, "category_ids": [id]})).await;
    for path in ["fields/list", "tables/list", "sample/list"] {
        let (status, envelope) = app.get(&format!("/category/{path}?workspace_id={ws}&category_id={id}")).await;
        assert_error(status, &envelope, 1_005_010_000, &["category"]);
    }
}

#[tokio::test]
async fn another_apps_private_workspace_hides_its_categories() {
    let app = TestApp::spawn().await;
    let ws = app.workspace().await;
    let id = invoice(&app, &ws, "Invoice").await;
    let stranger = app.new_app(None).await;
    let (status, envelope) =
        app.get_as(&stranger, &format!("/category/fields/list?workspace_id={ws}&category_id={id}")).await;
    assert_error(status, &envelope, 1_005_006_000, &["workspace"]);
}
