-- People's accounts (issue 16). A login is kept lower-cased, so it is unique without regard to case. Roles come
-- from a fixed catalogue; the scoped roles' scope is a list of unit ids (a scope is the subtree under each unit,
-- and an id follows its unit when it moves). Only an Argon2id hash of the password is kept.
CREATE SEQUENCE account_seq;

CREATE TABLE account (
    id             bigint PRIMARY KEY DEFAULT nextval('account_seq'),
    login          text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
    display_name   text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    password_hash  text NOT NULL,
    roles          text[] NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['administrator', 'analyst',
                       'manager', 'inspector', 'agency', 'viewer']::text[]),
    scope_unit_ids bigint[] NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    -- a disabled account cannot sign in, and its tokens stop working
    disabled_at    timestamptz
);

ALTER SEQUENCE account_seq OWNED BY account.id;

-- Personal access tokens are API credentials of an account: rows of api_key (hashed like any key), so whatever
-- records the key that acted (evaluation history, import jobs) names the token, and through it the person.
ALTER TABLE api_key ADD COLUMN account_id bigint REFERENCES account (id);
ALTER TABLE api_key ADD COLUMN expires_at timestamptz;
ALTER TABLE api_key ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_key ADD CONSTRAINT api_key_one_holder CHECK (account_id IS NULL OR agency_id IS NULL);
ALTER TABLE api_key ADD CONSTRAINT api_key_token_expires CHECK (account_id IS NULL OR expires_at IS NOT NULL);
CREATE INDEX api_key_account_idx ON api_key (account_id);

-- Failed sign-ins, per login as typed (lower-cased; unknown logins too), counted within the lock-out window.
CREATE SEQUENCE sign_in_failure_seq;

CREATE TABLE sign_in_failure (
    id        bigint PRIMARY KEY DEFAULT nextval('sign_in_failure_seq'),
    login     text NOT NULL CHECK (char_length(login) <= 320),
    failed_at timestamptz NOT NULL
);

ALTER SEQUENCE sign_in_failure_seq OWNED BY sign_in_failure.id;

CREATE INDEX sign_in_failure_login_idx ON sign_in_failure (login, failed_at);
CREATE INDEX sign_in_failure_at_idx ON sign_in_failure (failed_at);
