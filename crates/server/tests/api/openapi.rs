//! The OpenAPI document describes every endpoint the router serves.

use serde_json::Value;

use crate::helpers::TestApp;

const API: [&str; 55] = [
    "workspace/create",
    "workspace/list",
    "workspace/get",
    "workspace/update",
    "workspace/delete",
    "review/rule_repo/create",
    "review/rule_repo/list",
    "review/rule_repo/get",
    "review/rule_repo/update",
    "review/rule_repo/delete",
    "review/rule_group/create",
    "review/rule_group/update",
    "review/rule_group/delete",
    "review/rule/create",
    "review/rule/update",
    "review/rule/delete",
    "category/create",
    "category/list",
    "category/update",
    "category/delete",
    "category/fields/list",
    "category/fields/batch_add",
    "category/fields/batch_update",
    "category/fields/delete",
    "category/fields/add",
    "category/fields/update",
    "category/fields/config",
    "category/tables/list",
    "category/tables/batch_add",
    "category/tables/batch_update",
    "category/tables/delete",
    "category/tables/add",
    "category/tables/update",
    "category/sample/batch_upload",
    "category/sample/list",
    "category/sample/batch_download",
    "category/sample/delete",
    "category/sample/upload",
    "category/sample/download",
    "file/upload",
    "file/upload/sync",
    "file/fetch",
    "file/page_image",
    "file/update",
    "file/delete",
    "file/retry",
    "file/amend_category",
    "review/task/submit",
    "review/task/result",
    "review/task/retry",
    "review/task/rule/retry",
    "review/task/delete",
    "review/task/list",
    "review/task/rule/history",
    "workspace/callback/list",
];

async fn document(app: &TestApp) -> Value {
    app.http.get(format!("{}/openapi.json", app.address)).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn every_endpoint_is_documented_with_its_request_and_response_schemas() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    assert_eq!(doc["openapi"].as_str().map(|v| &v[..2]), Some("3."));
    let paths = doc["paths"].as_object().unwrap();
    // The API, and /livez, /healthz and /openapi.json.
    assert_eq!(paths.len(), API.len() + 3, "{:?}", paths.keys().collect::<Vec<_>>());
    for endpoint in API {
        let path = format!("/api/app-api/sip/platform/v2/{endpoint}");
        let item = paths.get(&path).unwrap_or_else(|| panic!("{path} is not documented"));
        let (method, operation) = item.as_object().unwrap().iter().next().unwrap();
        let response = &operation["responses"]["200"]["content"]["application/json"]["schema"];
        assert!(!response.is_null(), "{path}: no response schema");
        if method == "post" {
            assert!(!operation["requestBody"].is_null(), "{path}: no request body schema");
        } else {
            assert!(operation["parameters"].as_array().is_some_and(|p| !p.is_empty()), "{path}: no parameters");
        }
    }
    for public in ["/livez", "/healthz", "/openapi.json"] {
        assert!(paths.contains_key(public), "{public} is documented");
    }
    assert!(doc["components"]["securitySchemes"]["app_id"].is_object());
}

#[tokio::test]
async fn the_documented_paths_are_the_served_paths() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let request = app.http.request(method.to_uppercase().parse().unwrap(), format!("{}{path}", app.address));
            let response = request.send().await.unwrap();
            assert_ne!(
                response.status(),
                reqwest::StatusCode::NOT_FOUND,
                "{method} {path} is documented but not served"
            );
            assert_ne!(response.status(), reqwest::StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        }
    }
}

const MULTIPART: [&str; 5] =
    ["file/upload", "file/upload/sync", "category/create", "category/sample/batch_upload", "category/sample/upload"];

/// Every operation of the document, as (path, method, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut all = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            all.push((path.clone(), method.clone(), operation.clone()));
        }
    }
    all
}

fn is_public(path: &str) -> bool {
    ["/livez", "/healthz", "/openapi.json"].contains(&path)
}

