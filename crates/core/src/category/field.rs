//! A field's properties and their limits: a new field, and changes to one.

use docreview_wire::category::field::CategoryFieldUpdate;
use docreview_wire::category::{CategoryFieldConfig, TransformSettings};

use super::common::{at, item, sized, unique_name};
use super::extract_model::ExtractModel;
use super::transform::transform_settings;
use crate::validation::{self, ValidationError, required, required_id};

pub const FIELD_NAME_MAX: usize = 50;
pub const FIELD_DESCRIPTION_MAX: usize = 500;
pub const FIELD_PROMPT_MAX: usize = 1000;
pub const ALIAS_COUNT_MAX: usize = 20;
pub const ALIAS_MAX: usize = 50;
pub const IDENTITY_MAX: usize = 50;
/// Fields of one category, regular fields and table columns together (the
/// DocFlow limit on extraction fields); also the most one request may add.
pub const FIELDS_PER_CATEGORY_MAX: usize = 100;

/// A valid field, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldConfig {
    pub name: String,
    pub description: String,
    pub prompt: String,
    /// Defaults to whether a prompt was given.
    pub use_prompt: bool,
    pub alias: Vec<String>,
    /// Empty when unset.
    pub identity: String,
    pub multi_value: bool,
    /// Only meaningful with `multi_value`.
    pub duplicate_value_distinct: bool,
    pub transform: Option<TransformSettings>,
    /// `None` inherits: a regular field the category's model (`Auto` if mixed),
    /// a table column its table's.
    pub extract_model: Option<ExtractModel>,
}

impl FieldConfig {
    /// Checks a field found at `prefix` (e.g. `fields[3]`; empty for a body that is one field).
    pub fn parse(config: CategoryFieldConfig, prefix: &str) -> Result<Self, ValidationError> {
        let prompt = prompt(config.prompt.unwrap_or_default(), prefix)?;
        Ok(Self {
            name: name(&required(config.name, &at(prefix, "name"))?, prefix)?,
            description: description(config.description.unwrap_or_default(), prefix)?,
            use_prompt: config.use_prompt.unwrap_or(!prompt.trim().is_empty()),
            prompt,
            alias: alias(&config.alias.unwrap_or_default(), prefix)?,
            identity: identity(config.identity.as_deref().unwrap_or_default(), prefix)?,
            multi_value: config.multi_value.unwrap_or(false),
            duplicate_value_distinct: config.duplicate_value_distinct.unwrap_or(false),
            transform: config
                .transform_settings
                .map(|t| transform_settings(t, &at(prefix, "transform_settings")))
                .transpose()?,
            extract_model: None,
        })
    }

