-- Issue 19: the kept coverage is counted in small transactions, never in one statement over a whole plan. Each row
-- records the plan version it was counted under; a plan put or delete queues a recount of that plan, worked through
-- in ranges of units (each range its own transaction, resumed by any instance from after_unit) until it is done.
ALTER TABLE coverage_interval ADD COLUMN plan_version integer;

CREATE TABLE coverage_recount (
    plan_key   text PRIMARY KEY,
    after_unit bigint NOT NULL DEFAULT 0,
    queued_at  timestamptz NOT NULL DEFAULT now()
);

-- the rows kept before versions were recorded are counted once more, under the version in force
INSERT INTO coverage_recount (plan_key) SELECT DISTINCT key FROM coverage_plan;
