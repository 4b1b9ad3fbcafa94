//! Category requests: create (with fields, tables, samples and keyword rules),
//! the listing filter, update and delete.

use docreview_wire::category::CategoryKeywordRules;
use docreview_wire::category::definition::{CreateCategoryRequest, DeleteCategoriesRequest, UpdateCategoryRequest};

use super::common::item;
use super::extract_model::ExtractModel;
use super::field::{FIELDS_PER_CATEGORY_MAX, FieldConfig};
use super::keyword_rules::keyword_rules;
use super::sample::{SAMPLES_PER_CATEGORY_MAX, SampleFile};
use super::table::TableConfig;
use crate::validation::{self, ValidationError, required, required_id};

pub const CATEGORY_NAME_MAX: usize = 50;
/// The spec's and the SDK's limit (one guide page says 500).
pub const CATEGORY_PROMPT_MAX: usize = 150;
pub const CATEGORY_DESCRIPTION_MAX: usize = 500;
/// Sample files one `category/create` may carry.
pub const CREATE_SAMPLES_MAX: usize = 10;
/// Categories one delete request may name.
const DELETE_MAX: usize = 100;

/// Whether a category takes part in classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Enabled {
    Disabled = 0,
    /// New categories are enabled.
    #[default]
    Enabled = 1,
    Draft = 2,
}

impl Enabled {
    /// Reads the wire value 0, 1 or 2.
    pub fn parse(value: i64, field: &str) -> Result<Self, ValidationError> {
        match value {
            0 => Ok(Self::Disabled),
            1 => Ok(Self::Enabled),
            2 => Ok(Self::Draft),
            other => {
                Err(ValidationError::new(field, format!("must be 0 (disabled), 1 (enabled) or 2 (draft), got {other}")))
            }
        }
    }

    pub fn value(self) -> i64 {
        self as i64
    }
}

/// Which categories `category/list` returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnabledFilter {
    All,
    Only(Enabled),
}

impl EnabledFilter {
    /// Reads `all`, `0`, `1` or `2`; absent means enabled only.
    pub fn parse(value: Option<&str>) -> Result<Self, ValidationError> {
        match value.map(str::trim) {
            None | Some("1") => Ok(Self::Only(Enabled::Enabled)),
            Some("all") => Ok(Self::All),
            Some("0") => Ok(Self::Only(Enabled::Disabled)),
            Some("2") => Ok(Self::Only(Enabled::Draft)),
            Some(other) => Err(ValidationError::new("enabled", format!("must be all, 0, 1 or 2, got {other:?}"))),
        }
    }
}

/// A category to create, with everything it starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCategory {
    pub workspace_id: i64,
    pub name: String,
    pub description: String,
    pub category_prompt: String,
    pub extract_model: ExtractModel,
    pub keyword_rules: CategoryKeywordRules,
    pub fields: Vec<FieldConfig>,
    /// Each with its model resolved (its own, or the category's).
    pub tables: Vec<TableConfig>,
    pub samples: Vec<SampleFile>,
}

impl TryFrom<CreateCategoryRequest> for NewCategory {
    type Error = ValidationError;

    fn try_from(request: CreateCategoryRequest) -> Result<Self, Self::Error> {
        let workspace_id = required_id(request.workspace_id, "workspace_id")?;
        let name = name(&required(request.name, "name")?)?;
        let extract_model = ExtractModel::parse(&required(request.extract_model, "extract_model")?, "extract_model")?;
        let fields = FieldConfig::parse_list(request.fields, "fields", 1)?;
        let mut tables = match request.tables {
            Some(tables) => TableConfig::parse_list(Some(tables), "tables", 0)?,
            None => Vec::new(),
        };
        for (index, table) in tables.iter_mut().enumerate() {
            table.extract_model = Some(table.resolve_model(extract_model, &item("tables", index))?);
        }
        let total = fields.len() + tables.iter().map(|t| t.fields.len()).sum::<usize>();
        if total > FIELDS_PER_CATEGORY_MAX {
            return Err(ValidationError::new(
                "fields",
                format!("a category has at most {FIELDS_PER_CATEGORY_MAX} fields with its table fields, got {total}"),
            ));
        }
        Ok(Self {
            workspace_id,
            name,
            description: description(request.description.unwrap_or_default())?,
            category_prompt: category_prompt(request.category_prompt.unwrap_or_default())?,
            extract_model,
            keyword_rules: request
                .category_keyword_rules
                .map(|rules| keyword_rules(rules, "category_keyword_rules"))
                .transpose()?
                .unwrap_or_default(),
            fields,
            tables,
            samples: SampleFile::parse_list(
                request.sample_files,
                "sample_files",
                1,
                CREATE_SAMPLES_MAX.min(SAMPLES_PER_CATEGORY_MAX),
            )?,
        })
    }
}

