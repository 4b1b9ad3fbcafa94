//! Validated file requests: upload options, fetch filters, deletions.

use docreview_wire::Id;
use docreview_wire::file::{DeleteFilesRequest, FetchQuery, UploadQuery};

use crate::time::{rfc3339_to_ms, with_reason};
use crate::validation::{self, Page, ValidationError, in_range, required_id};

/// Longest batch number a client may choose.
pub const BATCH_NUMBER_MAX: usize = 64;
/// Ids or batch numbers one delete request may list, per condition.
const DELETE_LIST_MAX: usize = 1000;

/// How an upload is to be processed.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadOptions {
    pub workspace_id: i64,
    /// The category name to extract as, skipping classification.
    pub category: Option<String>,
    /// The client's batch number; `None` means generate one.
    pub batch_number: Option<String>,
    /// `Some("classify")` stops after classification.
    pub target_process: Option<String>,
    /// The parser parameters, as `file/fetch` echoes them.
    pub parser_params: serde_json::Value,
}

impl TryFrom<UploadQuery> for UploadOptions {
    type Error = ValidationError;

    fn try_from(query: UploadQuery) -> Result<Self, Self::Error> {
        let target_process = match query.target_process.as_deref() {
            // The SDK documents `recognition` and `classification` for the same two modes.
            None | Some("") | Some("extract") | Some("recognition") => None,
            Some("classify") | Some("classification") => Some("classify".to_owned()),
            Some(other) => {
                return Err(ValidationError::new(
                    "target_process",
                    format!("must be classify or extract (or classification or recognition), got {other:?}"),
                ));
            }
        };
        let flag = |value: Option<i64>, field: &str, default: i64| in_range(value.unwrap_or(default), field, 0, 1);
        let dpi = query.parser_dpi.unwrap_or(144);
        if dpi != 144 && dpi != 216 {
            return Err(ValidationError::new("parser_dpi", format!("must be 144 or 216, got {dpi}")));
        }
        let parse_mode = query.parser_parse_mode.unwrap_or_else(|| "auto".to_owned());
        if !matches!(parse_mode.as_str(), "auto" | "scan" | "vlm") {
            return Err(ValidationError::new(
                "parser_parse_mode",
                format!("must be auto, scan or vlm, got {parse_mode:?}"),
            ));
        }
        let ocr_languages =
            query.parser_ocr_languages.filter(|l| !l.trim().is_empty()).map(|l| ocr_languages(l.trim())).transpose()?;
        let mut parser_params = serde_json::json!({
            "formula_level": in_range(query.parser_formula_level.unwrap_or(0), "parser_formula_level", 0, 2)?,
            "apply_merge": flag(query.parser_apply_merge, "parser_apply_merge", 1)?,
            "table_text_split_mode": flag(query.parser_table_text_split_mode, "parser_table_text_split_mode", 0)?,
            "crop_dewarp": flag(query.parser_crop_dewarp, "parser_crop_dewarp", 0)?,
            "remove_watermark": flag(query.parser_remove_watermark, "parser_remove_watermark", 0)?,
            "dpi": dpi,
            "parse_mode": parse_mode,
            "pdf_pwd": query.parser_pdf_pwd.unwrap_or_default(),
        });
        if let (Some(languages), Some(params)) = (ocr_languages, parser_params.as_object_mut()) {
            params.insert("ocr_languages".to_owned(), languages.into());
        }
        Ok(Self {
            workspace_id: required_id(query.workspace_id, "workspace_id")?,
            category: query.category.map(|c| validation::name(&c, "category", 50)).transpose()?,
            batch_number: query
                .batch_number
                .filter(|b| !b.trim().is_empty())
                .map(|b| validation::name(&b, "batch_number", BATCH_NUMBER_MAX))
                .transpose()?,
            target_process,
            parser_params,
        })
    }
}

/// Checks the form of `parser_ocr_languages`: Tesseract language codes
/// (letters, digits, `_`) joined by `+`. Whether each is installed is known
/// only where OCR runs; an uninstalled one fails the task with its name.
fn ocr_languages(languages: &str) -> Result<String, ValidationError> {
    let valid = languages.len() <= 200
        && languages
            .split('+')
            .all(|code| !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if !valid {
        return Err(ValidationError::new(
            "parser_ocr_languages",
            format!("must be Tesseract language codes joined by +, such as chi_sim+eng, got {languages:?}"),
        ));
    }
    Ok(languages.to_owned())
}

/// Which files `file/fetch` returns; every given condition must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFilter {
    pub workspace_id: i64,
    pub batch_number: Option<String>,
    pub file_id: Option<i64>,
    pub task_id: Option<i64>,
    pub category: Option<String>,
    pub recognition_status: Option<i64>,
    pub verification_status: Option<i64>,
    /// Update time window, Unix milliseconds, inclusive.
    pub updated_from: Option<i64>,
    pub updated_to: Option<i64>,
    pub with_document: bool,
}

