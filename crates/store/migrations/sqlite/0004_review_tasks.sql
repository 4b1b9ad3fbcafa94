-- Review tasks (one run of a rule repository over extraction tasks) and their
-- rule tasks (one per triggered rule, holding the verdict).

ALTER TABLE rules ADD COLUMN expression TEXT;

CREATE TABLE review_tasks (
    id                   BIGINT PRIMARY KEY,
    workspace_id         BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    repo_id              BIGINT NOT NULL,
    repo_name            TEXT NOT NULL,
    model                TEXT NOT NULL,
    extract_task_ids     TEXT NOT NULL,
    -- 'waiting' for inputs to finish extracting, 'planned', or 'failed'
    -- (an input failed, or the repository is gone; see failure_cause).
    phase                TEXT NOT NULL,
    failure_cause        TEXT,
    generation           BIGINT NOT NULL,
    not_triggered_count  BIGINT NOT NULL,
    retry_window_start   BIGINT NOT NULL,
    retries_in_window    BIGINT NOT NULL,
    deleted_at           BIGINT,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX review_tasks_by_workspace ON review_tasks (workspace_id, id);

CREATE TABLE rule_tasks (
    id              BIGINT PRIMARY KEY,
    review_task_id  BIGINT NOT NULL REFERENCES review_tasks (id) ON DELETE CASCADE,
    rule_id         BIGINT NOT NULL,
    group_id        BIGINT NOT NULL,
    group_name      TEXT NOT NULL,
    rule_name       TEXT NOT NULL,
    risk_level      BIGINT NOT NULL,
    prompt          TEXT NOT NULL,
    generation      BIGINT NOT NULL,
    status          BIGINT NOT NULL,
    reasoning       TEXT NOT NULL,
    anchors         TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX rule_tasks_one_per_rule ON rule_tasks (review_task_id, rule_id);
