-- Expression rules are judged by the plan job, which writes their rule tasks
-- with their verdicts; batch jobs are no longer queued. A batch left queued
-- or running by an earlier version hands each rule task it still owes a
-- verdict to a judge job of its own. The rule task's id serves as the job's
-- id: ids come from one generator, so no job has it.

INSERT INTO jobs (id, kind, subject_id, generation, state, attempts, run_after, created_at, updated_at)
SELECT t.id, 'review_rule', t.id, t.generation, 'queued', 0, j.run_after, j.created_at, j.updated_at
FROM rule_tasks t JOIN jobs j ON j.kind = 'review_batch' AND j.subject_id = t.batch_id
WHERE t.status = 6;

DELETE FROM jobs WHERE kind = 'review_batch';

-- batch_id stays, unused: migrations only add.
UPDATE rule_tasks SET batch_id = NULL WHERE batch_id IS NOT NULL;
DROP INDEX rule_tasks_by_batch;
