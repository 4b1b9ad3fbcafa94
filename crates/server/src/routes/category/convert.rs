//! Stored rows to wire shapes, shared by the category handlers.

use axum::Json;
use docreview_store::categories::{CategoryRow, CategoryTree, FieldRow, SampleRow, TableRow, TableTree};
use docreview_wire::category::definition::{Category, CategoryDetail};
use docreview_wire::category::field::{CategoryField, FieldAdded, FieldConfig, FieldProps};
use docreview_wire::category::sample::CategorySample;
use docreview_wire::category::table::{CategoryTable, TableAdded, TableProps, TableSummary};
use docreview_wire::{Envelope, Id};

use crate::respond::ApiResult;

/// A success envelope whose result is present only when asked for (`with_detail`).
pub fn optional<T>(result: Option<T>) -> ApiResult<T> {
    Ok(Json(Envelope::success(result)))
}

pub fn category(row: CategoryRow) -> Category {
    Category {
        id: Id(row.id),
        extract_model: row.reported_model().to_owned(),
        name: row.name,
        description: row.description,
        category_prompt: row.category_prompt,
        enabled: row.enabled,
        category_keyword_rules: row.keyword_rules,
    }
}

pub fn detail(tree: CategoryTree) -> CategoryDetail {
    let category = tree.category;
    CategoryDetail {
        extract_model: category.reported_model().to_owned(),
        name: category.name,
        description: category.description,
        category_prompt: category.category_prompt,
        category_keyword_rules: category.keyword_rules,
        enabled: category.enabled,
        fields: tree.fields.into_iter().map(field).collect(),
        tables: tree.tables.into_iter().map(table).collect(),
        samples: tree.samples.into_iter().map(sample).collect(),
    }
}

pub fn field(row: FieldRow) -> CategoryField {
    CategoryField { id: Id(row.id), props: field_props(row) }
}

/// `{field_id}`, with every property when `with_detail`.
pub fn field_added(row: FieldRow, with_detail: bool) -> FieldAdded {
    FieldAdded { field_id: Id(row.id), detail: with_detail.then(|| field_props(row)) }
}

fn field_props(row: FieldRow) -> FieldProps {
    FieldProps {
        name: row.name,
        description: row.description,
        prompt: row.prompt,
        use_prompt: row.use_prompt,
        alias: row.alias,
        identity: row.identity,
        multi_value: row.multi_value,
        duplicate_value_distinct: row.duplicate_value_distinct,
        transform_settings: row.transform,
        extract_model: row.extract_model,
        enabled: 1,
    }
}

pub fn field_config(row: FieldRow) -> FieldConfig {
    FieldConfig {
        field_id: Id(row.id),
        field_name: row.name,
        alias: row.alias,
        identity: row.identity,
        multi_value: row.multi_value,
        duplicate_value_distinct: row.duplicate_value_distinct,
        transform_settings: row.transform,
    }
}

pub fn table(tree: TableTree) -> CategoryTable {
    CategoryTable { id: Id(tree.table.id), props: table_props(tree) }
}

/// `{table_id}`, with every property and the columns when `with_detail`.
pub fn table_added(tree: TableTree, with_detail: bool) -> TableAdded {
    TableAdded { table_id: Id(tree.table.id), detail: with_detail.then(|| table_props(tree)) }
}

fn table_props(tree: TableTree) -> TableProps {
    TableProps {
        name: tree.table.name,
        description: tree.table.description,
        prompt: tree.table.prompt,
        collect_from_multi_table: tree.table.collect_from_multi_table,
        extract_model: tree.table.extract_model,
        fields: tree.fields.into_iter().map(field).collect(),
    }
}

pub fn table_summary(row: TableRow) -> TableSummary {
    TableSummary {
        id: Id(row.id),
        name: row.name,
        description: row.description,
        prompt: row.prompt,
        collect_from_multi_table: row.collect_from_multi_table,
        extract_model: row.extract_model,
    }
}

pub fn sample(row: SampleRow) -> CategorySample {
    CategorySample { sample_id: Id(row.id), file_name: row.file_name }
}
