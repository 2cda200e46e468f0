-- What standings need of each unit's evaluations, per scheme, period and source, kept up in the same
-- transaction as the evaluations themselves; POST /api/v1/schemes/{key}/recompute rebuilds it from them.
CREATE TABLE standing_input (
    scheme_key text NOT NULL,
    period_id  text NOT NULL,
    unit_id    bigint NOT NULL REFERENCES unit (id),
    source     text NOT NULL,
    samples    integer NOT NULL,
    total      numeric NOT NULL,
    lowest     numeric,
    latest     numeric,
    veto_id    bigint,
    veto_at    timestamptz,
    PRIMARY KEY (scheme_key, period_id, unit_id, source)
);
