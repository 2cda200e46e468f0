-- Rectification orders (整改, issue 19): a finding turned into an order with a named owner unit and a deadline. An
-- order is raised from an evaluation's deducted items or veto, or by hand; the owner replies (with evidence), an
-- inspector or analyst accepts the reply or returns it with a reason, and the owner replies again. Every reply and
-- verification is a row of rectification_step, never overwritten. Overdue is not a state: an open or returned order
-- past due_at; overdue_at records when the sweep first saw it so (its event is emitted once).
CREATE TABLE rectification (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id bigint NOT NULL REFERENCES unit (id),
    evaluation_id bigint REFERENCES evaluation (id),
    title text NOT NULL,
    severity text NOT NULL CHECK (severity IN ('minor', 'major', 'veto')),
    -- the chosen items as the evaluation's breakdown stored them: [{key, name: {zh-CN, en}, max, awarded, vetoed}]
    items jsonb NOT NULL DEFAULT '[]',
    item_keys text[] NOT NULL DEFAULT '{}',
    state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'replied', 'accepted', 'returned')),
    raised_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    created_by bigint NOT NULL,
    created_by_account bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    first_replied_at timestamptz,
    replied_at timestamptz,
    verified_at timestamptz,
    overdue_at timestamptz,
    CHECK (state = 'open' OR first_replied_at IS NOT NULL)
);

CREATE INDEX rectification_unit ON rectification (unit_id, raised_at);
CREATE INDEX rectification_due ON rectification (due_at) WHERE state IN ('open', 'returned');
CREATE INDEX rectification_items ON rectification USING gin (item_keys);

CREATE TABLE rectification_step (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rectification_id bigint NOT NULL REFERENCES rectification (id),
    kind text NOT NULL CHECK (kind IN ('reply', 'accept', 'return')),
    text text,
    evidence text[] NOT NULL DEFAULT '{}',
    late boolean NOT NULL DEFAULT false,
    by_key bigint NOT NULL,
    by_account bigint,
    at timestamptz NOT NULL DEFAULT now(),
    CHECK (kind = 'accept' OR text IS NOT NULL)
);

CREATE INDEX rectification_step_order ON rectification_step (rectification_id, id);