/// The schema a `$ref` names in `components/schemas`.
fn schema<'a>(doc: &'a Value, reference: &Value) -> &'a Value {
    let name = reference["$ref"].as_str().unwrap().trim_start_matches("#/components/schemas/");
    &doc["components"]["schemas"][name]
}

#[tokio::test]
async fn operation_ids_are_unique_and_derived_from_the_path() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let mut ids: Vec<String> = Vec::new();
    for (path, method, operation) in operations(&doc) {
        let id = operation["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path}: no operationId"));
        let expected = path.trim_start_matches("/api/app-api/sip/platform/v2/").trim_start_matches('/');
        assert_eq!(id, expected.replace(['/', '.'], "_"), "{method} {path}");
        ids.push(id.to_owned());
    }
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "repeated operationIds");
    assert!(ids.contains(&"review_rule_create".to_owned()));
}

#[tokio::test]
async fn every_operation_declares_the_error_envelopes_it_can_answer_with() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    for (path, method, operation) in operations(&doc) {
        let responses = operation["responses"].as_object().unwrap();
        let declared: Vec<&str> = responses.keys().map(String::as_str).collect();
        for status in ["404", "405", "429", "500"] {
            assert!(declared.contains(&status), "{method} {path} lacks {status}: {declared:?}");
        }
        assert_eq!(declared.contains(&"401"), !is_public(&path), "{method} {path}: 401 only behind credentials");
        let has_body = !operation["requestBody"].is_null();
        assert_eq!(declared.contains(&"413"), has_body, "{method} {path}: 413 only with a request body");
        for (status, response) in responses {
            let description = response.get("description").or_else(|| {
                let name = response["$ref"].as_str()?.trim_start_matches("#/components/responses/");
                doc["components"]["responses"][name].get("description")
            });
            assert!(description.and_then(Value::as_str).is_some_and(|d| !d.is_empty()), "{method} {path} {status}");
        }
    }
}

#[tokio::test]
async fn a_business_error_is_declared_as_the_alternative_of_every_success_behind_credentials() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    for (path, method, operation) in operations(&doc).into_iter().filter(|(path, ..)| !is_public(path)) {
        let json = &operation["responses"]["200"]["content"]["application/json"]["schema"];
        let alternatives = json["oneOf"].as_array().map(Vec::as_slice).unwrap_or_else(|| std::slice::from_ref(json));
        let refs: Vec<&str> = alternatives.iter().filter_map(|a| a["$ref"].as_str()).collect();
        assert!(refs.contains(&"#/components/schemas/BusinessErrorEnvelope"), "{method} {path}: {json}");
        for success in alternatives.iter().filter(|a| a["$ref"] != "#/components/schemas/BusinessErrorEnvelope") {
            let success = schema(&doc, success);
            assert_eq!(success["properties"]["code"]["enum"], serde_json::json!([200]), "{method} {path}");
            assert!(success["required"].as_array().unwrap().contains(&Value::from("result")), "{method} {path}");
        }
    }
}

#[tokio::test]
async fn error_envelopes_list_the_codes_of_their_status_with_a_null_result() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let codes = |name: &str| schemas[name]["properties"]["code"]["enum"].clone();
    assert_eq!(codes("UnauthorizedEnvelope"), serde_json::json!([40101, 40102]));
    assert_eq!(codes("PayloadTooLargeEnvelope"), serde_json::json!([41300]));
    assert_eq!(codes("TooManyRequestsEnvelope"), serde_json::json!([42900]));
    let business = codes("BusinessErrorEnvelope");
    assert!(business.as_array().unwrap().contains(&Value::from(1_005_006_000)), "{business}");
    assert!(!business.as_array().unwrap().contains(&Value::from(200)), "{business}");
    for name in ["BusinessErrorEnvelope", "UnauthorizedEnvelope", "NotFoundEnvelope", "MethodNotAllowedEnvelope"] {
        assert_eq!(schemas[name]["properties"]["result"]["type"], "null", "{name}");
        assert_eq!(schemas[name]["required"], serde_json::json!(["code", "msg", "result"]), "{name}");
    }
}

