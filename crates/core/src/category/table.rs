//! Table requests: a table's properties with its columns, batch add, batch
//! update and delete, and the deprecated single-table forms.

use docreview_wire::category::table::{
    AddTableRequest, BatchAddTablesRequest, BatchUpdateTablesRequest, CategoryTableConfig, CategoryTableUpdate,
    DeleteTablesRequest, UpdateTableRequest,
};

use super::common::{at, item, scope, sized, unique_name};
use super::extract_model::ExtractModel;
use super::field::{FIELDS_PER_CATEGORY_MAX, FieldConfig};
use crate::validation::{self, ValidationError, required, required_id};

pub const TABLE_NAME_MAX: usize = 50;
pub const TABLE_PROMPT_MAX: usize = 200;
pub const TABLE_DESCRIPTION_MAX: usize = 500;
/// Tables of one category; also the most one request may add.
pub const TABLES_PER_CATEGORY_MAX: usize = 20;

/// A valid table with its columns, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableConfig {
    pub name: String,
    pub description: String,
    pub prompt: String,
    pub collect_from_multi_table: bool,
    /// `None` inherits the category's model (`Auto` if mixed).
    pub extract_model: Option<ExtractModel>,
    pub fields: Vec<FieldConfig>,
}

impl TableConfig {
    /// Checks a table found at `prefix` (e.g. `tables[1]`; empty for a body that is one table).
    pub fn parse(config: CategoryTableConfig, prefix: &str) -> Result<Self, ValidationError> {
        let table = Self {
            name: name(&required(config.name, &at(prefix, "name"))?, prefix)?,
            description: description(config.description.unwrap_or_default(), prefix)?,
            prompt: prompt(config.prompt.unwrap_or_default(), prefix)?,
            collect_from_multi_table: config.collect_from_multi_table.unwrap_or(false),
            extract_model: model(config.extract_model.as_deref(), prefix)?,
            fields: match config.fields {
                Some(fields) => FieldConfig::parse_list(Some(fields), &at(prefix, "fields"), 0)?,
                None => Vec::new(),
            },
        };
        if let Some(model) = table.extract_model {
            check_merge(model, table.collect_from_multi_table, prefix)?;
        }
        Ok(table)
    }

    /// A list of tables at `list` with `min..=TABLES_PER_CATEGORY_MAX` entries, no
    /// name twice and at most [`FIELDS_PER_CATEGORY_MAX`] columns in all.
    pub fn parse_list(
        configs: Option<Vec<CategoryTableConfig>>,
        list: &str,
        min: usize,
    ) -> Result<Vec<Self>, ValidationError> {
        let configs = sized(configs, list, min, TABLES_PER_CATEGORY_MAX)?;
        let tables = configs
            .into_iter()
            .enumerate()
            .map(|(index, config)| Self::parse(config, &item(list, index)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut seen = Vec::with_capacity(tables.len());
        for (index, table) in tables.iter().enumerate() {
            unique_name(&mut seen, &table.name, list, index)?;
        }
        let columns: usize = tables.iter().map(|t| t.fields.len()).sum();
        if columns > FIELDS_PER_CATEGORY_MAX {
            return Err(ValidationError::new(
                list,
                format!("at most {FIELDS_PER_CATEGORY_MAX} fields in all, got {columns} table fields"),
            ));
        }
        Ok(tables)
    }

    /// The table's model once inherited from `category_model`, checked against
    /// `collect_from_multi_table`.
    pub fn resolve_model(&self, category_model: ExtractModel, prefix: &str) -> Result<ExtractModel, ValidationError> {
        let model = self.extract_model.unwrap_or(category_model);
        check_merge(model, self.collect_from_multi_table, prefix)?;
        Ok(model)
    }
}

/// Changes to one table; `None` leaves a property unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePatch {
    pub table_id: i64,
    pub name: Option<String>,
    pub description: Option<String>,
    pub prompt: Option<String>,
    pub collect_from_multi_table: Option<bool>,
    /// Also becomes the model of the table's columns.
    pub extract_model: Option<ExtractModel>,
}

impl TablePatch {
    fn parse(update: CategoryTableUpdate, prefix: &str) -> Result<Self, ValidationError> {
        let patch = Self {
            table_id: required_id(update.table_id, &at(prefix, "table_id"))?,
            name: update.name.as_deref().map(|n| name(n, prefix)).transpose()?,
            description: update.description.map(|d| description(d, prefix)).transpose()?,
            prompt: update.prompt.map(|p| prompt(p, prefix)).transpose()?,
            collect_from_multi_table: update.collect_from_multi_table,
            extract_model: model(update.extract_model.as_deref(), prefix)?,
        };
        if let (Some(model), Some(collect)) = (patch.extract_model, patch.collect_from_multi_table) {
            check_merge(model, collect, prefix)?;
        }
        Ok(patch)
    }
}

/// Tables (with their columns) to add to a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTables {
    pub workspace_id: i64,
    pub category_id: i64,
    pub tables: Vec<TableConfig>,
}

impl TryFrom<BatchAddTablesRequest> for NewTables {
    type Error = ValidationError;

    fn try_from(request: BatchAddTablesRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        Ok(Self { workspace_id, category_id, tables: TableConfig::parse_list(request.tables, "tables", 1)? })
    }
}

impl TryFrom<AddTableRequest> for NewTables {
    type Error = ValidationError;

    fn try_from(request: AddTableRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        Ok(Self { workspace_id, category_id, tables: vec![TableConfig::parse(request.table, "")?] })
    }
}

