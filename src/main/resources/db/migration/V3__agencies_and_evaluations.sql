-- Survey agencies (第三方测评机构) and their keys. A key without an agency is an admin key.
CREATE SEQUENCE agency_id_seq;

CREATE TABLE agency (
    id         bigint PRIMARY KEY DEFAULT nextval('agency_id_seq'),
    code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,64}$'),
    name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    sources    text[],                      -- null: any source
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE agency_id_seq OWNED BY agency.id;

ALTER TABLE api_key ADD COLUMN agency_id bigint REFERENCES agency (id);
CREATE INDEX api_key_agency_idx ON api_key (agency_id);

-- Evaluations. The row holds the facts and, for aggregation, the current revision's score; every
-- revision (the first included) is kept in evaluation_revision, which never changes.
CREATE SEQUENCE evaluation_id_seq;

CREATE TABLE evaluation (
    id             bigint PRIMARY KEY DEFAULT nextval('evaluation_id_seq'),
    agency_scope   bigint NOT NULL,          -- the posting agency's id, 0 for the admin
    external_id    text NOT NULL CHECK (char_length(external_id) BETWEEN 1 AND 128),
    source         text NOT NULL,
    unit_id        bigint NOT NULL REFERENCES unit (id),
    rubric_key     text NOT NULL,
    rubric_version integer NOT NULL,
    conducted_at   timestamptz NOT NULL,
    evaluator      text,
    revision       integer NOT NULL,
    status         text NOT NULL CHECK (status IN ('active', 'voided')),
    score          numeric(7, 2) NOT NULL,
    vetoed         boolean NOT NULL,
    answers        jsonb NOT NULL,
    evidence       jsonb NOT NULL,
    comment        text,
    breakdown      jsonb NOT NULL,
    content_hash   text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (agency_scope, external_id),
    FOREIGN KEY (rubric_key, rubric_version) REFERENCES rubric_version (rubric_key, version)
);

ALTER SEQUENCE evaluation_id_seq OWNED BY evaluation.id;

CREATE INDEX evaluation_unit_idx ON evaluation (unit_id, source, conducted_at);
CREATE INDEX evaluation_source_time_idx ON evaluation (source, conducted_at);
CREATE INDEX evaluation_rubric_idx ON evaluation (rubric_key, conducted_at);

CREATE TABLE evaluation_revision (
    evaluation_id bigint NOT NULL REFERENCES evaluation (id),
    revision      integer NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('created', 'revised', 'voided')),
    answers       jsonb NOT NULL,
    evidence      jsonb NOT NULL,
    comment       text,
    score         numeric(7, 2) NOT NULL,
    vetoed        boolean NOT NULL,
    breakdown     jsonb NOT NULL,
    reason        text,
    actor_key_id  bigint NOT NULL REFERENCES api_key (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (evaluation_id, revision)
);

CREATE TRIGGER evaluation_revision_immutable BEFORE UPDATE OR DELETE ON evaluation_revision
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Idempotency keys, per agency scope: the first response is kept and replayed for the same key and body.
CREATE TABLE idempotency_key (
    agency_scope    bigint NOT NULL,
    idempotency_key text NOT NULL,
    request_hash    text NOT NULL,
    state           text NOT NULL CHECK (state IN ('running', 'done')),
    response_status integer,
    response_body   text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency_scope, idempotency_key)
);

CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
