//! A page of review tasks (`review/task/list`): one row per task with its
//! status and counts, and a line that says which page this is.

use std::fmt::Write;

use docreview_core::time::ms_to_rfc3339;
use docreview_wire::review::ReviewTaskList;

use super::columns::{Column, table};
use super::names::status_name;

const COLUMNS: [Column; 8] = [
    Column::cut("TASK", 20),
    Column::cut("NAME", 30),
    Column::cut("STATUS", 18),
    Column::cut("REPOSITORY", 24),
    Column::cut("PASSED", 6),
    Column::cut("NOT PASSED", 10),
    Column::cut("ERRORS", 6),
    Column::cut("CREATED (UTC)", 20),
];

/// The whole view, ending with a newline.
pub fn task_list(list: &ReviewTaskList, line_width: usize) -> String {
    if list.tasks.is_empty() {
        return if list.total == 0 {
            "No review tasks.\n".to_owned()
        } else {
            format!("No review tasks on page {} ({} in all).\n", list.page, list.total)
        };
    }
    let rows: Vec<Vec<String>> = list
        .tasks
        .iter()
        .map(|task| {
            vec![
                task.task_id.to_string(),
                task.task_name.clone(),
                status_name(task.status).into_owned(),
                task.rule_repo.name.clone(),
                task.statistics.pass_count.to_string(),
                task.statistics.failure_count.to_string(),
                task.statistics.error_count.to_string(),
                ms_to_rfc3339(task.created_at).replace('T', " ").trim_end_matches('Z').to_owned(),
            ]
        })
        .collect();
    let mut out = table(&COLUMNS, &rows, line_width);
    let first = (list.page - 1).saturating_mul(list.page_size).saturating_add(1);
    let last = first.saturating_add(list.tasks.len() as i64 - 1);
    // Writing into a String cannot fail.
    let _ =
        write!(out, "\nTasks {first}–{last} of {} (page {}, {} per page).\n", list.total, list.page, list.page_size);
    out
}

#[cfg(test)]
mod tests {
    use docreview_wire::Id;
    use docreview_wire::review::{ReviewStatistics, ReviewTaskSummary, RuleRepoRef};

    use super::*;

    #[test]
    fn each_task_is_a_row_with_its_status_counts_and_creation_time() {
        let task = ReviewTaskSummary {
            task_id: Id(385_055_197_572_059_136),
            task_name: "Q3 invoices".to_owned(),
            status: 1,
            rule_repo: RuleRepoRef { repo_id: Id(2), name: "Invoice checks".to_owned() },
            statistics: ReviewStatistics { pass_count: 4, ..Default::default() },
            model: "default".to_owned(),
            created_at: 1_709_634_030_000,
        };
        let list = ReviewTaskList { total: 21, page: 2, page_size: 20, tasks: vec![task] };
        let expected = "\
TASK                NAME         STATUS  REPOSITORY      PASSED  NOT PASSED  ERRORS  CREATED (UTC)
385055197572059136  Q3 invoices  passed  Invoice checks  4       0           0       2024-03-05 10:20:30

Tasks 21–21 of 21 (page 2, 20 per page).
";
        assert_eq!(task_list(&list, 100), expected);
    }

    #[test]
    fn an_empty_page_says_how_many_tasks_there_are() {
        let list = ReviewTaskList { total: 0, page: 1, page_size: 20, tasks: Vec::new() };
        assert_eq!(task_list(&list, 100), "No review tasks.\n");
    }
}
