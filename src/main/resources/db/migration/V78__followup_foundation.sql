-- Issue 19: what the follow-up features share.
--
-- Outbound events: every event other systems may hear of (an evaluation stored, an appeal filed or decided, a
-- rectification order created or overdue, a complaint overdue, a period published or closed) is one row, written in
-- the transaction of the change it tells of, so it exists exactly when the change committed. Webhook deliveries are
-- made from these rows (docs/webhooks.md).
CREATE TABLE outbound_event (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,
    subject     text NOT NULL,
    payload     jsonb NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbound_event_kind_idx ON outbound_event (kind, id);

-- Figure samples: the follow-up figures a scheme may weigh and target (a rectification order replied on time, a
-- complaint's customer satisfied), one sample per case and figure, kept in the transaction of the case's change; a
-- scheme source on a figure counts them as it counts evaluations (value 0–100, mean = the rate).
CREATE TABLE figure_sample (
    id      bigserial PRIMARY KEY,
    figure  text NOT NULL,
    ref_id  bigint NOT NULL,
    unit_id bigint NOT NULL REFERENCES unit (id),
    at      timestamptz NOT NULL,
    value   numeric NOT NULL,
    UNIQUE (figure, ref_id)
);
CREATE INDEX figure_sample_unit_idx ON figure_sample (unit_id, figure);
