-- Issue 18: a period is open, then published (公示: objections are heard until objection_until, fixed at
-- publication from the scheme's objection days), then closed: final. `closing` is the number of the closing in
-- force (null while not closed); every closing is kept in period_closing, with its reopening when an administrator
-- reopened it.
ALTER TABLE standing_period
    ADD COLUMN objection_until timestamptz,
    ADD COLUMN closing         integer,
    ADD COLUMN closed_at       timestamptz,
    ADD CONSTRAINT standing_period_closed_when_published CHECK (closing IS NULL OR published_at IS NOT NULL),
    ADD CONSTRAINT standing_period_closed_at CHECK ((closing IS NULL) = (closed_at IS NULL));

-- Published periods of earlier releases keep the window they were shown with (7 days, publication day included).
UPDATE standing_period SET objection_until = date_trunc('day', published_at) + interval '7 days'
WHERE published_at IS NOT NULL;

-- A closing: what froze the period's boards (the scheme versions that computed it and the one before, the tree
-- and input revisions then) and, once reopened, who reopened it, when and why.
CREATE TABLE period_closing (
    scheme_key       text NOT NULL,
    period_id        text NOT NULL,
    closing          integer NOT NULL CHECK (closing > 0),
    closed_at        timestamptz NOT NULL DEFAULT now(),
    closed_by        text NOT NULL,
    version          integer NOT NULL,
    previous_version integer,
    tree_revision    bigint NOT NULL,
    revision         bigint NOT NULL,
    previous_revision bigint,
    reopened_at      timestamptz,
    reopened_by      text,
    reopen_reason    text CHECK (char_length(reopen_reason) BETWEEN 1 AND 2000),
    PRIMARY KEY (scheme_key, period_id, closing),
    FOREIGN KEY (scheme_key, period_id) REFERENCES standing_period (scheme_key, period_id),
    CHECK ((reopened_at IS NULL) = (reopen_reason IS NULL) AND (reopened_at IS NULL) = (reopened_by IS NULL))
);

-- The organisation tree as it stood at a closing: a closed board is computed over it, so later moves, renames,
-- retirements and new units leave it as it was.
CREATE TABLE closed_unit (
    scheme_key   text NOT NULL,
    period_id    text NOT NULL,
    closing      integer NOT NULL,
    id           bigint NOT NULL,
    code         text NOT NULL,
    name         text NOT NULL,
    kind         text NOT NULL,
    service_line text,
    area         text,
    parent_id    bigint,
    path         ltree NOT NULL,
    active       boolean NOT NULL,
    tags         text[] NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (scheme_key, period_id, closing, id),
    FOREIGN KEY (scheme_key, period_id, closing) REFERENCES period_closing (scheme_key, period_id, closing)
);

-- The prepared inputs of the closed period and of the one before it (its board's change column), as they stood.
CREATE TABLE closed_input (
    scheme_key  text NOT NULL,
    period_id   text NOT NULL,
    closing     integer NOT NULL,
    of_period   text NOT NULL,
    unit_id     bigint NOT NULL,
    source      text NOT NULL,
    rubric_key  text NOT NULL,
    part        text NOT NULL,
    samples     integer NOT NULL,
    total       numeric NOT NULL,
    lowest      numeric,
    latest      numeric,
    latest_at   timestamptz,
    latest_id   bigint,
    veto_id     bigint,
    veto_at     timestamptz,
    PRIMARY KEY (scheme_key, period_id, closing, of_period, unit_id, source, rubric_key, part),
    FOREIGN KEY (scheme_key, period_id, closing) REFERENCES period_closing (scheme_key, period_id, closing)
);
