-- Issue 16: a sign-in limit per client address. A failed sign-in notes the address it came from (as the server
-- sees it, behind a trusted proxy the forwarded one), so one address trying many logins is slowed, on every
-- instance alike.
ALTER TABLE sign_in_failure ADD COLUMN address text CHECK (char_length(address) <= 64);

CREATE INDEX sign_in_failure_address_idx ON sign_in_failure (address, failed_at) WHERE address IS NOT NULL;

-- Issue 16: an account import runs as a job. Its row is what the job shows (state, counts, per-row errors); the
-- file and the passwords are never stored: the instance that accepted the file holds them in memory until the
-- accounts are stored (one transaction, all or nothing), and a job whose instance stopped before is marked
-- failed by the next instance that looks (nothing of it was stored; the file may be sent again).
CREATE SEQUENCE account_import_seq;

CREATE TABLE account_import (
    -- taken from the sequence before the row is written, so that the instance claims the job first
    id         bigint PRIMARY KEY,
    -- who started it: the admin key, or an administrator's personal access token and its account
    key_id     bigint NOT NULL,
    account_id bigint,
    filename   text CHECK (char_length(filename) <= 255),
    format     text NOT NULL CHECK (format IN ('csv', 'xlsx')),
    status     text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    rows_total integer NOT NULL CHECK (rows_total >= 1),
    -- passwords hashed so far
    rows_done  integer NOT NULL DEFAULT 0,
    -- accounts made (once succeeded)
    created    integer,
    errors     jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE account_import_seq OWNED BY account_import.id;

CREATE INDEX account_import_running_idx ON account_import (id) WHERE status = 'running';
