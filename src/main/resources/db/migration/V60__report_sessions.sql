-- Sessions of the report pages: the cookie carries a random id that is stored only as its SHA-256 hash.
-- A session stands for a principal: today an API key (principal_kind 'api_key'); accounts will add their own
-- kind and reference column, with the check below widened to say which column each kind uses.
CREATE TABLE report_session (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash     text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    principal_kind text NOT NULL CHECK (principal_kind IN ('api_key')),
    api_key_id     bigint REFERENCES api_key (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    -- the absolute end; the idle end is last_seen_at plus the idle lifetime setting
    expires_at     timestamptz NOT NULL,
    CHECK ((principal_kind = 'api_key') = (api_key_id IS NOT NULL))
);

CREATE INDEX report_session_api_key_idx ON report_session (api_key_id);
CREATE INDEX report_session_expires_idx ON report_session (expires_at);
