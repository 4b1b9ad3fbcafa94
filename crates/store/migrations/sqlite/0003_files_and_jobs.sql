-- Files (one extraction task each), their original bytes, and the durable job queue.

CREATE TABLE files (
    id                   BIGINT PRIMARY KEY,
    task_id              BIGINT NOT NULL UNIQUE,
    workspace_id         BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    batch_number         TEXT NOT NULL,
    name                 TEXT NOT NULL,
    format               TEXT NOT NULL,
    task_type            BIGINT NOT NULL,
    requested_category   TEXT,
    target_process       TEXT,
    category_id          BIGINT,
    category             TEXT NOT NULL,
    recognition_status   BIGINT NOT NULL,
    verification_status  BIGINT NOT NULL,
    failure_causes       TEXT,
    data                 TEXT,
    pages                TEXT NOT NULL,
    document             TEXT,
    parser_params        TEXT NOT NULL,
    duration_ms          BIGINT,
    generation           BIGINT NOT NULL,
    result_version       BIGINT NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX files_by_workspace ON files (workspace_id, id);
CREATE INDEX files_by_batch ON files (workspace_id, batch_number);

CREATE TABLE file_contents (
    file_id  BIGINT PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    content  BLOB NOT NULL
);

-- One row per unit of work. `generation` is the subject's generation the job
-- works for; `lease_token` identifies the claim. A result is committed only
-- while both are still current, which fences off zombie workers and
-- superseded runs.
CREATE TABLE jobs (
    id                BIGINT PRIMARY KEY,
    kind              TEXT NOT NULL,
    subject_id        BIGINT NOT NULL,
    generation        BIGINT NOT NULL,
    state             TEXT NOT NULL,
    attempts          BIGINT NOT NULL,
    lease_token       BIGINT,
    lease_expires_at  BIGINT,
    run_after         BIGINT NOT NULL,
    last_error        TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE UNIQUE INDEX jobs_one_per_subject ON jobs (kind, subject_id);
CREATE INDEX jobs_ready ON jobs (kind, state, run_after);
CREATE INDEX jobs_leases ON jobs (state, lease_expires_at);
