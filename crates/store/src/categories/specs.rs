//! Categories as the extraction pipeline reads them: no caller (the pipeline
//! works on behalf of a workspace it was already given), no samples, and only
//! what classification and extraction use.

use docreview_core::category::Enabled;
use docreview_core::category_spec::{CategorySpec, FieldSpec, TableSpec};

use super::definitions::parts;
use super::rows::{CategoryDbRow, CategoryRow, FieldRow, TableTree};
use crate::{ObjectKind, Store, StoreError};

impl Store {
    /// The enabled categories of the workspace, with their fields and tables,
    /// all in creation order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn category_specs(&self, workspace_id: i64) -> Result<Vec<CategorySpec>, StoreError> {
        let mut tx = self.read.begin().await?;
        let rows: Vec<CategoryDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE c.workspace_id = $1 AND c.enabled = $2 ORDER BY c.id",
            CategoryDbRow::SELECT
        )))
        .bind(workspace_id)
        .bind(Enabled::Enabled.value())
        .fetch_all(&mut *tx)
        .await?;
        let mut specs = Vec::with_capacity(rows.len());
        for row in rows {
            let category = CategoryRow::try_from(row)?;
            let (fields, tables) = parts(&mut tx, category.id).await?;
            specs.push(spec(category, fields, tables));
        }
        tx.commit().await?;
        Ok(specs)
    }

    /// The category of the workspace with exactly this name (names are
    /// case-sensitive), whatever its state: an upload that names a category
    /// skips classification, so being enabled does not matter.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn category_spec_by_name(&self, workspace_id: i64, name: &str) -> Result<CategorySpec, StoreError> {
        let mut tx = self.read.begin().await?;
        let row: CategoryDbRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE c.workspace_id = $1 AND c.name = $2",
            CategoryDbRow::SELECT
        )))
        .bind(workspace_id)
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            kind: ObjectKind::Category,
            message: format!("category {name:?} not found in workspace {workspace_id}"),
        })?;
        let category = CategoryRow::try_from(row)?;
        let (fields, tables) = parts(&mut tx, category.id).await?;
        tx.commit().await?;
        Ok(spec(category, fields, tables))
    }
}

fn spec(category: CategoryRow, fields: Vec<FieldRow>, tables: Vec<TableTree>) -> CategorySpec {
    CategorySpec {
        id: category.id,
        name: category.name,
        fields: fields.into_iter().map(field_spec).collect(),
        tables: tables
            .into_iter()
            .map(|tree| TableSpec {
                id: tree.table.id,
                name: tree.table.name,
                fields: tree.fields.into_iter().map(field_spec).collect(),
            })
            .collect(),
        keyword_rules: category.keyword_rules,
    }
}

fn field_spec(field: FieldRow) -> FieldSpec {
    FieldSpec {
        id: field.id,
        name: field.name,
        alias: field.alias,
        identity: Some(field.identity).filter(|identity| !identity.is_empty()),
        transform: field.transform,
    }
}
