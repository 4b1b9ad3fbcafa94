//! Validated category-management requests: categories, their fields, tables,
//! sample files, transform settings and keyword rules.

mod common;
mod definition;
mod extract_model;
mod field;
mod field_batch;
mod keyword_rules;
mod sample;
mod table;
mod transform;

pub use definition::{
    CATEGORY_DESCRIPTION_MAX, CATEGORY_NAME_MAX, CATEGORY_PROMPT_MAX, CREATE_SAMPLES_MAX, CategoryDeletion,
    CategoryPatch, Enabled, EnabledFilter, NewCategory,
};
pub use extract_model::{ExtractModel, MIXED_MODEL};
pub use field::{FIELDS_PER_CATEGORY_MAX, FieldConfig, FieldPatch};
pub use field_batch::{FieldDeletion, FieldsPatch, NewFields};
pub use keyword_rules::{SharedRuleGroup, keyword_rules, normalize_word, shared_rule_group};
pub use sample::{
    NewSamples, SAMPLE_FORMATS, SAMPLES_PER_CATEGORY_MAX, SAMPLES_PER_UPLOAD_MAX, SampleDeletion, SampleFile,
    SampleSelection,
};
pub use table::{NewTables, TABLES_PER_CATEGORY_MAX, TableConfig, TableDeletion, TablePatch, TablesPatch};
pub use transform::transform_settings;
