-- Issue 19: inspection coverage kept at write time. One row per coverage plan (by key: its latest version rules),
-- selected unit and interval that an evaluation touched, a plan change recomputed or the sweep found ended: the
-- active evaluations that cover it and the inspectionCoverage figure sample written for it (100 covered, 0 ended
-- uncovered, null in progress and uncovered). The row's id is the sample's ref_id, stable while the row exists.
CREATE TABLE coverage_interval (
    id             bigserial PRIMARY KEY,
    plan_key       text NOT NULL,
    unit_id        bigint NOT NULL REFERENCES unit (id),
    interval_start date NOT NULL,
    interval_end   date NOT NULL CHECK (interval_end > interval_start),
    evaluations    integer NOT NULL CHECK (evaluations >= 0),
    value          numeric CHECK (value IN (0, 100)),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plan_key, unit_id, interval_start)
);
CREATE INDEX coverage_interval_open_idx ON coverage_interval (interval_end) WHERE value IS NULL;
