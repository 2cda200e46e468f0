-- Appeals (申诉, issue 18): a manager objects, within a published period's objection window, to an evaluation (or
-- named items of it) or to a unit's standing; the analyst upholds or rejects it with a reason. An upheld appeal on
-- an evaluation names the revision its correction wrote (a revision or a void), made in the decision's transaction.
CREATE TABLE appeal (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scheme_key text NOT NULL,
    period_id text NOT NULL,
    unit_id bigint NOT NULL REFERENCES unit (id),
    evaluation_id bigint REFERENCES evaluation (id),
    items text[] NOT NULL DEFAULT '{}',
    reasons text NOT NULL,
    evidence text[] NOT NULL DEFAULT '{}',
    state text NOT NULL DEFAULT 'filed' CHECK (state IN ('filed', 'upheld', 'rejected')),
    filed_by bigint NOT NULL,
    filed_by_account bigint,
    filed_at timestamptz NOT NULL DEFAULT now(),
    decided_by bigint,
    decided_by_account bigint,
    decided_at timestamptz,
    decision_reason text,
    correction text CHECK (correction IN ('revision', 'void')),
    correction_revision integer,
    CHECK ((state = 'filed') = (decided_at IS NULL)),
    CHECK (state = 'filed' OR decision_reason IS NOT NULL),
    CHECK ((correction IS NULL) = (correction_revision IS NULL)),
    CHECK (correction IS NULL OR (state = 'upheld' AND evaluation_id IS NOT NULL))
);

CREATE INDEX appeal_period ON appeal (scheme_key, period_id, state);
CREATE INDEX appeal_evaluation ON appeal (evaluation_id) WHERE evaluation_id IS NOT NULL;
CREATE INDEX appeal_unit ON appeal (unit_id);
