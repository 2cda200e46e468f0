-- Rubric versions: each is the canonical JSON document of a rubric, never changed once stored.
CREATE TABLE rubric_version (
    rubric_key   text NOT NULL CHECK (rubric_key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    version      integer NOT NULL CHECK (version > 0),
    content      jsonb NOT NULL,
    content_hash text NOT NULL,
    origin       text NOT NULL CHECK (origin IN ('preset', 'api')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rubric_key, version)
);

CREATE INDEX rubric_version_hash_idx ON rubric_version (rubric_key, content_hash);

-- Past scores are explained by the version they were scored with, so a version can never change.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER rubric_version_immutable BEFORE UPDATE OR DELETE ON rubric_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
