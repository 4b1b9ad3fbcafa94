//! File responses: a ZIP of samples, or one sample, as an attachment.
//!
//! The SDK takes the file name from `Content-Disposition`, preferring the
//! RFC 5987 `filename*=UTF-8''…` form and URL-decoding either form, so both
//! carry the percent-encoded UTF-8 name.

use std::collections::HashMap;
use std::io::{Cursor, Write};

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use docreview_store::categories::SampleContent;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::error::ApiError;

/// A ZIP holding each file under its own name; a name used twice gets a
/// ` (2)`-style suffix so no entry hides another.
pub fn zip(files: &[SampleContent]) -> Result<Vec<u8>, ApiError> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let mut used: HashMap<String, usize> = HashMap::new();
    for file in files {
        let name = unique_entry_name(&mut used, &file.file_name);
        writer.start_file(name, options).map_err(|e| ApiError::internal(&e))?;
        writer.write_all(&file.content).map_err(|e| ApiError::internal(&e))?;
    }
    let cursor = writer.finish().map_err(|e| ApiError::internal(&e))?;
    Ok(cursor.into_inner())
}

fn unique_entry_name(used: &mut HashMap<String, usize>, name: &str) -> String {
    let mut candidate = name.to_owned();
    let mut copy = 1;
    while used.contains_key(&candidate) {
        copy += 1;
        candidate = match name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => format!("{stem} ({copy}).{extension}"),
            _ => format!("{name} ({copy})"),
        };
    }
    used.insert(candidate.clone(), 1);
    candidate
}

/// A download response: `bytes` of `content_type`, saved as `file_name`.
pub fn attachment(content_type: &'static str, file_name: &str, bytes: Vec<u8>) -> Response {
    let encoded = utf8_percent_encode(file_name, NON_ALPHANUMERIC).to_string();
    let disposition = format!("attachment; filename=\"{encoded}\"; filename*=UTF-8''{encoded}");
    let disposition = HeaderValue::from_str(&disposition).unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type)), (header::CONTENT_DISPOSITION, disposition)],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn sample(id: i64, name: &str, content: &[u8]) -> SampleContent {
        SampleContent { id, file_name: name.to_owned(), content: content.to_vec() }
    }

    #[test]
    fn every_file_gets_its_own_entry_even_with_the_same_name() {
        let files = [sample(1, "a.pdf", b"one"), sample(2, "a.pdf", b"two"), sample(3, "notes", b"3")];
        let mut archive = zip::ZipArchive::new(Cursor::new(zip(&files).unwrap())).unwrap();
        let mut names: Vec<String> = archive.file_names().map(|name| name.unwrap().into_owned()).collect();
        names.sort();
        assert_eq!(names, ["a (2).pdf", "a.pdf", "notes"]);
        let mut text = String::new();
        archive.by_name("a (2).pdf").unwrap().read_to_string(&mut text).unwrap();
        assert_eq!(text, "two");
    }

    #[test]
    fn the_file_name_is_percent_encoded_in_both_forms() {
        let response = attachment("application/zip", "发票 1.zip", vec![]);
        let disposition = response.headers()[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert_eq!(
            disposition,
            "attachment; filename=\"%E5%8F%91%E7%A5%A8%201%2Ezip\"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%201%2Ezip"
        );
    }
}
