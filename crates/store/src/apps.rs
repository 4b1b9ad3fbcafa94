//! Enterprises (tenants) and the apps that hold API credentials.

use docreview_core::Caller;
use docreview_core::credentials::{NewCredentials, SecretHash};
use sqlx::FromRow;

use crate::clock::now_ms;
use crate::{Store, StoreError};

/// An app as authentication needs it.
#[derive(Debug, Clone)]
pub struct AppAuth {
    pub caller: Caller,
    pub secret_hash: SecretHash,
}

#[derive(FromRow)]
struct AppRow {
    id: i64,
    app_id: String,
    name: String,
    enterprise_id: i64,
    secret_hash: String,
}

impl Store {
    /// Creates an app with fresh credentials in enterprise `enterprise_id` (created
    /// if it does not exist yet), or in a new enterprise of its own.
    /// The secret is returned here and never again.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_app(
        &self,
        name: &str,
        enterprise_id: Option<i64>,
    ) -> Result<(Caller, NewCredentials), StoreError> {
        let mut tx = self.write.begin().await?;
        let created = self.insert_app(&mut tx, name, enterprise_id).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Creates a first app when the database has none; `None` if it has one.
    /// Used on first start, so the quickstart needs no extra step.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_first_app(&self, name: &str) -> Result<Option<(Caller, NewCredentials)>, StoreError> {
        let mut tx = self.write.begin().await?;
        let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM apps").fetch_one(&mut *tx).await?;
        if count > 0 {
            return Ok(None);
        }
        let created = self.insert_app(&mut tx, name, None).await?;
        tx.commit().await?;
        Ok(Some(created))
    }

    async fn insert_app(
        &self,
        tx: &mut sqlx::AnyConnection,
        name: &str,
        enterprise_id: Option<i64>,
    ) -> Result<(Caller, NewCredentials), StoreError> {
        let now = now_ms();
        let enterprise_id = enterprise_id.unwrap_or_else(|| self.next_id());
        sqlx::query("INSERT INTO enterprises (id, created_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(enterprise_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let credentials = NewCredentials::generate();
        let id = self.next_id();
        sqlx::query(
            "INSERT INTO apps (id, app_id, name, enterprise_id, secret_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(&credentials.app_id)
        .bind(name)
        .bind(enterprise_id)
        .bind(credentials.secret_hash().to_hex())
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let caller =
            Caller { app_pk: id, app_id: credentials.app_id.clone(), app_name: name.to_owned(), enterprise_id };
        Ok((caller, credentials))
    }

    /// The app with this public app id, if any.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn find_app(&self, app_id: &str) -> Result<Option<AppAuth>, StoreError> {
        let row: Option<AppRow> =
            sqlx::query_as("SELECT id, app_id, name, enterprise_id, secret_hash FROM apps WHERE app_id = $1")
                .bind(app_id)
                .fetch_optional(&self.read)
                .await?;
        row.map(|row| {
            let secret_hash = SecretHash::from_hex(&row.secret_hash)
                .ok_or_else(|| StoreError::Corrupt(format!("secret hash of app {}", row.app_id)))?;
            Ok(AppAuth {
                caller: Caller {
                    app_pk: row.id,
                    app_id: row.app_id,
                    app_name: row.name,
                    enterprise_id: row.enterprise_id,
                },
                secret_hash,
            })
        })
        .transpose()
    }
}
