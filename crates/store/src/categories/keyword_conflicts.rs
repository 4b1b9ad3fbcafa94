//! No two enabled categories of a workspace may share a keyword rule group:
//! both would claim the same documents, and classification could not choose.

use docreview_core::category::{Enabled, shared_rule_group};
use docreview_wire::category::CategoryKeywordRules;
use sqlx::{AnyConnection, FromRow};

use crate::{StoreError, json};

#[derive(FromRow)]
struct RulesRow {
    name: String,
    keyword_rules: String,
}

/// Fails with a conflict when an enabled category of the workspace, other than
/// `except`, has a group of `rules` (same direction, `min_hit` and words).
pub(crate) async fn ensure_no_shared_rule_group(
    conn: &mut AnyConnection,
    workspace_id: i64,
    except: Option<i64>,
    rules: &CategoryKeywordRules,
) -> Result<(), StoreError> {
    if rules.positive_rules.is_empty() && rules.negative_rules.is_empty() {
        return Ok(());
    }
    let others: Vec<RulesRow> = sqlx::query_as(
        "SELECT name, keyword_rules FROM categories WHERE workspace_id = $1 AND enabled = $2 AND id <> $3 ORDER BY id",
    )
    .bind(workspace_id)
    .bind(Enabled::Enabled.value())
    .bind(except.unwrap_or(0))
    .fetch_all(&mut *conn)
    .await?;
    for other in others {
        let theirs: CategoryKeywordRules = json::decode(&other.keyword_rules, "categories.keyword_rules")?;
        if let Some(shared) = shared_rule_group(rules, &theirs) {
            return Err(StoreError::Conflict(format!(
                "category_keyword_rules: the {} group {:?} has the same min_hit and words as a group of \
                 the enabled category {:?}",
                shared.direction, shared.group_name, other.name
            )));
        }
    }
    Ok(())
}
