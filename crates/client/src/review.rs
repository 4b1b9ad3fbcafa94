//! The review task calls (`review/task/*`).

use docreview_wire::Id;
use docreview_wire::review::{
    DeleteReviewTasksRequest, ListReviewTasksQuery, RetryReviewRuleRequest, RetryReviewTaskRequest, ReviewTaskList,
    ReviewTaskResult, ReviewTaskResultRequest, ReviewTaskSubmitted, SubmitReviewTaskRequest,
};
use serde::de::IgnoredAny;
use serde_json::Value;

use crate::{Client, ClientError};

impl Client {
    /// `review/task/submit`: creates a review task and starts it.
    pub async fn submit_review(&self, request: &SubmitReviewTaskRequest) -> Result<ReviewTaskSubmitted, ClientError> {
        self.post("review/task/submit", request).await
    }

    /// `review/task/result`, read into the wire type.
    pub async fn review_result(&self, workspace_id: Id, task_id: Id) -> Result<ReviewTaskResult, ClientError> {
        self.post("review/task/result", &result_request(workspace_id, task_id)).await
    }

    /// `review/task/result` as the server sent it, for `--json`: fields this
    /// client does not know are kept.
    pub async fn review_result_json(&self, workspace_id: Id, task_id: Id) -> Result<Value, ClientError> {
        self.post_raw("review/task/result", &result_request(workspace_id, task_id)).await
    }

    /// `review/task/retry`: runs every rule again.
    pub async fn retry_review(&self, workspace_id: Id, task_id: Id) -> Result<(), ClientError> {
        let request = RetryReviewTaskRequest { workspace_id: Some(workspace_id), task_id: Some(task_id) };
        self.post::<IgnoredAny>("review/task/retry", &request).await.map(drop)
    }

    /// `review/task/rule/retry`: runs one rule of the task again.
    pub async fn retry_review_rule(&self, workspace_id: Id, task_id: Id, rule_id: Id) -> Result<(), ClientError> {
        let request =
            RetryReviewRuleRequest { workspace_id: Some(workspace_id), task_id: Some(task_id), rule_id: Some(rule_id) };
        self.post::<IgnoredAny>("review/task/rule/retry", &request).await.map(drop)
    }

    /// `review/task/delete`: deletes the tasks, all or none.
    pub async fn delete_reviews(&self, workspace_id: Id, task_ids: &[Id]) -> Result<(), ClientError> {
        let request = DeleteReviewTasksRequest { workspace_id: Some(workspace_id), task_ids: Some(task_ids.to_vec()) };
        self.post::<IgnoredAny>("review/task/delete", &request).await.map(drop)
    }

    /// `review/task/list` (a docreview extension): one page of a workspace's tasks.
    pub async fn list_reviews(&self, query: &ListReviewTasksQuery) -> Result<ReviewTaskList, ClientError> {
        self.get("review/task/list", query).await
    }
}

fn result_request(workspace_id: Id, task_id: Id) -> ReviewTaskResultRequest {
    ReviewTaskResultRequest { workspace_id: Some(workspace_id), task_id: Some(task_id), ..Default::default() }
}
