-- The audit log (issue 16): who did what, when and from where, for every write and every sign-in. Rows are only
-- ever added: a trigger refuses UPDATE, DELETE and TRUNCATE, and the application's role is given INSERT and SELECT
-- only (platform/database/EmbeddedRoles; an operator's own database: docs/operations.md, "Audit log"). Old rows
-- are removed by the owner role alone, with the trigger set aside for that one transaction (the same page).
-- No foreign keys: an event outlives the key, token or account it names.
CREATE SEQUENCE audit_event_seq;

CREATE TABLE audit_event (
    id               bigint PRIMARY KEY DEFAULT nextval('audit_event_seq'),
    at               timestamptz NOT NULL DEFAULT now(),
    -- admin-key, agency-key, token (an account's personal access token), login (a sign-in, by the login as
    -- typed), anonymous (a write sent without a credential), system (the server's own work)
    actor_kind       text NOT NULL CHECK (actor_kind IN ('admin-key', 'agency-key', 'token', 'login', 'anonymous',
                         'system')),
    actor_key_id     bigint,
    actor_account_id bigint,
    actor_agency_id  bigint,
    actor_login      text CHECK (char_length(actor_login) <= 320),
    -- a stable name: evaluation.create, scheme.put, account.sign-in, account.sign-in-failed, ...
    action           text NOT NULL CHECK (action ~ '^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$'),
    target_kind      text CHECK (char_length(target_kind) <= 64),
    target_key       text CHECK (char_length(target_key) <= 400),
    -- ok: done; refused: answered 4xx, nothing changed; failed: answered 5xx
    outcome          text NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
    status           integer,
    -- the edge it came through: rest, graphql, page (the report pages), job (an import running)
    via              text NOT NULL CHECK (via IN ('rest', 'graphql', 'page', 'job')),
    client_address   text CHECK (char_length(client_address) <= 64),
    request_id       text CHECK (char_length(request_id) <= 64)
);

ALTER SEQUENCE audit_event_seq OWNED BY audit_event.id;

-- Newest first, filtered by who, what or which target; `at` for from/to.
CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_action_idx ON audit_event (action, id);
CREATE INDEX audit_event_key_idx ON audit_event (actor_key_id, id);
CREATE INDEX audit_event_account_idx ON audit_event (actor_account_id, id);
CREATE INDEX audit_event_login_idx ON audit_event (actor_login, id);
CREATE INDEX audit_event_target_idx ON audit_event (target_kind, target_key, id);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
