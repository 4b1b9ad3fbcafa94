//! What a rule is judged over (DESIGN §3): every input of a category the rule
//! names (all inputs when it names none), limited to the rule's referenced
//! fields and tables when it gives them.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use docreview_judge::{ContextDocument, RuleContext};
use docreview_store::files::FileRow;
use docreview_store::review::RuleDefinition;
use docreview_wire::Id;
use docreview_wire::rule::ReferencedField;

/// The rule's context over the review's extracted files.
pub(crate) fn rule_context(files: &[FileRow], rule: &RuleDefinition) -> RuleContext {
    let mut documents = Vec::with_capacity(files.len());
    for file in files {
        let category_id = file.category_id.unwrap_or_default();
        if !rule.category_ids.is_empty() && !rule.category_ids.contains(&category_id) {
            continue;
        }
        let mut data = file.data.clone().unwrap_or_default();
        if let Some(referenced) = rule.referenced_fields.iter().find(|r| r.category_id == Id(category_id)) {
            if !referenced.fields.is_empty() {
                data.fields.retain(|f| referenced.fields.iter().any(|r| r.field_name == f.key));
            }
            if !referenced.tables.is_empty() {
                data.tables.retain(|t| referenced.tables.iter().any(|r| r.table_name == t.table_name));
            }
        }
        documents.push(ContextDocument {
            extract_task_id: file.task_id,
            file_id: file.id,
            category: file.category.clone(),
            data,
            document: file.document.clone(),
        });
    }
    // The files of a review are of one workspace.
    let date_order = files.first().map(|file| file.date_order).unwrap_or_default();
    RuleContext { documents, date_order }
}

/// Contexts shared by the rules that see the same documents: a plan's rules
/// mostly name the same categories and fields, and a context is a copy of
/// the documents' data, far costlier to build than an expression to evaluate.
/// Found by a hash of what decides the documents, so a plan of thousands of
/// rules that each see different fields does not compare each with all.
#[derive(Debug)]
pub(crate) struct SharedContexts<'a> {
    files: &'a [FileRow],
    built: Vec<Built>,
    by_hash: HashMap<u64, Vec<usize>>,
}

#[derive(Debug)]
struct Built {
    category_ids: Vec<i64>,
    referenced_fields: Vec<ReferencedField>,
    context: RuleContext,
}

impl<'a> SharedContexts<'a> {
    pub(crate) fn new(files: &'a [FileRow]) -> Self {
        Self { files, built: Vec::new(), by_hash: HashMap::new() }
    }

    /// The rule's context, built on first use by a rule that sees these documents.
    pub(crate) fn get(&mut self, rule: &RuleDefinition) -> &RuleContext {
        let mut hasher = DefaultHasher::new();
        (&rule.category_ids, &rule.referenced_fields).hash(&mut hasher);
        let same = self.by_hash.entry(hasher.finish()).or_default();
        let found = same.iter().copied().find(|&i| {
            let built = &self.built[i];
            built.category_ids == rule.category_ids && built.referenced_fields == rule.referenced_fields
        });
        let index = match found {
            Some(index) => index,
            None => {
                self.built.push(Built {
                    category_ids: rule.category_ids.clone(),
                    referenced_fields: rule.referenced_fields.clone(),
                    context: rule_context(self.files, rule),
                });
                same.push(self.built.len() - 1);
                self.built.len() - 1
            }
        };
        &self.built[index].context
    }
}

#[cfg(test)]
mod tests {
    use docreview_judge::DateOrder;
    use docreview_store::files::FileRow;
    use docreview_wire::file::{ExtractionData, KeyValue};
    use docreview_wire::rule::ReferencedFieldItem;

    use super::*;

    fn invoice() -> FileRow {
        let field = |key: &str, value: &str| KeyValue {
            key: key.into(),
            value: value.into(),
            position: vec![],
            identifier: None,
            confidence: None,
            extract_model: None,
            config_model: None,
        };
        FileRow {
            id: 1,
            task_id: 2,
            workspace_id: 3,
            batch_number: "b".into(),
            name: "invoice.txt".into(),
            format: "txt".into(),
            task_type: 1,
            category_id: Some(7),
            category: "Invoice".into(),
            recognition_status: docreview_core::states::FileStatus::Succeeded,
            verification_status: 0,
            failure_causes: None,
            data: Some(ExtractionData {
                fields: vec![field("Total", "10.00"), field("Seller", "ACME")],
                ..Default::default()
            }),
            pages: vec![],
            document: None,
            parser_params: serde_json::json!({}),
            duration_ms: None,
            result_version: 1,
            created_at: 0,
            updated_at: 0,
            date_order: Default::default(),
        }
    }

    fn rule(rule_id: i64, fields: &[&str]) -> RuleDefinition {
        let referenced = ReferencedField {
            category_id: Id(7),
            category_name: "Invoice".into(),
            fields: fields.iter().map(|f| ReferencedFieldItem { field_id: Id(0), field_name: (*f).into() }).collect(),
            tables: vec![],
        };
        RuleDefinition {
            rule_id,
            name: format!("rule {rule_id}"),
            prompt: String::new(),
            expression: Some("true".into()),
            category_ids: vec![7],
            risk_level: 20,
            referenced_fields: if fields.is_empty() { vec![] } else { vec![referenced] },
        }
    }

    fn keys(context: &RuleContext) -> Vec<String> {
        context.documents[0].data.fields.iter().map(|f| f.key.clone()).collect()
    }

    #[test]
    fn the_context_reads_dates_in_the_order_of_the_files_workspace() {
        let file = FileRow { date_order: DateOrder::DayFirst, ..invoice() };
        assert_eq!(rule_context(&[file], &rule(1, &[])).date_order, DateOrder::DayFirst);
        assert_eq!(rule_context(&[], &rule(1, &[])).date_order, DateOrder::MonthFirst);
    }

    #[test]
    fn rules_that_see_the_same_fields_share_one_context() {
        let files = [invoice()];
        let mut contexts = SharedContexts::new(&files);
        let first: *const RuleContext = contexts.get(&rule(1, &["Total"]));
        let again: *const RuleContext = contexts.get(&rule(2, &["Total"]));
        assert_eq!(first, again, "built once");
        assert_eq!(keys(contexts.get(&rule(3, &["Total"]))), ["Total"]);
        assert_eq!(keys(contexts.get(&rule(4, &["Seller"]))), ["Seller"]);
        assert_eq!(keys(contexts.get(&rule(5, &[]))), ["Total", "Seller"], "no referenced fields: all of them");
        assert_eq!(contexts.built.len(), 3);
    }
}
