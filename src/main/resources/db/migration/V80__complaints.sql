-- Issue 19: the complaints register (投诉) and transaction volumes.
--
-- A complaint is received through a channel at a unit, about a category, from a customer known only by the SHA-256
-- of the reference the caller gave (never the reference itself). Its reply is due at due_at, computed once at
-- registration from the deadline settings (a settings change does not move it). overdue_at is set once, by the
-- sweep, when an unreplied complaint passes due_at: it is what makes the complaint.overdue event exactly-once.
CREATE TABLE complaint (
    id                 bigserial PRIMARY KEY,
    channel            text NOT NULL CHECK (channel IN ('hotline', 'letter', 'online', 'walk-in', 'regulator')),
    received_at        timestamptz NOT NULL,
    unit_id            bigint NOT NULL REFERENCES unit (id),
    category           text NOT NULL,
    subject            text NOT NULL,
    customer_hash      text NOT NULL,
    first_responder    text NOT NULL,
    due_at             timestamptz NOT NULL,
    repeat             boolean NOT NULL,
    escalated          boolean NOT NULL,
    replied_at         timestamptz,
    resolution         text,
    replied_by         text,
    satisfaction       text CHECK (satisfaction IN ('satisfied', 'unsatisfied')),
    satisfaction_by    text,
    satisfaction_at    timestamptz,
    overdue_at         timestamptz,
    registered_by      text NOT NULL,
    registered_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((replied_at IS NULL) = (resolution IS NULL)),
    CHECK (satisfaction IS NULL OR replied_at IS NOT NULL)
);
CREATE INDEX complaint_unit_idx ON complaint (unit_id, received_at);
CREATE INDEX complaint_customer_idx ON complaint (customer_hash, category, received_at);
CREATE INDEX complaint_unreplied_idx ON complaint (due_at) WHERE replied_at IS NULL;

-- Transactions a unit handled in a month (业务量), the denominator of complaints per 10,000 transactions; a quarter
-- or a year sums its months. month is the month's first day.
CREATE TABLE transaction_volume (
    unit_id    bigint NOT NULL REFERENCES unit (id),
    month      date NOT NULL CHECK (extract(day FROM month) = 1),
    volume     bigint NOT NULL CHECK (volume >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text NOT NULL,
    PRIMARY KEY (unit_id, month)
);
