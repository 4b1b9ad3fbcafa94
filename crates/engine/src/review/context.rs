//! What a rule is judged over (DESIGN §3): every input of a category the rule
//! names (all inputs when it names none), limited to the rule's referenced
//! fields and tables when it gives them.

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
    RuleContext { documents }
}

/// Contexts shared by the rules that see the same documents: a batch's rules
/// mostly name the same categories and fields, and a context is a copy of
/// the documents' data, far costlier to build than an expression to evaluate.
#[derive(Debug)]
pub(crate) struct SharedContexts<'a> {
    files: &'a [FileRow],
    built: Vec<Built>,
}

#[derive(Debug)]
struct Built {
    category_ids: Vec<i64>,
    referenced_fields: Vec<ReferencedField>,
    context: RuleContext,
}

impl<'a> SharedContexts<'a> {
    pub(crate) fn new(files: &'a [FileRow]) -> Self {
        Self { files, built: Vec::new() }
    }

    /// The rule's context, built on first use by a rule that sees these documents.
    pub(crate) fn get(&mut self, rule: &RuleDefinition) -> &RuleContext {
        let same = |b: &Built| b.category_ids == rule.category_ids && b.referenced_fields == rule.referenced_fields;
        let index = match self.built.iter().position(same) {
            Some(index) => index,
            None => {
                self.built.push(Built {
                    category_ids: rule.category_ids.clone(),
                    referenced_fields: rule.referenced_fields.clone(),
                    context: rule_context(self.files, rule),
                });
                self.built.len() - 1
            }
        };
        &self.built[index].context
    }
}
