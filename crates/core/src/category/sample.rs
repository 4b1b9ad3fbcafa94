//! Sample files: what an upload must be, and which samples a request names.
//!
//! The size of each file is bounded while it is received (see the server's
//! multipart reader); here only its name, format and emptiness are checked.

use docreview_wire::category::sample::{
    BatchDownloadSamplesRequest, DeleteSamplesRequest, UploadSamplesRequest, UploadedFile,
};

use super::common::{item, scope};
use crate::validation::{self, ValidationError};

/// The extensions DocFlow accepts for documents and samples, and the
/// spreadsheets docreview reads besides (`ods`, `csv`).
pub const SAMPLE_FORMATS: [&str; 16] = [
    "pdf", "ofd", "doc", "docx", "txt", "xls", "xlsx", "ods", "csv", "jpg", "jpeg", "png", "tif", "tiff", "bmp", "webp",
];
pub const SAMPLE_FILE_NAME_MAX: usize = 255;
/// Samples a category may hold.
pub const SAMPLES_PER_CATEGORY_MAX: usize = 20;
/// Samples one `category/sample/batch_upload` may carry (the SDK's limit).
pub const SAMPLES_PER_UPLOAD_MAX: usize = 20;

/// An uploaded sample with a usable name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleFile {
    /// The base name the client gave, without any directory.
    pub file_name: String,
    pub content: Vec<u8>,
}

impl SampleFile {
    /// Checks the file found at `path` (e.g. `sample_files[2]`).
    pub fn parse(file: UploadedFile, path: &str) -> Result<Self, ValidationError> {
        let given = file.file_name.unwrap_or_default();
        // Only the base name: a sample's name becomes a ZIP entry on download.
        let base = given.rsplit(['/', '\\']).next().unwrap_or_default().trim();
        if base.is_empty() || base == "." || base == ".." {
            return Err(ValidationError::new(path, "the file part needs a file name"));
        }
        if base.chars().any(char::is_control) {
            return Err(ValidationError::new(path, format!("the file name {base:?} has control characters")));
        }
        let file_name = validation::text(base.to_owned(), path, SAMPLE_FILE_NAME_MAX)?;
        // A name without an extension is accepted (the SDK names raw bytes
        // "file"); the content then tells the format. A named one must be known.
        let extension = file_name.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase());
        if extension.is_some_and(|ext| !SAMPLE_FORMATS.contains(&ext.as_str())) {
            return Err(ValidationError::new(
                path,
                format!("{file_name:?} is not a supported format; use one of {}", SAMPLE_FORMATS.join(", ")),
            ));
        }
        if file.content.is_empty() {
            return Err(ValidationError::new(path, format!("{file_name:?} is empty")));
        }
        Ok(Self { file_name, content: file.content })
    }

    /// The files of the form part `part`: `min..=max` of them, each checked.
    pub fn parse_list(
        files: Vec<UploadedFile>,
        part: &str,
        min: usize,
        max: usize,
    ) -> Result<Vec<Self>, ValidationError> {
        if files.len() < min || files.len() > max {
            let range = if min == max { format!("{min}") } else { format!("{min} to {max}") };
            return Err(ValidationError::new(part, format!("send {range} files, got {}", files.len())));
        }
        files.into_iter().enumerate().map(|(index, file)| Self::parse(file, &item(part, index))).collect()
    }
}

/// Samples to add to a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSamples {
    pub workspace_id: i64,
    pub category_id: i64,
    pub files: Vec<SampleFile>,
}

impl NewSamples {
    /// The files of `part` (`files` for the batch upload, `file` for the
    /// deprecated single upload), at most `max` of them.
    pub fn parse(request: UploadSamplesRequest, part: &str, max: usize) -> Result<Self, ValidationError> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        let max = max.min(SAMPLES_PER_UPLOAD_MAX);
        Ok(Self { workspace_id, category_id, files: SampleFile::parse_list(request.files, part, 1, max)? })
    }
}

/// Samples to delete; the category must keep at least one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleDeletion {
    pub workspace_id: i64,
    pub category_id: i64,
    pub sample_ids: Vec<i64>,
}

impl TryFrom<DeleteSamplesRequest> for SampleDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteSamplesRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        Ok(Self {
            workspace_id,
            category_id,
            sample_ids: validation::id_list(request.sample_ids, "sample_ids", SAMPLES_PER_CATEGORY_MAX)?,
        })
    }
}

/// Samples to download: the named ones, or all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSelection {
    pub workspace_id: i64,
    pub category_id: i64,
    /// `None` selects every sample of the category.
    pub sample_ids: Option<Vec<i64>>,
}

impl TryFrom<BatchDownloadSamplesRequest> for SampleSelection {
    type Error = ValidationError;

    fn try_from(request: BatchDownloadSamplesRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        let sample_ids = match request.sample_ids {
            Some(ids) => Some(validation::id_list(Some(ids), "sample_ids", SAMPLES_PER_CATEGORY_MAX)?),
            None => None,
        };
        Ok(Self { workspace_id, category_id, sample_ids })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(name: Option<&str>, content: &[u8]) -> UploadedFile {
        UploadedFile { file_name: name.map(str::to_owned), content: content.to_vec() }
    }

    #[test]
    fn only_the_base_name_of_a_supported_non_empty_file_is_kept() {
        let file = SampleFile::parse(upload(Some("../../etc/Invoice.PDF"), b"%PDF"), "files[0]").unwrap();
        assert_eq!(file.file_name, "Invoice.PDF");
        assert_eq!(SampleFile::parse(upload(Some("file"), b"%PDF"), "files[0]").unwrap().file_name, "file");
        for (name, content) in [(None, &b"x"[..]), (Some("a.exe"), b"x"), (Some("a.pdf"), b""), (Some("dir/"), b"x")] {
            assert_eq!(SampleFile::parse(upload(name, content), "files[0]").unwrap_err().field, "files[0]");
        }
    }

    #[test]
    fn the_number_of_files_is_bounded() {
        let files = |n| (0..n).map(|_| upload(Some("a.pdf"), b"x")).collect::<Vec<_>>();
        assert_eq!(SampleFile::parse_list(files(0), "sample_files", 1, 10).unwrap_err().field, "sample_files");
        assert_eq!(SampleFile::parse_list(files(11), "sample_files", 1, 10).unwrap_err().field, "sample_files");
        assert_eq!(SampleFile::parse_list(files(10), "sample_files", 1, 10).unwrap().len(), 10);
    }
}
