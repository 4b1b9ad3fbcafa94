//! Inserting fields, tables and samples, shared by `category/create` and the
//! add endpoints so that both store exactly the same rows.

use docreview_core::category::{ExtractModel, FieldConfig, SampleFile, TableConfig};
use sqlx::AnyConnection;

use super::lookup::conflict_on_unique;
use crate::{StoreError, json};

/// Where a new field goes and which model it gets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FieldTarget {
    pub category_id: i64,
    /// `None` for a regular field.
    pub table_id: Option<i64>,
    /// Used when the field names none of its own.
    pub model: ExtractModel,
}

pub(crate) async fn insert_field(
    conn: &mut AnyConnection,
    id: i64,
    target: FieldTarget,
    field: &FieldConfig,
    now: i64,
) -> Result<(), StoreError> {
    let alias = json::encode(&field.alias)?;
    let transform = field.transform.as_ref().map(json::encode).transpose()?;
    let model = field.extract_model.unwrap_or(target.model);
    sqlx::query(
        "INSERT INTO category_fields (id, category_id, table_id, name, description, prompt, use_prompt, alias, \
         identity, multi_value, duplicate_value_distinct, transform_settings, extract_model, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(id)
    .bind(target.category_id)
    .bind(target.table_id)
    .bind(&field.name)
    .bind(&field.description)
    .bind(&field.prompt)
    .bind(i64::from(field.use_prompt))
    .bind(alias)
    .bind(&field.identity)
    .bind(i64::from(field.multi_value))
    .bind(i64::from(field.duplicate_value_distinct))
    .bind(transform)
    .bind(model.as_str())
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(|e| conflict_on_unique(e, || format!("a field named {:?} already exists there", field.name)))?;
    Ok(())
}

/// Inserts a table (without its columns) with the given model.
pub(crate) async fn insert_table(
    conn: &mut AnyConnection,
    id: i64,
    category_id: i64,
    table: &TableConfig,
    model: ExtractModel,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO category_tables (id, category_id, name, description, prompt, collect_from_multi_table, \
         extract_model, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(category_id)
    .bind(&table.name)
    .bind(&table.description)
    .bind(&table.prompt)
    .bind(i64::from(table.collect_from_multi_table))
    .bind(model.as_str())
    .bind(now)
    .bind(now)
    .execute(&mut *conn)
    .await
    .map_err(|e| conflict_on_unique(e, || format!("a table named {:?} already exists in the category", table.name)))?;
    Ok(())
}

pub(crate) async fn insert_sample(
    conn: &mut AnyConnection,
    id: i64,
    category_id: i64,
    sample: &SampleFile,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO category_samples (id, category_id, file_name, byte_size, content, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(category_id)
    .bind(&sample.file_name)
    .bind(i64::try_from(sample.content.len()).unwrap_or(i64::MAX))
    .bind(sample.content.as_slice())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
