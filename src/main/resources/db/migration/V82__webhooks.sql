-- Issue 19: signed outbound webhooks.
--
-- A subscription names a receiver's URL and the event kinds it hears; its secret signs every body (the Standard
-- Webhooks scheme) and is shown once, when made or rotated. Each outbound event of a subscribed kind becomes one
-- delivery per subscription (unique, so a fan-out run by two instances at once makes one). A delivery is claimed
-- by one instance at a time (a lease that expires if the instance stops), attempted with backoff, and ends
-- delivered (never sent again) or failed (until replayed). Every attempt is logged; never the secret.
CREATE TABLE webhook_subscription (
    id          bigserial PRIMARY KEY,
    url         text NOT NULL,
    kinds       text[] NOT NULL,
    active      boolean NOT NULL DEFAULT true,
    description text,
    secret      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_delivery (
    id              bigserial PRIMARY KEY,
    subscription_id bigint NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id        bigint NOT NULL REFERENCES outbound_event (id) ON DELETE CASCADE,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    -- the attempt series (1, and one more per replay) and the attempts made in it
    series          integer NOT NULL DEFAULT 1,
    attempts        integer NOT NULL DEFAULT 0,
    next_at         timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    claimed_until   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id);
CREATE INDEX webhook_delivery_finished_idx ON webhook_delivery (finished_at) WHERE state <> 'pending';

CREATE TABLE webhook_attempt (
    id          bigserial PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    series      integer NOT NULL,
    number      integer NOT NULL,
    at          timestamptz NOT NULL,
    status      integer,
    error       text,
    duration_ms integer NOT NULL,
    instance    text NOT NULL,
    UNIQUE (delivery_id, series, number)
);

-- the fan-out's backstop and the retention sweep find events by when they happened
CREATE INDEX outbound_event_occurred_idx ON outbound_event (occurred_at);