    /// A list of fields at `list` with `min..=FIELDS_PER_CATEGORY_MAX` entries
    /// and no name twice.
    pub fn parse_list(
        configs: Option<Vec<CategoryFieldConfig>>,
        list: &str,
        min: usize,
    ) -> Result<Vec<Self>, ValidationError> {
        let configs = sized(configs, list, min, FIELDS_PER_CATEGORY_MAX)?;
        let fields = configs
            .into_iter()
            .enumerate()
            .map(|(index, config)| Self::parse(config, &item(list, index)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut seen = Vec::with_capacity(fields.len());
        for (index, field) in fields.iter().enumerate() {
            unique_name(&mut seen, &field.name, list, index)?;
        }
        Ok(fields)
    }
}

/// Changes to one field; `None` leaves a property unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPatch {
    pub field_id: i64,
    pub name: Option<String>,
    pub description: Option<String>,
    pub prompt: Option<String>,
    pub use_prompt: Option<bool>,
    /// `Some([])` clears.
    pub alias: Option<Vec<String>>,
    /// `Some("")` clears.
    pub identity: Option<String>,
    pub multi_value: Option<bool>,
    pub duplicate_value_distinct: Option<bool>,
    /// `Some(None)` removes the settings.
    pub transform: Option<Option<TransformSettings>>,
    pub extract_model: Option<ExtractModel>,
}

impl FieldPatch {
    /// Checks the changes found at `prefix`.
    pub fn parse(update: CategoryFieldUpdate, prefix: &str) -> Result<Self, ValidationError> {
        let transform_field = at(prefix, "transform_settings");
        Ok(Self {
            field_id: required_id(update.field_id, &at(prefix, "field_id"))?,
            name: update.name.as_deref().map(|n| name(n, prefix)).transpose()?,
            description: update.description.map(|d| description(d, prefix)).transpose()?,
            prompt: update.prompt.map(|p| prompt(p, prefix)).transpose()?,
            use_prompt: update.use_prompt,
            alias: update.alias.map(|a| alias(&a, prefix)).transpose()?,
            identity: update.identity.as_deref().map(|i| identity(i, prefix)).transpose()?,
            multi_value: update.multi_value,
            duplicate_value_distinct: update.duplicate_value_distinct,
            transform: update
                .transform_settings
                .map(|t| t.map(|t| transform_settings(t, &transform_field)).transpose())
                .transpose()?,
            extract_model: update
                .extract_model
                .as_deref()
                .map(|m| ExtractModel::parse(m, &at(prefix, "extract_model")))
                .transpose()?,
        })
    }
}

fn name(value: &str, prefix: &str) -> Result<String, ValidationError> {
    validation::name(value, &at(prefix, "name"), FIELD_NAME_MAX)
}

fn description(value: String, prefix: &str) -> Result<String, ValidationError> {
    validation::text(value, &at(prefix, "description"), FIELD_DESCRIPTION_MAX)
}

fn prompt(value: String, prefix: &str) -> Result<String, ValidationError> {
    validation::text(value, &at(prefix, "prompt"), FIELD_PROMPT_MAX)
}

fn identity(value: &str, prefix: &str) -> Result<String, ValidationError> {
    validation::text(value.trim().to_owned(), &at(prefix, "identity"), IDENTITY_MAX)
}

/// Aliases trimmed, none blank, none twice, at most [`ALIAS_COUNT_MAX`].
fn alias(values: &[String], prefix: &str) -> Result<Vec<String>, ValidationError> {
    let field = at(prefix, "alias");
    if values.len() > ALIAS_COUNT_MAX {
        return Err(ValidationError::new(field, format!("at most {ALIAS_COUNT_MAX} aliases, got {}", values.len())));
    }
    let mut aliases: Vec<String> = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        let path = item(&field, index);
        let value = validation::name(value, &path, ALIAS_MAX)?;
        if let Some(first) = aliases.iter().position(|a| *a == value) {
            return Err(ValidationError::new(path, format!("{value:?} is also {}", item(&field, first))));
        }
        aliases.push(value);
    }
    Ok(aliases)
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;

    use super::*;

    fn config(name: &str) -> CategoryFieldConfig {
        CategoryFieldConfig { name: Some(name.to_owned()), ..Default::default() }
    }

    #[test]
    fn a_field_gets_defaults_and_uses_its_prompt_when_given() {
        let plain = FieldConfig::parse(config("Total"), "").unwrap();
        assert!(!plain.use_prompt && !plain.multi_value && plain.alias.is_empty() && plain.identity.is_empty());
        let prompted =
            FieldConfig::parse(CategoryFieldConfig { prompt: Some("the sum".into()), ..config("Total") }, "").unwrap();
        assert!(prompted.use_prompt);
    }

    #[test]
    fn bad_fields_are_named_by_their_place_in_the_list() {
        let cases = [
            (vec![CategoryFieldConfig::default()], "fields[0].name"),
            (vec![config("a"), config(&"n".repeat(51))], "fields[1].name"),
            (vec![config("a"), config("a")], "fields[1].name"),
            (
                vec![CategoryFieldConfig { alias: Some(vec!["x".into(), " x".into()]), ..config("a") }],
                "fields[0].alias[1]",
            ),
            (vec![CategoryFieldConfig { alias: Some(vec![" ".into()]), ..config("a") }], "fields[0].alias[0]"),
            (vec![CategoryFieldConfig { identity: Some("i".repeat(51)), ..config("a") }], "fields[0].identity"),
        ];
        for (fields, field) in cases {
            assert_eq!(FieldConfig::parse_list(Some(fields), "fields", 1).unwrap_err().field, field);
        }
        assert_eq!(FieldConfig::parse_list(Some(vec![]), "fields", 1).unwrap_err().field, "fields");
        let many = (0..101).map(|i| config(&format!("f{i}"))).collect();
        assert_eq!(FieldConfig::parse_list(Some(many), "fields", 1).unwrap_err().field, "fields");
    }

    #[test]
    fn an_update_tells_clearing_from_leaving_alone() {
        let patch = FieldPatch::parse(
            CategoryFieldUpdate {
                field_id: Some(Id(4)),
                alias: Some(vec![]),
                identity: Some(String::new()),
                transform_settings: Some(None),
                ..Default::default()
            },
            "",
        )
        .unwrap();
        assert_eq!((patch.alias, patch.identity, patch.transform), (Some(vec![]), Some(String::new()), Some(None)));
        assert_eq!((patch.name, patch.multi_value), (None, None));
    }
}
