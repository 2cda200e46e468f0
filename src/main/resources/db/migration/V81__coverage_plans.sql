-- Issue 19: inspection coverage plans (检查覆盖计划). A plan requires that each selected active unit be inspected
-- by evaluations of one source at least once every N calendar months (grouped from January). Plans are versioned:
-- a put adds a version, a delete marks the latest version retired; rows are never deleted, so a plan's past stays.
-- Coverage itself is computed at read time from evaluation and unit.
CREATE TABLE coverage_plan (
    key                 text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_-]{0,31}$'),
    version             integer NOT NULL CHECK (version >= 1),
    name_zh             text NOT NULL CHECK (char_length(name_zh) BETWEEN 1 AND 200),
    name_en             text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 200),
    kinds               text[] NOT NULL DEFAULT '{}',
    areas               text[] NOT NULL DEFAULT '{}' CHECK (areas <@ ARRAY['urban', 'rural']),
    tags                text[] NOT NULL DEFAULT '{}',
    service_lines       text[] NOT NULL DEFAULT '{}',
    source              text NOT NULL,
    every_months        integer NOT NULL CHECK (every_months IN (1, 2, 3, 4, 6, 12)),
    active_from         date NOT NULL,
    active_to           date CHECK (active_to IS NULL OR active_to >= active_from),
    -- the inspectors the duty rate expects: accounts (inspectors) and agencies, by id
    inspector_accounts  bigint[] NOT NULL DEFAULT '{}',
    inspector_agencies  bigint[] NOT NULL DEFAULT '{}',
    duty_minimum        integer NOT NULL DEFAULT 1 CHECK (duty_minimum BETWEEN 1 AND 1000),
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text NOT NULL,
    retired_at          timestamptz,
    retired_by          text,
    PRIMARY KEY (key, version)
);
