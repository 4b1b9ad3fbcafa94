-- How many verdicts were committed for a rule task, over all its runs: with
-- the generation it shows that a crash or a retry never commits a run twice.

ALTER TABLE rule_tasks ADD COLUMN result_version BIGINT NOT NULL DEFAULT 0;