#[tokio::test]
async fn multipart_operations_declare_their_parts_with_files_as_binary() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    for endpoint in MULTIPART {
        let path = format!("/api/app-api/sip/platform/v2/{endpoint}");
        let content = &doc["paths"][&path]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"];
        let form = if content["$ref"].is_string() { schema(&doc, content) } else { content };
        let properties = form["properties"].as_object().unwrap_or_else(|| panic!("{endpoint}: no parts in {form}"));
        let binary = properties
            .values()
            .any(|part| part["format"] == "binary" || (part["type"] == "array" && part["items"]["format"] == "binary"));
        assert!(binary, "{endpoint}: no binary file part in {form}");
        assert!(!form["required"].as_array().unwrap().is_empty(), "{endpoint}: no required part");
    }
    for (path, method, operation) in operations(&doc) {
        let Some(content) = operation["requestBody"]["content"].as_object() else { continue };
        if !MULTIPART.iter().any(|endpoint| path.ends_with(&format!("/{endpoint}"))) {
            assert_eq!(content.keys().collect::<Vec<_>>(), ["application/json"], "{method} {path}");
        }
    }
}

#[tokio::test]
async fn request_schemas_declare_required_fields_and_the_limits_validation_enforces() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let create = &schemas["CreateWorkspaceRequest"];
    assert_eq!(create["required"], serde_json::json!(["name", "auth_scope"]));
    assert_eq!(create["properties"]["name"]["maxLength"], 50);
    assert_eq!(create["properties"]["name"]["type"], "string", "a required field is not nullable");
    assert_eq!(create["properties"]["auth_scope"]["maximum"], 1);
    let rule = &schemas["CreateRuleRequest"];
    assert_eq!(rule["required"], serde_json::json!(["workspace_id", "repo_id", "group_id", "name", "prompt"]));
    assert_eq!(rule["properties"]["risk_level"]["multipleOf"], 10);
    assert_eq!(schemas["Id"]["pattern"], "^[1-9][0-9]{0,18}$");
    let list = &doc["paths"]["/api/app-api/sip/platform/v2/workspace/list"]["get"]["parameters"];
    let page_size = list.as_array().unwrap().iter().find(|p| p["name"] == "page_size").unwrap();
    assert_eq!(page_size["schema"]["maximum"], 100);
}

#[tokio::test]
async fn status_fields_name_every_value_of_their_set() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let described = |schema: &str, field: &str| {
        doc["components"]["schemas"][schema]["properties"][field]["description"].as_str().unwrap_or("").to_owned()
    };
    let task = described("ReviewTaskResult", "status");
    assert!(
        task.contains("0 pending") && task.contains("4 not passed") && task.contains("7 recognition failed"),
        "{task}"
    );
    assert_eq!(described("ReviewTaskSummary", "status"), task);
    let rule = described("RuleTaskResult", "review_result");
    assert!(rule.contains("6 queued") && rule.contains("2 error") && !rule.contains("0 pending"), "{rule}");
    assert_eq!(described("RuleTaskRun", "review_result"), rule);
    let file = described("FileResult", "recognition_status");
    assert!(file.contains("1 succeeded") && file.contains("10 classified"), "{file}");
}

#[tokio::test]
async fn the_date_order_is_documented_as_one_of_three_names() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let schemas = &doc["components"]["schemas"];
    let names = serde_json::json!(["month_first", "day_first", "refuse"]);
    for schema in ["CreateWorkspaceRequest", "UpdateWorkspaceRequest", "Workspace"] {
        let date_order = &schemas[schema]["properties"]["date_order"];
        assert_eq!(date_order["enum"], names, "{schema}: {date_order}");
        assert_eq!(date_order["default"], "month_first", "{schema}");
    }
    let required = |schema: &str| schemas[schema]["required"].as_array().cloned().unwrap_or_default();
    assert!(!required("CreateWorkspaceRequest").contains(&"date_order".into()));
    assert!(!required("UpdateWorkspaceRequest").contains(&"date_order".into()));
    assert!(required("Workspace").contains(&"date_order".into()));
}
