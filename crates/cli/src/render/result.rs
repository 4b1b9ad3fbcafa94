//! A review task's result: a header with its status and statistics, then one
//! row per rule task with its group, risk, result and reasoning.

use std::fmt::Write;

use docreview_wire::review::ReviewTaskResult;

use super::columns::{Column, table};
use super::names::{risk_name, status_name};
use super::text;

const COLUMNS: [Column; 5] = [
    Column::cut("GROUP", 20),
    Column::cut("RULE", 30),
    Column::cut("RISK", 6),
    Column::cut("RESULT", 18),
    Column::wrapping("REASONING"),
];

/// The whole view, ending with a newline.
pub fn review_result(result: &ReviewTaskResult, line_width: usize) -> String {
    let stats = &result.statistics;
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(
        out,
        "Review task {} \"{}\": {}",
        result.task_id,
        text::clean(&result.task_name),
        status_name(result.status)
    );
    let _ = writeln!(
        out,
        "Repository \"{}\" ({}), model {}, {} extraction task{}",
        text::clean(&result.rule_repo.name),
        result.rule_repo.repo_id,
        text::clean(&result.model),
        result.extract_task_ids.len(),
        if result.extract_task_ids.len() == 1 { "" } else { "s" },
    );
    let _ = writeln!(
        out,
        "Rules: {} passed, {} not passed, {} errors, {} not triggered",
        stats.pass_count, stats.failure_count, stats.error_count, stats.not_triggered_count
    );
    let rows: Vec<Vec<String>> = result
        .groups
        .iter()
        .flat_map(|group| {
            group.review_tasks.iter().map(|rule| {
                vec![
                    group.group_name.clone(),
                    rule.rule_name.clone(),
                    risk_name(rule.risk_level).into_owned(),
                    status_name(rule.review_result).into_owned(),
                    rule.reasoning.clone(),
                ]
            })
        })
        .collect();
    out.push('\n');
    if rows.is_empty() {
        out.push_str("No rule tasks yet.\n");
    } else {
        out.push_str(&table(&COLUMNS, &rows, line_width));
    }
    out
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;
    use docreview_wire::review::{ReviewGroupResult, ReviewStatistics, RuleRepoRef, RuleTaskResult};

    use super::*;

    fn rule(name: &str, risk_level: i64, review_result: i64, reasoning: &str) -> RuleTaskResult {
        RuleTaskResult {
            rule_task_id: Id(10),
            rule_id: Id(11),
            rule_name: name.to_owned(),
            risk_level,
            prompt: String::new(),
            review_result,
            reasoning: reasoning.to_owned(),
            anchors: Vec::new(),
        }
    }

    fn result(groups: Vec<ReviewGroupResult>) -> ReviewTaskResult {
        ReviewTaskResult {
            task_id: Id(7),
            task_name: "Q3".to_owned(),
            status: 4,
            rule_repo: RuleRepoRef { repo_id: Id(8), name: "Checks".to_owned() },
            extract_task_ids: vec![Id(1), Id(2)],
            statistics: ReviewStatistics { pass_count: 1, failure_count: 1, error_count: 0, not_triggered_count: 2 },
            groups,
            model: "default".to_owned(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn the_header_names_the_status_and_each_rule_gets_a_row() {
        let group = ReviewGroupResult {
            group_id: Id(9),
            group_name: "Amounts".to_owned(),
            review_tasks: vec![
                rule("Tax amount", 10, 1, "Tax Amount (Invoice) = 151.05 → expression is true"),
                rule("Total", 30, 4, "Total (Invoice) = 946.05 → expression is false"),
            ],
        };
        let expected = "\
Review task 7 \"Q3\": not passed
Repository \"Checks\" (8), model default, 2 extraction tasks
Rules: 1 passed, 1 not passed, 0 errors, 2 not triggered

GROUP    RULE        RISK  RESULT      REASONING
Amounts  Tax amount  high  passed      Tax Amount (Invoice) = 151.05 → expression is true
Amounts  Total       low   not passed  Total (Invoice) = 946.05 → expression is false
";
        assert_eq!(review_result(&result(vec![group]), 100), expected);
    }

    #[test]
    fn a_task_without_rule_tasks_says_so() {
        assert!(review_result(&result(Vec::new()), 100).ends_with("\nNo rule tasks yet.\n"));
    }
}