/// Changes to a category; `None` leaves a property unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryPatch {
    pub workspace_id: i64,
    pub category_id: i64,
    pub name: Option<String>,
    pub description: Option<String>,
    pub category_prompt: Option<String>,
    pub enabled: Option<Enabled>,
    /// Becomes the model of the category and of all its fields and tables.
    pub extract_model: Option<ExtractModel>,
    /// Replaces the rules; empty lists clear them.
    pub keyword_rules: Option<CategoryKeywordRules>,
}

impl TryFrom<UpdateCategoryRequest> for CategoryPatch {
    type Error = ValidationError;

    fn try_from(request: UpdateCategoryRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            category_id: required_id(request.category_id, "category_id")?,
            name: request.name.as_deref().map(name).transpose()?,
            description: request.description.map(description).transpose()?,
            category_prompt: request.category_prompt.map(category_prompt).transpose()?,
            enabled: request.enabled.map(|e| Enabled::parse(e, "enabled")).transpose()?,
            extract_model: request
                .extract_model
                .as_deref()
                .map(|m| ExtractModel::parse(m, "extract_model"))
                .transpose()?,
            keyword_rules: request
                .category_keyword_rules
                .map(|rules| keyword_rules(rules, "category_keyword_rules"))
                .transpose()?,
        })
    }
}

/// Categories to delete with their fields, tables and samples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryDeletion {
    pub workspace_id: i64,
    pub category_ids: Vec<i64>,
}

impl TryFrom<DeleteCategoriesRequest> for CategoryDeletion {
    type Error = ValidationError;

    fn try_from(request: DeleteCategoriesRequest) -> Result<Self, Self::Error> {
        Ok(Self {
            workspace_id: required_id(request.workspace_id, "workspace_id")?,
            category_ids: validation::id_list(request.category_ids, "category_ids", DELETE_MAX)?,
        })
    }
}

fn name(value: &str) -> Result<String, ValidationError> {
    validation::name(value, "name", CATEGORY_NAME_MAX)
}

fn description(value: String) -> Result<String, ValidationError> {
    validation::text(value, "description", CATEGORY_DESCRIPTION_MAX)
}

fn category_prompt(value: String) -> Result<String, ValidationError> {
    validation::text(value, "category_prompt", CATEGORY_PROMPT_MAX)
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;
    use docreview_wire::category::CategoryFieldConfig;
    use docreview_wire::category::sample::UploadedFile;
    use docreview_wire::category::table::CategoryTableConfig;

    use super::*;

    fn request() -> CreateCategoryRequest {
        CreateCategoryRequest {
            workspace_id: Some(Id(1)),
            name: Some("Invoice".into()),
            extract_model: Some("Model 2".into()),
            sample_files: vec![UploadedFile { file_name: Some("a.pdf".into()), content: b"%PDF".to_vec() }],
            fields: Some(vec![CategoryFieldConfig { name: Some("Total".into()), ..Default::default() }]),
            ..Default::default()
        }
    }

    #[test]
    fn a_category_maps_old_model_names_and_tables_inherit_its_model() {
        let tables = vec![CategoryTableConfig { name: Some("Items".into()), ..Default::default() }];
        let category = NewCategory::try_from(CreateCategoryRequest { tables: Some(tables), ..request() }).unwrap();
        assert_eq!(category.extract_model, ExtractModel::DfM1);
        assert_eq!(category.tables[0].extract_model, Some(ExtractModel::DfM1));
        assert_eq!(category.keyword_rules, CategoryKeywordRules::default());
    }

    #[test]
    fn bad_create_requests_name_the_part() {
        let merging = vec![CategoryTableConfig {
            name: Some("Items".into()),
            collect_from_multi_table: Some(true),
            ..Default::default()
        }];
        let cases = [
            (CreateCategoryRequest { name: Some("n".repeat(51)), ..request() }, "name"),
            (CreateCategoryRequest { extract_model: Some("mixed".into()), ..request() }, "extract_model"),
            (CreateCategoryRequest { fields: Some(vec![]), ..request() }, "fields"),
            (CreateCategoryRequest { fields: None, ..request() }, "fields"),
            (CreateCategoryRequest { sample_files: vec![], ..request() }, "sample_files"),
            (CreateCategoryRequest { category_prompt: Some("p".repeat(151)), ..request() }, "category_prompt"),
            (
                CreateCategoryRequest { extract_model: Some("Acgpt-VL".into()), tables: Some(merging), ..request() },
                "tables[0].collect_from_multi_table",
            ),
        ];
        for (request, field) in cases {
            assert_eq!(NewCategory::try_from(request).unwrap_err().field, field);
        }
    }

    #[test]
    fn the_listing_filter_defaults_to_enabled() {
        assert_eq!(EnabledFilter::parse(None).unwrap(), EnabledFilter::Only(Enabled::Enabled));
        assert_eq!(EnabledFilter::parse(Some("all")).unwrap(), EnabledFilter::All);
        assert_eq!(EnabledFilter::parse(Some("2")).unwrap(), EnabledFilter::Only(Enabled::Draft));
        assert!(EnabledFilter::parse(Some("3")).is_err());
    }
}