impl FileFilter {
    /// The filter and the page a fetch query asks for (page size 1000 by default and at most).
    pub fn parse(query: FetchQuery) -> Result<(Self, Page), ValidationError> {
        let page_size = in_range(query.page_size.unwrap_or(1000), "page_size", 1, 1000)?;
        let page = Page::parse(query.page, Some(1), 1)?;
        let time = |value: Option<String>, field: &str| {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| {
                    rfc3339_to_ms(&v).map_err(|e| {
                        let message = format!("must be an RFC 3339 time such as 2024-03-05T10:00:00Z, got {v:?}");
                        ValidationError::new(field, with_reason(message, &e))
                    })
                })
                .transpose()
        };
        let filter = Self {
            workspace_id: required_id(query.workspace_id, "workspace_id")?,
            batch_number: query.batch_number.filter(|b| !b.is_empty()),
            file_id: query.file_id.map(|id| id.0),
            task_id: query.task_id.map(|id| id.0),
            category: query.category.filter(|c| !c.is_empty()),
            recognition_status: query.recognition_status,
            verification_status: query.verification_status,
            updated_from: time(query.start_time, "start_time")?,
            updated_to: time(query.end_time, "end_time")?,
            with_document: query.with_document.unwrap_or(false),
        };
        Ok((filter, Page { page: page.page, page_size }))
    }
}

/// Which files `file/delete` removes: those matching any condition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileDeletion {
    pub workspace_id: i64,
    pub batch_numbers: Vec<String>,
    pub task_ids: Vec<i64>,
    pub file_ids: Vec<i64>,
    /// Creation time window, Unix milliseconds, inclusive; an open end is unbounded.
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
}

impl TryFrom<DeleteFilesRequest> for FileDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteFilesRequest) -> Result<Self, Self::Error> {
        let ids = |ids: Option<Vec<Id>>, field: &str| {
            validation::optional_id_list(ids.unwrap_or_default(), field, DELETE_LIST_MAX)
        };
        let batch_numbers = request.batch_number.unwrap_or_default();
        if batch_numbers.len() > DELETE_LIST_MAX {
            return Err(ValidationError::new("batch_number", format!("at most {DELETE_LIST_MAX} batch numbers")));
        }
        let seconds = |value: Option<i64>, field: &str| {
            value.map(|s| in_range(s, field, 0, i64::MAX / 1000).map(|s| s * 1000)).transpose()
        };
        let deletion = Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            batch_numbers,
            task_ids: ids(request.task_id, "task_id")?,
            file_ids: ids(request.file_id, "file_id")?,
            created_from: seconds(request.start_time, "start_time")?,
            created_to: seconds(request.end_time, "end_time")?,
        };
        if let (Some(from), Some(to)) = (deletion.created_from, deletion.created_to)
            && from > to
        {
            return Err(ValidationError::new("start_time", "must not be after end_time"));
        }
        let nothing = deletion.batch_numbers.is_empty()
            && deletion.task_ids.is_empty()
            && deletion.file_ids.is_empty()
            && deletion.created_from.is_none()
            && deletion.created_to.is_none();
        if nothing {
            return Err(ValidationError::new(
                "request",
                "give at least one of batch_number, task_id, file_id, start_time, end_time",
            ));
        }
        Ok(deletion)
    }
}

/// Checks a corrected result (`file/update`): every key named, every position
/// an 8-int quad on a non-negative page. `at` prefixes the field paths.
pub fn check_extraction_data(data: &docreview_wire::file::ExtractionData, at: &str) -> Result<(), ValidationError> {
    use docreview_wire::file::KeyValue;
    fn check_value(value: &KeyValue, at: &str) -> Result<(), ValidationError> {
        if value.key.trim().is_empty() {
            return Err(ValidationError::new(format!("{at}.key"), "must not be blank"));
        }
        for (i, position) in value.position.iter().enumerate() {
            if position.vertices.len() != 8 {
                return Err(ValidationError::new(
                    format!("{at}.position[{i}].vertices"),
                    format!("must be 8 integers (4 corners), got {}", position.vertices.len()),
                ));
            }
            if position.page < 0 {
                return Err(ValidationError::new(format!("{at}.position[{i}].page"), "must not be negative"));
            }
        }
        Ok(())
    }
    for (i, field) in data.fields.iter().enumerate() {
        check_value(field, &format!("{at}.fields[{i}]"))?;
    }
    for (r, row) in data.items.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            check_value(cell, &format!("{at}.items[{r}][{c}]"))?;
        }
    }
    for (t, table) in data.tables.iter().enumerate() {
        for (r, row) in table.items.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                check_value(cell, &format!("{at}.tables[{t}].items[{r}][{c}]"))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(languages: Option<&str>) -> Result<UploadOptions, ValidationError> {
        let query = UploadQuery {
            workspace_id: Some(Id(1)),
            parser_ocr_languages: languages.map(str::to_owned),
            ..UploadQuery::default()
        };
        UploadOptions::try_from(query)
    }

    #[test]
    fn ocr_languages_are_kept_in_the_parser_params_when_given() {
        let options = upload(Some("eng")).unwrap();
        assert_eq!(options.parser_params["ocr_languages"], "eng");
        assert!(upload(None).unwrap().parser_params.get("ocr_languages").is_none());
        assert!(upload(Some("chi_sim+eng")).is_ok());
    }

    #[test]
    fn ocr_languages_must_be_codes_joined_by_plus() {
        for bad in ["eng+", "../eng", "eng chi_sim"] {
            let error = upload(Some(bad)).unwrap_err();
            assert!(error.to_string().contains("parser_ocr_languages"), "{error}");
        }
    }
}
