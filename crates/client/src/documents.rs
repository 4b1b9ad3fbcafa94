//! The document calls the demo needs: a category (`category/create`), uploads
//! (`file/upload`) and their extraction status (`file/fetch`).

use docreview_wire::Id;
use docreview_wire::file::{ExtractionData, UploadResult};
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::Value;

use crate::{Client, ClientError};

/// A file to send in a form.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name the server sees; its extension says how the file is parsed.
    pub file_name: String,
    /// The file's bytes.
    pub content: Vec<u8>,
}

/// A category to create: its samples, and its fields, tables and keyword
/// rules in DocFlow's JSON shapes (sent as JSON text parts).
#[derive(Debug, Clone)]
pub struct CategoryForm {
    /// The workspace the category belongs to.
    pub workspace_id: Id,
    /// The category's name, unique in its workspace; uploads name it.
    pub name: String,
    /// The extraction model, as DocFlow names it.
    pub extract_model: String,
    /// Sample files of the category (at least one).
    pub samples: Vec<Upload>,
    /// The fields, a JSON array in DocFlow's shape.
    pub fields: Value,
    /// The tables, a JSON array in DocFlow's shape.
    pub tables: Value,
    /// The keyword rules that classify uploads, if any.
    pub keyword_rules: Option<Value>,
}

/// An extraction task as `file/fetch` lists it, with what a waiting client
/// needs: its status, why it failed, and the fields it found.
#[derive(Debug, Clone, Deserialize)]
pub struct FileStatus {
    /// The file's name as uploaded.
    pub name: String,
    /// 0 pending … 1 done, 2 failed (reference §5.1).
    pub recognition_status: i64,
    /// Why extraction failed, when it did.
    #[serde(default)]
    pub failure_causes: Option<String>,
    /// What extraction found, once it is done.
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
