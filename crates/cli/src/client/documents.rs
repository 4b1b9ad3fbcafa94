//! The document calls the demo needs: a category (`category/create`), uploads
//! (`file/upload`) and their extraction status (`file/fetch`).

use docreview_wire::Id;
use docreview_wire::file::{ExtractionData, UploadResult};
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::Value;

use super::{Client, ClientError};

/// A file to send in a form.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub content: Vec<u8>,
}

/// A category to create: its samples, and its fields, tables and keyword
/// rules in DocFlow's JSON shapes (sent as JSON text parts).
#[derive(Debug, Clone)]
pub struct CategoryForm {
    pub workspace_id: Id,
    pub name: String,
    pub extract_model: String,
    pub samples: Vec<Upload>,
    pub fields: Value,
    pub tables: Value,
    pub keyword_rules: Option<Value>,
}

/// An extraction task as `file/fetch` lists it, with what a waiting client
/// needs: its status, why it failed, and the fields it found.
#[derive(Debug, Clone, Deserialize)]
pub struct FileStatus {
    pub name: String,
    /// 0 pending … 1 done, 2 failed (reference §5.1).
    pub recognition_status: i64,
    #[serde(default)]
    pub failure_causes: Option<String>,
    #[serde(default)]
    pub data: Option<ExtractionData>,
}

#[derive(Deserialize)]
struct CategoryCreated {
    category_id: Id,
}

#[derive(Deserialize)]
struct FetchPage {
    files: Vec<FileStatus>,
}

impl Client {
    /// `category/create`.
    pub async fn create_category(&self, category: CategoryForm) -> Result<Id, ClientError> {
        let mut form = Form::new()
            .text("workspace_id", category.workspace_id.to_string())
            .text("name", category.name)
            .text("extract_model", category.extract_model)
            .text("fields", category.fields.to_string())
            .text("tables", category.tables.to_string());
        if let Some(rules) = category.keyword_rules {
            form = form.text("category_keyword_rules", rules.to_string());
        }
        for sample in category.samples {
            form = form.part("sample_files", part(sample));
        }
        let no_query: [(&str, &str); 0] = [];
        let created: CategoryCreated = self.post_form("category/create", &no_query, form).await?;
        Ok(created.category_id)
    }

    /// `file/upload` of files of a known category, into a new batch.
    pub async fn upload_files(
        &self,
        workspace_id: Id,
        category: &str,
        files: Vec<Upload>,
    ) -> Result<UploadResult, ClientError> {
        let form = files.into_iter().fold(Form::new(), |form, file| form.part("file", part(file)));
        let query = [("workspace_id", workspace_id.to_string()), ("category", category.to_owned())];
        self.post_form("file/upload", &query, form).await
    }

    /// `file/fetch` of one batch (its first 1000 tasks, more than one upload holds).
    pub async fn batch_files(&self, workspace_id: Id, batch_number: &str) -> Result<Vec<FileStatus>, ClientError> {
        let query = [("workspace_id", workspace_id.to_string()), ("batch_number", batch_number.to_owned())];
        let page: FetchPage = self.get("file/fetch", &query).await?;
        Ok(page.files)
    }
}

fn part(file: Upload) -> Part {
    Part::bytes(file.content).file_name(file.file_name)
}
