-- Issue 18: unit veto events (一票否决事件). An event against a unit and the responsible staff units named with it:
-- proposed, then confirmed by the general manager's office (an analyst or the administrator); a confirmed event
-- vetoes the units on the boards its scheme's scope reaches (the event's period or its calendar year) until an
-- exemption (免责) on one of the scheme's grounds is approved. Rows are never deleted: the states are the history.
CREATE TABLE veto_event (
    id                     bigserial PRIMARY KEY,
    unit_id                bigint NOT NULL REFERENCES unit (id),
    staff_unit_ids         bigint[] NOT NULL DEFAULT '{}',
    kind                   text NOT NULL CHECK (kind IN ('media-exposure', 'government-criticism',
                                                         'safety-accident', 'other')),
    kind_text              text CHECK (char_length(kind_text) <= 200),
    occurred_on            date NOT NULL,
    description            text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 4000),
    evidence               text[] NOT NULL DEFAULT '{}',
    state                  text NOT NULL DEFAULT 'proposed'
                           CHECK (state IN ('proposed', 'confirmed', 'exemption-requested', 'exempted')),
    proposed_at            timestamptz NOT NULL DEFAULT now(),
    confirmed_at           timestamptz,
    exemption_ground       text,
    exemption_reason       text CHECK (char_length(exemption_reason) <= 4000),
    exemption_requested_at timestamptz,
    exempted_at            timestamptz,
    CHECK (kind <> 'other' OR kind_text IS NOT NULL),
    CHECK (state = 'proposed' OR confirmed_at IS NOT NULL),
    CHECK (state NOT IN ('exemption-requested', 'exempted') OR exemption_ground IS NOT NULL)
);

-- the boards read the confirmed events of a date range; lists go by unit
CREATE INDEX veto_event_in_effect_idx ON veto_event (occurred_on) WHERE state IN ('confirmed', 'exemption-requested');
CREATE INDEX veto_event_unit_idx ON veto_event (unit_id);
CREATE INDEX veto_event_staff_idx ON veto_event USING gin (staff_unit_ids);
