-- Callbacks: each workspace signs its events with a secret of its own, and
-- every event owed to a workspace's callback_url is a delivery, sent by a
-- job of kind 'callback' whose subject is the delivery.

ALTER TABLE workspaces ADD COLUMN callback_secret TEXT NOT NULL DEFAULT '';
UPDATE workspaces SET callback_secret = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');

CREATE TABLE callback_deliveries (
    id                BIGINT PRIMARY KEY,
    workspace_id      BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    event             TEXT NOT NULL,
    task_id           BIGINT NOT NULL,
    task_status       BIGINT NOT NULL,
    url               TEXT NOT NULL,
    payload           TEXT NOT NULL,
    max_attempts      BIGINT NOT NULL,
    attempts          BIGINT NOT NULL,
    state             TEXT NOT NULL,
    last_status_code  BIGINT,
    last_error        TEXT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL
);
CREATE INDEX callback_deliveries_by_workspace ON callback_deliveries (workspace_id, id);
