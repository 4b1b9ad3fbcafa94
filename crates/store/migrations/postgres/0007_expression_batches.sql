-- Expression rules are judged in batches: one job judges many rule tasks of a
-- review task, each fenced by its generation and by still belonging to the
-- batch (`batch_id` is the batch job's subject). A rule retry takes its rule
-- task out of the batch and gives it a job of its own.

ALTER TABLE rule_tasks ADD COLUMN batch_id BIGINT;
CREATE INDEX rule_tasks_by_batch ON rule_tasks (batch_id);

-- Ready jobs in the order they are claimed, so a claim reads one index entry
-- instead of sorting every ready job of its kind.
DROP INDEX jobs_ready;
CREATE INDEX jobs_ready ON jobs (kind, state, run_after, id);
