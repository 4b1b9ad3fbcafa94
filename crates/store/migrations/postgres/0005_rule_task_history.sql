-- Earlier runs of rule tasks (an extension, not part of the DocFlow result).
-- A retry that resets a finished result copies it here first, in the same
-- transaction, so the verdict it overwrites stays readable.

-- The expression the current verdict was judged with, so an archived run says
-- which definition produced it (NULL: the rule had none).
ALTER TABLE rule_tasks ADD COLUMN expression TEXT;
-- Set when a re-plan dropped the rule task (its rule was deleted or is no
-- longer triggered). The row stays so its history remains readable; a later
-- plan that triggers the rule again takes it up, clearing this.
ALTER TABLE rule_tasks ADD COLUMN dropped_at BIGINT;

CREATE TABLE rule_task_runs (
    rule_task_id  BIGINT NOT NULL REFERENCES rule_tasks (id) ON DELETE CASCADE,
    -- The rule task's generation the verdict was committed under. A reset
    -- always moves the rule task to a higher one, so a run is archived once.
    generation    BIGINT NOT NULL,
    rule_name     TEXT NOT NULL,
    prompt        TEXT NOT NULL,
    expression    TEXT,
    -- review_result: 1 passed, 4 not passed, 2 error.
    status        BIGINT NOT NULL,
    reasoning     TEXT NOT NULL,
    -- JSON text, as rule_tasks.anchors.
    anchors       TEXT NOT NULL,
    -- Unix milliseconds the verdict was committed.
    finished_at   BIGINT NOT NULL,
    PRIMARY KEY (rule_task_id, generation)
);
