-- Issue 17: a scheme source may take a rubric per unit selection (a savings window on the savings rubric), roll
-- evaluations up or down the tree, and cut its periods into bulletin parts (months of a quarter). Inputs are kept per
-- unit named, source, rubric and bulletin part ('' without parts), with the latest evaluation's time and id so that
-- inputs add up exactly at read time (a quarter is its months; a window counts its outlet's inspections).
-- Campaign dates now bound the evaluations counted, so the inputs kept until now are rebuilt: this empties them, and
-- every scheme without inputs is rebuilt from the evaluations at start-up (StandingInputs.prepareAll).
TRUNCATE standing_input;
ALTER TABLE standing_input DROP CONSTRAINT standing_input_pkey;
ALTER TABLE standing_input
    ADD COLUMN rubric_key text NOT NULL,
    ADD COLUMN part       text NOT NULL DEFAULT '',
    ADD COLUMN latest_at  timestamptz,
    ADD COLUMN latest_id  bigint;
ALTER TABLE standing_input ADD PRIMARY KEY (scheme_key, period_id, unit_id, source, rubric_key, part);

-- The schemes whose inputs are to be rebuilt at start-up; each leaves the list in the transaction of its rebuild.
CREATE TABLE standing_rebuild (scheme_key text PRIMARY KEY);
INSERT INTO standing_rebuild SELECT DISTINCT scheme_key FROM scheme_version;
