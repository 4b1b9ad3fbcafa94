//! Categories themselves: create (with everything they start with), list, read
//! as a tree, update, delete.

use docreview_core::Caller;
use docreview_core::category::{CategoryDeletion, CategoryPatch, Enabled, EnabledFilter, ExtractModel, NewCategory};
use docreview_core::validation::Page;
use sqlx::AnyConnection;

use super::insert::{FieldTarget, insert_field, insert_sample, insert_table};
use super::keyword_conflicts::ensure_no_shared_rule_group;
use super::lookup::{category_in_workspace, conflict_on_unique, lock_category, lock_workspace};
use super::rows::{CategoryDbRow, CategoryRow, CategoryTree, FieldDbRow, SampleRow, TableDbRow, nest};
use crate::clock::now_ms;
use crate::workspaces::ensure_workspace_visible;
use crate::{Store, StoreError, json};

impl Store {
    /// Creates an enabled category with its fields, tables (and their columns),
    /// samples and keyword rules, all or nothing; returns its id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_category(&self, caller: &Caller, new: &NewCategory) -> Result<i64, StoreError> {
        let keyword_rules = json::encode(&new.keyword_rules)?;
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        lock_workspace(&mut tx, new.workspace_id).await?;
        ensure_name_free(&mut tx, new.workspace_id, &new.name, None).await?;
        ensure_no_shared_rule_group(&mut tx, new.workspace_id, None, &new.keyword_rules).await?;

        let id = self.next_id();
        let now = now_ms();
        sqlx::query(
            "INSERT INTO categories (id, workspace_id, name, description, category_prompt, extract_model, enabled, \
             keyword_rules, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(id)
        .bind(new.workspace_id)
        .bind(&new.name)
        .bind(&new.description)
        .bind(&new.category_prompt)
        .bind(new.extract_model.as_str())
        .bind(Enabled::Enabled.value())
        .bind(keyword_rules)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(|e| conflict_on_unique(e, || name_taken(&new.name, new.workspace_id)))?;

        let regular = FieldTarget { category_id: id, table_id: None, model: new.extract_model };
        for field in &new.fields {
            insert_field(&mut tx, self.next_id(), regular, field, now).await?;
        }
        for table in &new.tables {
            let table_id = self.next_id();
            let model = table.extract_model.unwrap_or(new.extract_model);
            insert_table(&mut tx, table_id, id, table, model, now).await?;
            let column = FieldTarget { category_id: id, table_id: Some(table_id), model };
            for field in &table.fields {
                insert_field(&mut tx, self.next_id(), column, field, now).await?;
            }
        }
        for sample in &new.samples {
            insert_sample(&mut tx, self.next_id(), id, sample, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A page of the workspace's categories that pass `filter`, newest first,
    /// with the total count.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_categories(
        &self,
        caller: &Caller,
        workspace_id: i64,
        filter: EnabledFilter,
        page: Page,
    ) -> Result<(i64, Vec<CategoryRow>), StoreError> {
        // -1 matches every state.
        let enabled = match filter {
            EnabledFilter::All => -1,
            EnabledFilter::Only(state) => state.value(),
        };
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let (total,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM categories WHERE workspace_id = $1 AND ($2 < 0 OR enabled = $2)")
                .bind(workspace_id)
                .bind(enabled)
                .fetch_one(&mut *tx)
                .await?;
        let rows: Vec<CategoryDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{} WHERE c.workspace_id = $1 AND ($2 < 0 OR c.enabled = $2) ORDER BY c.id DESC LIMIT $3 OFFSET $4",
            CategoryDbRow::SELECT
        )))
        .bind(workspace_id)
        .bind(enabled)
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((total, rows.into_iter().map(CategoryRow::try_from).collect::<Result<_, _>>()?))
    }

