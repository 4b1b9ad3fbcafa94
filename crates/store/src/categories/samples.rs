//! Sample files of a category, kept in the database with their bytes.

use docreview_core::Caller;
use docreview_core::category::{NewSamples, SAMPLES_PER_CATEGORY_MAX, SampleDeletion, SampleSelection};
use docreview_core::validation::Page;
use sqlx::AnyConnection;

use super::insert::insert_sample;
use super::lookup::{Part, category_in_workspace, count_in_category, lock_category};
use super::rows::{CategoryRow, SampleContent, SampleRow};
use crate::clock::now_ms;
use crate::workspaces::ensure_workspace_visible;
use crate::{ObjectKind, Store, StoreError};

impl Store {
    /// Adds the samples, all or none, keeping the category within its limit;
    /// returns their ids in upload order.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn add_category_samples(&self, caller: &Caller, new: &NewSamples) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, new.workspace_id).await?;
        lock_category(&mut tx, new.workspace_id, new.category_id).await?;
        let existing = count_in_category(&mut tx, Part::Samples, new.category_id).await?;
        if existing + new.files.len() > SAMPLES_PER_CATEGORY_MAX {
            return Err(StoreError::Conflict(format!(
                "files: category {} has {existing} samples; {} more would exceed {SAMPLES_PER_CATEGORY_MAX}",
                new.category_id,
                new.files.len()
            )));
        }
        let now = now_ms();
        let mut ids = Vec::with_capacity(new.files.len());
        for file in &new.files {
            let id = self.next_id();
            insert_sample(&mut tx, id, new.category_id, file, now).await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// A page of the category's samples in upload order, with the total count.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_category_samples(
        &self,
        caller: &Caller,
        workspace_id: i64,
        category_id: i64,
        page: Page,
    ) -> Result<(i64, Vec<SampleRow>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, workspace_id).await?;
        category_in_workspace(&mut tx, workspace_id, category_id).await?;
        let total = count_in_category(&mut tx, Part::Samples, category_id).await?;
        let rows = sqlx::query_as(
            "SELECT id, file_name, byte_size FROM category_samples WHERE category_id = $1 ORDER BY id \
             LIMIT $2 OFFSET $3",
        )
        .bind(category_id)
        .bind(page.page_size)
        .bind(page.offset())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((i64::try_from(total).unwrap_or_default(), rows))
    }

    /// The category and the selected samples with their bytes, in upload order
    /// (every sample when the selection names none).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn get_category_sample_files(
        &self,
        caller: &Caller,
        selection: &SampleSelection,
    ) -> Result<(CategoryRow, Vec<SampleContent>), StoreError> {
        let mut tx = self.read.begin().await?;
        ensure_workspace_visible(&mut tx, caller, selection.workspace_id).await?;
        let category = category_in_workspace(&mut tx, selection.workspace_id, selection.category_id).await?;
        let files = match &selection.sample_ids {
            Some(ids) => {
                let mut files = Vec::with_capacity(ids.len());
                for &id in ids {
                    files.push(sample_in_category(&mut tx, selection.category_id, id).await?);
                }
                files.sort_by_key(|f: &SampleContent| f.id);
                files
            }
            None => sqlx::query_as(
                "SELECT id, file_name, content, created_at FROM category_samples WHERE category_id = $1 ORDER BY id",
            )
            .bind(selection.category_id)
            .fetch_all(&mut *tx)
            .await?,
        };
        tx.commit().await?;
        Ok((category, files))
    }

    /// Deletes the samples, all or none; the category must keep at least one.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_category_samples(&self, caller: &Caller, deletion: &SampleDeletion) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        ensure_workspace_visible(&mut tx, caller, deletion.workspace_id).await?;
        lock_category(&mut tx, deletion.workspace_id, deletion.category_id).await?;
        for &id in &deletion.sample_ids {
            sample_exists(&mut tx, deletion.category_id, id).await?;
        }
        let existing = count_in_category(&mut tx, Part::Samples, deletion.category_id).await?;
        if existing <= deletion.sample_ids.len() {
            return Err(StoreError::Conflict(format!(
                "sample_ids: a category must keep at least one sample; category {} has {existing}",
                deletion.category_id
            )));
        }
        for &id in &deletion.sample_ids {
            sqlx::query("DELETE FROM category_samples WHERE id = $1").bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// The sample with its bytes; it must belong to the category.
async fn sample_in_category(conn: &mut AnyConnection, category_id: i64, id: i64) -> Result<SampleContent, StoreError> {
    sqlx::query_as("SELECT id, file_name, content, created_at FROM category_samples WHERE id = $1 AND category_id = $2")
        .bind(id)
        .bind(category_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found_in(ObjectKind::CategorySample, id, ObjectKind::Category, category_id))
}

/// Fails with "sample not found" unless the sample belongs to the category.
async fn sample_exists(conn: &mut AnyConnection, category_id: i64, id: i64) -> Result<(), StoreError> {
    let found: Option<(i64,)> = sqlx::query_as("SELECT id FROM category_samples WHERE id = $1 AND category_id = $2")
        .bind(id)
        .bind(category_id)
        .fetch_optional(&mut *conn)
        .await?;
    found
        .map(drop)
        .ok_or_else(|| StoreError::not_found_in(ObjectKind::CategorySample, id, ObjectKind::Category, category_id))
}
