//! The OpenAPI document describes every endpoint the router serves.

use serde_json::Value;

use crate::helpers::TestApp;

const API: [&str; 53] = [
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
