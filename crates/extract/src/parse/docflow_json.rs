//! Importing an extraction result made by DocFlow (or anything that writes its
//! shape), so teams can review documents they have already extracted.
//!
//! Accepted, from the outside in: the `{code, msg, result}` envelope of
//! `file/fetch`, its `result` (`{total, page, page_size, files}`, of which the
//! first file is taken), a single FileResult (recognised by `data`), and, as a
//! convenience, a bare `data` object (recognised by `fields`, `items` or
//! `tables`). Fields, tables and positions are kept exactly as received; keys
//! our types do not model (for example `invoiceVerifyResult`) are dropped.

use docreview_wire::file::{Document, ExtractionData, PageInfo};
use serde::Deserialize;
use serde_json::Value;

use super::ImportedResult;
use crate::ParseError;

/// The parts of a FileResult we keep.
#[derive(Debug, Deserialize)]
struct FileResult {
    #[serde(default)]
    data: Option<ExtractionData>,
    #[serde(default)]
    pages: Vec<PageInfo>,
    #[serde(default)]
    document: Option<Document>,
    #[serde(default)]
    category: Option<String>,
}

/// What was found inside the upload, with the path to it for error messages.
enum Found<'a> {
    File(&'a Value, String),
    Data(&'a Value, String),
}

pub(crate) fn parse(bytes: &[u8]) -> Result<ImportedResult, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let value: Value = serde_json::from_slice(bytes).map_err(|e| invalid(format!("not valid JSON: {e}")))?;
    match locate(&value, "")? {
        Found::Data(data, path) => {
            let data = deserialize(data, &path)?;
            Ok(ImportedResult { data, pages: Vec::new(), document: None, category: None })
        }
        Found::File(file, path) => {
            let file: FileResult = deserialize(file, &path)?;
            Ok(ImportedResult {
                data: file.data.unwrap_or_default(),
                pages: file.pages,
                document: file.document,
                category: file.category.filter(|c| !c.is_empty()),
            })
        }
    }
}

fn deserialize<'a, T: Deserialize<'a>>(value: &'a Value, path: &str) -> Result<T, ParseError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let at = if inner == "." { path.trim_end_matches('.').to_owned() } else { format!("{path}{inner}") };
        invalid(format!("{at}: {}", e.inner()))
    })
}

fn invalid(cause: String) -> ParseError {
    ParseError::InvalidJson { cause }
}

/// Finds the FileResult (or bare data) inside what was uploaded.
fn locate<'a>(value: &'a Value, path: &str) -> Result<Found<'a>, ParseError> {
    let Some(object) = value.as_object() else {
        let at = if path.is_empty() { "the top level" } else { path.trim_end_matches('.') };
        return Err(invalid(format!("expected an object at {at}")));
    };
    if let Some(result) = object.get("result") {
        if let Some(code) = object.get("code").and_then(Value::as_i64).filter(|&c| c != 200) {
            let msg = object.get("msg").and_then(Value::as_str).unwrap_or("");
            return Err(invalid(format!("the response reports an error (code {code}: {msg})")));
        }
        return locate(result, &format!("{path}result."));
    }
    if let Some(files) = object.get("files") {
        return match files.as_array().and_then(|f| f.first()) {
            Some(file) if file.is_object() => Ok(Found::File(file, format!("{path}files[0]."))),
            Some(_) => Err(invalid(format!("{path}files[0]: expected an object"))),
            None => Err(invalid(format!("{path}files lists no file"))),
        };
    }
    if object.contains_key("data") {
        return Ok(Found::File(value, path.to_owned()));
    }
    if ["fields", "items", "tables"].iter().any(|k| object.contains_key(*k)) {
        return Ok(Found::Data(value, path.to_owned()));
    }
    Err(invalid(
        "expected a file result (with `data`), a file/fetch result (with `files`) or its envelope (with `result`)"
            .to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file_result() -> Value {
        json!({
            "id": "1", "name": "a.pdf", "format": "pdf", "recognition_status": 1, "verification_status": 0,
            "category": "Invoice",
            "pages": [{"page": 0, "angle": 0, "width": 1190, "height": 1684, "dpi": 144}],
            "data": {
                "fields": [{"key": "Total", "value": "946.05", "identifier": "total", "confidence": 0.97,
                            "extractModel": "Acgpt", "position": [{"page": 0, "vertices": [1, 2, 3, 2, 3, 4, 1, 4]}]}],
                "items": [], "tables": [], "stamps": [{"angel": 0, "text": "PAID"}]
            },
            "document": {"pages": [{"angle": 0, "width": 1190, "height": 1684,
                "lines": [{"text": "Total: 946.05", "position": [0, 0, 9, 0, 9, 9, 0, 9]}]}]}
        })
    }

    fn import(value: &Value) -> Result<ImportedResult, ParseError> {
        parse(value.to_string().as_bytes())
    }

    #[test]
    fn a_bare_file_result_keeps_every_field() {
        let imported = import(&file_result()).unwrap();
        let field = &imported.data.fields[0];
        assert_eq!((field.key.as_str(), field.value.as_str()), ("Total", "946.05"));
        assert_eq!(field.position[0].vertices, vec![1, 2, 3, 2, 3, 4, 1, 4]);
        assert_eq!(field.extract_model.as_deref(), Some("Acgpt"));
        assert_eq!(imported.data.stamps.as_ref().map(Vec::len), Some(1));
        assert_eq!(imported.category.as_deref(), Some("Invoice"));
        assert_eq!(imported.pages[0].dpi, 144);
        assert_eq!(imported.document.unwrap().pages[0].lines[0].text, "Total: 946.05");
    }

    #[test]
    fn envelopes_and_fetch_results_are_unwrapped() {
        let bare = import(&file_result()).unwrap();
        let fetch = json!({"total": 1, "page": 1, "page_size": 1000, "files": [file_result()]});
        assert_eq!(import(&fetch).unwrap(), bare);
        let envelope = json!({"code": 200, "msg": "success", "result": fetch});
        assert_eq!(import(&envelope).unwrap(), bare);
    }

    #[test]
    fn bare_data_is_accepted() {
        let imported = import(&json!({"fields": [{"key": "A", "value": "1"}]})).unwrap();
        assert_eq!(imported.data.fields[0].value, "1");
        assert_eq!(imported.category, None);
    }

    #[test]
    fn errors_name_where_the_shape_is_wrong() {
        let mut bad = file_result();
        bad["data"]["fields"][0]["position"][0]["vertices"] = json!("nope");
        let ParseError::InvalidJson { cause } = import(&bad).unwrap_err() else { panic!() };
        assert!(cause.starts_with("data.fields[0].position[0].vertices"), "{cause}");

        let err = import(&json!({"code": 1005016000, "msg": "file does not exist", "result": null})).unwrap_err();
        assert!(err.to_string().contains("1005016000"), "{err}");
        assert!(import(&json!({"files": []})).unwrap_err().to_string().contains("no file"));
        assert!(import(&json!([1, 2])).is_err());
        assert!(parse(b"{ not json").unwrap_err().to_string().contains("not valid JSON"));
    }
}
