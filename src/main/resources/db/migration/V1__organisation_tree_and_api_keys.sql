-- The organisation tree. Each unit keeps the ids from the root down to itself as an ltree path,
-- so descendants (path <@ X) and ancestors (path @> Y) are single GiST-indexed queries.
CREATE EXTENSION IF NOT EXISTS ltree;

CREATE SEQUENCE unit_id_seq;

CREATE TABLE unit (
    id           bigint PRIMARY KEY DEFAULT nextval('unit_id_seq'),
    code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,64}$'),
    name         text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_-]{0,31}$'),
    service_line text CHECK (service_line ~ '^[a-z][a-z0-9_-]{0,31}$'),
    area         text CHECK (area IN ('urban', 'rural')),
    parent_id    bigint REFERENCES unit (id),
    path         ltree NOT NULL,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE unit_id_seq OWNED BY unit.id;

CREATE INDEX unit_path_idx ON unit USING gist (path);
CREATE INDEX unit_parent_idx ON unit (parent_id);
CREATE INDEX unit_kind_code_idx ON unit (kind, code);

-- API keys: only a SHA-256 hash of each key is stored.
CREATE SEQUENCE api_key_seq;

CREATE TABLE api_key (
    id         bigint PRIMARY KEY DEFAULT nextval('api_key_seq'),
    name       text NOT NULL,
    prefix     text NOT NULL,
    hash       text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

ALTER SEQUENCE api_key_seq OWNED BY api_key.id;
