-- Issue 18: nominations (推荐) and benchmark units (标杆). At publication the groups of a scheme's first
-- nomination level propose their top units per service line; each level's group manager confirms or substitutes
-- them, the next level's managers forward the best of those confirmed below, and the analyst approves at the last
-- level. A substituted row is kept (state 'replaced') and the row that replaced it names it.
CREATE TABLE nomination (
    id            bigserial PRIMARY KEY,
    scheme_key    text NOT NULL,
    period_id     text NOT NULL,
    level         integer NOT NULL CHECK (level >= 0),
    group_id      bigint NOT NULL REFERENCES unit (id),
    service_line  text NOT NULL,
    unit_id       bigint NOT NULL REFERENCES unit (id),
    state         text NOT NULL CHECK (state IN ('proposed', 'confirmed', 'replaced', 'approved')),
    reason        text,
    replaces      bigint REFERENCES nomination (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    decided_at    timestamptz,
    decided_key   bigint,
    decided_account bigint
);

-- a unit is nominated once per level of a period (a substitute cannot name a unit already there)
CREATE UNIQUE INDEX nomination_unit_idx ON nomination (scheme_key, period_id, level, unit_id);
CREATE INDEX nomination_group_idx ON nomination (scheme_key, period_id, level, group_id, service_line);

-- One benchmark unit per service line, scheme and period; a new designation ends the current one (history kept).
CREATE TABLE benchmark (
    id              bigserial PRIMARY KEY,
    scheme_key      text NOT NULL,
    period_id       text NOT NULL,
    service_line    text NOT NULL,
    unit_id         bigint NOT NULL REFERENCES unit (id),
    reason          text,
    designated_at   timestamptz NOT NULL DEFAULT now(),
    designated_key  bigint,
    designated_account bigint,
    replaced_at     timestamptz,
    replaced_by     bigint REFERENCES benchmark (id)
);

CREATE UNIQUE INDEX benchmark_current_idx ON benchmark (scheme_key, period_id, service_line)
    WHERE replaced_at IS NULL;