    /// One category of a visible workspace.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn get_category(
        &self,
        caller: &Caller,
        workspace_id: i64,
        category_id: i64,
    ) -> Result<CategoryRow, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let category = category_in_workspace(&mut tx, workspace_id, category_id).await?;
        tx.commit().await?;
        Ok(category)
    }

    /// One category with its fields, tables and samples, each in creation order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn get_category_tree(
        &self,
        caller: &Caller,
        workspace_id: i64,
        category_id: i64,
    ) -> Result<CategoryTree, StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        let category = category_in_workspace(&mut tx, workspace_id, category_id).await?;
        let (fields, tables) = parts(&mut tx, category_id).await?;
        let samples: Vec<SampleRow> =
            sqlx::query_as("SELECT id, file_name, byte_size FROM category_samples WHERE category_id = $1 ORDER BY id")
                .bind(category_id)
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(CategoryTree { category, fields, tables, samples })
    }

    /// Applies the properties present in `patch`; a new model becomes the model of
    /// every field and table. Returns the category as changed.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn update_category(&self, caller: &Caller, patch: &CategoryPatch) -> Result<CategoryRow, StoreError> {
        let keyword_rules = patch.keyword_rules.as_ref().map(json::encode).transpose()?;
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, patch.workspace_id).await?;
        lock_workspace(&mut tx, patch.workspace_id).await?;
        let current = lock_category(&mut tx, patch.workspace_id, patch.category_id).await?;
        if let Some(name) = &patch.name {
            ensure_name_free(&mut tx, patch.workspace_id, name, Some(patch.category_id)).await?;
        }
        // The rules must not clash once the category is (still or newly) enabled.
        let enabled = patch.enabled.map_or(current.enabled, Enabled::value);
        let newly_enabled = enabled != current.enabled;
        if enabled == Enabled::Enabled.value() && (patch.keyword_rules.is_some() || newly_enabled) {
            let rules = patch.keyword_rules.as_ref().unwrap_or(&current.keyword_rules);
            ensure_no_shared_rule_group(&mut tx, patch.workspace_id, Some(patch.category_id), rules).await?;
        }
        if let Some(model) = patch.extract_model {
            ensure_tables_allow(&mut tx, patch.category_id, model).await?;
        }
        sqlx::query(
            "UPDATE categories SET name = COALESCE($2, name), description = COALESCE($3, description), \
             category_prompt = COALESCE($4, category_prompt), enabled = COALESCE($5, enabled), \
             extract_model = COALESCE($6, extract_model), keyword_rules = COALESCE($7, keyword_rules), \
             updated_at = $8 WHERE id = $1",
        )
        .bind(patch.category_id)
        .bind(patch.name.as_deref())
        .bind(patch.description.as_deref())
        .bind(patch.category_prompt.as_deref())
        .bind(patch.enabled.map(Enabled::value))
        .bind(patch.extract_model.map(ExtractModel::as_str))
        .bind(keyword_rules)
        .bind(now_ms())
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            conflict_on_unique(e, || name_taken(patch.name.as_deref().unwrap_or_default(), patch.workspace_id))
        })?;
        if let Some(model) = patch.extract_model {
            for table in ["category_fields", "category_tables"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "UPDATE {table} SET extract_model = $2, updated_at = $3 WHERE category_id = $1"
                )))
                .bind(patch.category_id)
                .bind(model.as_str())
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            }
        }
        let updated = category_in_workspace(&mut tx, patch.workspace_id, patch.category_id).await?;
        tx.commit().await?;
        Ok(updated)
    }

    /// Deletes the categories with their fields, tables and samples; all or none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_categories(&self, caller: &Caller, deletion: &CategoryDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        for &category_id in &deletion.category_ids {
            lock_category(&mut tx, deletion.workspace_id, category_id).await?;
        }
        for &category_id in &deletion.category_ids {
            sqlx::query("DELETE FROM categories WHERE id = $1").bind(category_id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The category's regular fields and its tables with their columns.
pub(crate) async fn parts(
    conn: &mut AnyConnection,
    category_id: i64,
) -> Result<(Vec<super::rows::FieldRow>, Vec<super::rows::TableTree>), StoreError> {
    let fields: Vec<FieldDbRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE category_id = $1 ORDER BY id", FieldDbRow::SELECT)))
            .bind(category_id)
            .fetch_all(&mut *conn)
            .await?;
    let tables: Vec<TableDbRow> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{} WHERE category_id = $1 ORDER BY id", TableDbRow::SELECT)))
            .bind(category_id)
            .fetch_all(&mut *conn)
            .await?;
    nest(fields, tables)
}

/// Category names are unique in a workspace (uploads name their category).
async fn ensure_name_free(
    conn: &mut AnyConnection,
    workspace_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let taken: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM categories WHERE workspace_id = $1 AND name = $2 AND id <> $3")
            .bind(workspace_id)
            .bind(name)
            .bind(except.unwrap_or(0))
            .fetch_optional(&mut *conn)
            .await?;
    match taken {
        Some(_) => Err(StoreError::Conflict(name_taken(name, workspace_id))),
        None => Ok(()),
    }
}

fn name_taken(name: &str, workspace_id: i64) -> String {
    format!("name: a category named {name:?} already exists in workspace {workspace_id}")
}

/// A table that merges tables across pages cannot move to a model that cannot.
async fn ensure_tables_allow(
    conn: &mut AnyConnection,
    category_id: i64,
    model: ExtractModel,
) -> Result<(), StoreError> {
    if model.merges_tables() {
        return Ok(());
    }
    let merging: Option<(String,)> = sqlx::query_as(
        "SELECT name FROM category_tables WHERE category_id = $1 AND collect_from_multi_table = 1 ORDER BY id LIMIT 1",
    )
    .bind(category_id)
    .fetch_optional(&mut *conn)
    .await?;
    match merging {
        Some((table,)) => Err(StoreError::Conflict(format!(
            "extract_model: table {table:?} has collect_from_multi_table, which {} does not support",
            model.as_str()
        ))),
        None => Ok(()),
    }
}