/// Changes to several tables of a category, applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablesPatch {
    pub workspace_id: i64,
    pub category_id: i64,
    pub tables: Vec<TablePatch>,
}

impl TryFrom<BatchUpdateTablesRequest> for TablesPatch {
    type Error = ValidationError;

    fn try_from(request: BatchUpdateTablesRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        let updates = sized(request.tables, "tables", 1, TABLES_PER_CATEGORY_MAX)?;
        let mut tables: Vec<TablePatch> = Vec::with_capacity(updates.len());
        for (index, update) in updates.into_iter().enumerate() {
            let path = item("tables", index);
            let patch = TablePatch::parse(update, &path)?;
            if tables.iter().any(|t| t.table_id == patch.table_id) {
                return Err(ValidationError::new(
                    at(&path, "table_id"),
                    format!("table {} is listed twice", patch.table_id),
                ));
            }
            tables.push(patch);
        }
        Ok(Self { workspace_id, category_id, tables })
    }
}

impl TryFrom<UpdateTableRequest> for TablesPatch {
    type Error = ValidationError;

    /// The deprecated form, where `collect_from_multi_table` is required.
    fn try_from(request: UpdateTableRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        required(request.table.collect_from_multi_table, "collect_from_multi_table")?;
        Ok(Self { workspace_id, category_id, tables: vec![TablePatch::parse(request.table, "")?] })
    }
}

/// Tables to delete with their columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDeletion {
    pub workspace_id: i64,
    pub category_id: i64,
    pub table_ids: Vec<i64>,
}

impl TryFrom<DeleteTablesRequest> for TableDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteTablesRequest) -> Result<Self, Self::Error> {
        let (workspace_id, category_id) = scope(request.workspace_id, request.category_id)?;
        Ok(Self {
            workspace_id,
            category_id,
            table_ids: validation::id_list(request.table_ids, "table_ids", TABLES_PER_CATEGORY_MAX)?,
        })
    }
}

/// `collect_from_multi_table` is not available with the vision model.
fn check_merge(model: ExtractModel, collect: bool, prefix: &str) -> Result<(), ValidationError> {
    if collect && !model.merges_tables() {
        return Err(ValidationError::new(
            at(prefix, "collect_from_multi_table"),
            format!("is not supported with {}", model.as_str()),
        ));
    }
    Ok(())
}

fn model(value: Option<&str>, prefix: &str) -> Result<Option<ExtractModel>, ValidationError> {
    value.map(|m| ExtractModel::parse(m, &at(prefix, "extract_model"))).transpose()
}

fn name(value: &str, prefix: &str) -> Result<String, ValidationError> {
    validation::name(value, &at(prefix, "name"), TABLE_NAME_MAX)
}

fn description(value: String, prefix: &str) -> Result<String, ValidationError> {
    validation::text(value, &at(prefix, "description"), TABLE_DESCRIPTION_MAX)
}

fn prompt(value: String, prefix: &str) -> Result<String, ValidationError> {
    validation::text(value, &at(prefix, "prompt"), TABLE_PROMPT_MAX)
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;
    use docreview_wire::category::CategoryFieldConfig;

    use super::*;

    fn table(name: &str) -> CategoryTableConfig {
        CategoryTableConfig { name: Some(name.to_owned()), ..Default::default() }
    }

    #[test]
    fn tables_carry_their_columns_and_name_bad_ones_by_place() {
        let column = |name: &str| CategoryFieldConfig { name: Some(name.to_owned()), ..Default::default() };
        let items = CategoryTableConfig { fields: Some(vec![column("Date"), column("Amount")]), ..table("Items") };
        let parsed = TableConfig::parse_list(Some(vec![items.clone()]), "tables", 1).unwrap();
        assert_eq!(parsed[0].fields.len(), 2);

        let twice = CategoryTableConfig { fields: Some(vec![column("Date"), column("Date")]), ..table("Items") };
        let error = TableConfig::parse_list(Some(vec![table("Other"), twice]), "tables", 1).unwrap_err();
        assert_eq!(error.field, "tables[1].fields[1].name");
        let error = TableConfig::parse_list(Some(vec![items.clone(), items]), "tables", 1).unwrap_err();
        assert_eq!(error.field, "tables[1].name");
    }

    #[test]
    fn the_vision_model_cannot_merge_tables() {
        let merging = CategoryTableConfig {
            collect_from_multi_table: Some(true),
            extract_model: Some("Acgpt-VL".into()),
            ..table("Items")
        };
        assert_eq!(TableConfig::parse(merging, "tables[0]").unwrap_err().field, "tables[0].collect_from_multi_table");

        let inheriting =
            TableConfig::parse(CategoryTableConfig { collect_from_multi_table: Some(true), ..table("T") }, "").unwrap();
        assert!(inheriting.resolve_model(ExtractModel::AcgptVl, "").is_err());
        assert_eq!(inheriting.resolve_model(ExtractModel::DfM1, "").unwrap(), ExtractModel::DfM1);
    }

    #[test]
    fn the_deprecated_update_requires_collect_from_multi_table() {
        let request = UpdateTableRequest {
            workspace_id: Some(Id(1)),
            category_id: Some(Id(2)),
            with_detail: None,
            table: CategoryTableUpdate { table_id: Some(Id(3)), name: Some("T".into()), ..Default::default() },
        };
        assert_eq!(TablesPatch::try_from(request).unwrap_err().field, "collect_from_multi_table");
    }
}
