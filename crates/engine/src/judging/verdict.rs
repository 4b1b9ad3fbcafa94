//! Verdicts as the store keeps them, from a judge's answer or from a reason
//! the rule could not be judged.

use docreview_core::states::RuleResult;
use docreview_judge::VerdictResult;
use docreview_store::review::Verdict;
use docreview_wire::Id;
use docreview_wire::review::Anchor;

/// The store's form of a judge's verdict.
pub(crate) fn from_judge(verdict: docreview_judge::Verdict) -> Verdict {
    Verdict {
        status: match verdict.result {
            VerdictResult::Passed => RuleResult::Passed,
            VerdictResult::NotPassed => RuleResult::NotPassed,
            VerdictResult::Error => RuleResult::Error,
        },
        reasoning: verdict.reasoning,
        anchors: verdict
            .anchors
            .into_iter()
            .map(|a| Anchor {
                start_pos: a.start_pos as i64,
                end_pos: a.end_pos as i64,
                text: a.text,
                vertices: a.vertices,
                file_id: Id(a.file_id),
                extract_task_id: Id(a.extract_task_id),
                page: a.page,
                source: a.source.as_str().to_owned(),
                file_category: Some(a.file_category).filter(|c| !c.is_empty()),
                field_name: Some(a.field_name).filter(|f| !f.is_empty()),
            })
            .collect(),
    }
}

/// An execution error with its cause as the reasoning.
pub(crate) fn error(reasoning: String) -> Verdict {
    Verdict { status: RuleResult::Error, reasoning, anchors: Vec::new() }
}

/// The rule was deleted after the task was planned.
pub(crate) fn rule_deleted(rule_id: i64) -> Verdict {
    error(format!("rule {rule_id} was deleted after this task was planned; retry the whole task to plan it again"))
}

/// The rule's expression does not compile (it was saved before a change of
/// the judge, or written to the database by hand).
pub(crate) fn does_not_compile(cause: impl std::fmt::Display) -> Verdict {
    error(format!("the rule's expression does not compile: {cause}"))
}
