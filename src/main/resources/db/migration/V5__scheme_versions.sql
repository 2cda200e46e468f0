-- Scheme versions: each is the canonical JSON document of a scheme (考核方案), never changed once stored.
CREATE TABLE scheme_version (
    scheme_key   text NOT NULL CHECK (scheme_key ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    version      integer NOT NULL CHECK (version > 0),
    content      jsonb NOT NULL,
    content_hash text NOT NULL,
    origin       text NOT NULL CHECK (origin IN ('preset', 'api')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scheme_key, version)
);

CREATE TRIGGER scheme_version_immutable BEFORE UPDATE OR DELETE ON scheme_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Standings read a unit's evaluations of a period by source.
CREATE INDEX evaluation_period_idx ON evaluation (source, rubric_key, conducted_at) WHERE status = 'active';
