-- File imports (CSV or XLSX). The file is kept with the job, so a job interrupted by a restart runs again.
CREATE SEQUENCE import_job_id_seq;

CREATE TABLE import_job (
    id           bigint PRIMARY KEY DEFAULT nextval('import_job_id_seq'),
    agency_scope bigint NOT NULL,
    key_id       bigint NOT NULL REFERENCES api_key (id),
    filename     text,
    format       text NOT NULL CHECK (format IN ('csv', 'xlsx')),
    content      bytea NOT NULL,
    status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    rows_total   integer,
    rows_done    integer NOT NULL DEFAULT 0,
    errors       jsonb NOT NULL DEFAULT '[]',
    result       jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

ALTER SEQUENCE import_job_id_seq OWNED BY import_job.id;

CREATE INDEX import_job_unfinished_idx ON import_job (status) WHERE status IN ('queued', 'running');
