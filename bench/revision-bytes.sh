#!/usr/bin/env bash
# What writing an evaluation's content once saves the database (issue 21, V87): 1,000-evaluation batches shaped like
# the benchmark's postal inspections (25 answers, a compact breakdown of 25 items) written the old way (the history
# row with a copy of the content) and the new way (without), alternated, each in one transaction. Prints, per way:
# the history statement's execution time (EXPLAIN ANALYZE), WAL bytes and row bytes per evaluation.
# Needs a PostgreSQL that psql reaches through its usual variables (PGHOST, PGPORT, PGUSER, PGDATABASE); works in a
# schema of its own, dropped at the end. Usage: bench/revision-bytes.sh [rounds]   (default 4)
set -euo pipefail
rounds=${1:-4}
q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "SET search_path = revision_bytes" -c "$1"; }
psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS revision_bytes CASCADE;
CREATE SCHEMA revision_bytes;
SET search_path = revision_bytes;
CREATE TABLE unit (id bigint PRIMARY KEY);
INSERT INTO unit SELECT g FROM generate_series(1, 10000) g;
CREATE TABLE rubric_version (rubric_key text, version int, PRIMARY KEY (rubric_key, version));
INSERT INTO rubric_version VALUES ('postal-counter-model-window', 1);
CREATE TABLE api_key (id bigint PRIMARY KEY);
INSERT INTO api_key VALUES (1);
-- evaluation and evaluation_revision as the migrations leave them (V3, V8, V87), with their indexes
CREATE TABLE evaluation (
    id bigserial PRIMARY KEY, agency_scope bigint NOT NULL, external_id text NOT NULL, source text NOT NULL,
    unit_id bigint NOT NULL REFERENCES unit (id), rubric_key text NOT NULL, rubric_version integer NOT NULL,
    conducted_at timestamptz NOT NULL, evaluator text, revision integer NOT NULL, status text NOT NULL,
    score numeric(7, 2) NOT NULL, vetoed boolean NOT NULL, answers jsonb NOT NULL, evidence jsonb NOT NULL,
    comment text, breakdown jsonb NOT NULL, content_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
    conducted_offset integer NOT NULL DEFAULT 0, UNIQUE (agency_scope, external_id),
    FOREIGN KEY (rubric_key, rubric_version) REFERENCES rubric_version (rubric_key, version));
CREATE INDEX ON evaluation (unit_id, source, conducted_at);
CREATE INDEX ON evaluation (source, conducted_at);
CREATE INDEX ON evaluation (rubric_key, conducted_at);
CREATE INDEX ON evaluation (source, rubric_key, conducted_at) WHERE status = 'active';
CREATE TABLE evaluation_revision (
    evaluation_id bigint NOT NULL REFERENCES evaluation (id), revision integer NOT NULL, kind text NOT NULL,
    answers jsonb, evidence jsonb, comment text, score numeric(7, 2) NOT NULL, vetoed boolean NOT NULL,
    breakdown jsonb, reason text, actor_key_id bigint NOT NULL REFERENCES api_key (id),
    created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (evaluation_id, revision));
CREATE TABLE stage AS
SELECT n, 1 + (n * 7919) % 10000 AS unit_id,
       (SELECT json_agg(json_build_object('item', 'item.' || i, 'violations', (n + i) % 2))::text
          FROM generate_series(1, 25) i) AS answers,
       '[]' AS evidence,
       (SELECT json_build_object('available', 100.00, 'awarded', 88.50, 'score', 88.50, 'vetoed', false,
               'items', json_object_agg('item.' || i, json_build_object('awarded', 4.00 - (n + i) % 2)))::text
          FROM generate_series(1, 25) i) AS breakdown,
       md5(n::text) || md5((n + 1)::text) AS hash
FROM generate_series(1, 1000) n;
SQL
old="INSERT INTO evaluation_revision (evaluation_id, revision, kind, answers, evidence, comment, score, vetoed,
     breakdown, reason, actor_key_id)
     SELECT e.id, 1, 'created', s.answers::jsonb, s.evidence::jsonb, NULL, 88.50, false, s.breakdown::jsonb, NULL, 1"
new="INSERT INTO evaluation_revision (evaluation_id, revision, kind, score, vetoed, reason, actor_key_id)
     SELECT e.id, 1, 'created', 88.50, false, NULL, 1"
for r in $(seq 1 "$rounds"); do
  for way in old new; do
    b="$way$r"
    history=$old
    [ "$way" = new ] && history=$new
    lsn=$(q "SELECT pg_current_wal_lsn()")
    ms=$(psql -X -q -At -v ON_ERROR_STOP=1 <<SQL | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
SET search_path = revision_bytes;
BEGIN;
INSERT INTO evaluation (agency_scope, external_id, source, unit_id, rubric_key, rubric_version, conducted_at,
                        evaluator, revision, status, score, vetoed, answers, evidence, comment, breakdown, content_hash)
SELECT 0, '$b-' || n, 'inspection', unit_id, 'postal-counter-model-window', 1,
       '2025-06-01'::timestamptz - n * interval '1 minute', 'insp-' || n % 40, 1, 'active', 88.50, false,
       answers::jsonb, evidence::jsonb, NULL, breakdown::jsonb, hash
FROM stage;
EXPLAIN (ANALYZE, COSTS OFF) $history
FROM stage s JOIN evaluation e ON e.agency_scope = 0 AND e.external_id = '$b-' || s.n;
COMMIT;
SQL
)
    wal=$(q "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$lsn') / 1000")
    echo "$way history statement ${ms} ms, WAL $(printf '%.0f' "$wal") bytes per evaluation"
  done
done
q "SELECT 'row bytes per evaluation: evaluation ' || (SELECT round(avg(pg_column_size(e.*))) FROM evaluation e)
   || ', history row with content ' || (SELECT round(avg(pg_column_size(r.*))) FROM evaluation_revision r
                                        WHERE answers IS NOT NULL)
   || ', without ' || (SELECT round(avg(pg_column_size(r.*))) FROM evaluation_revision r WHERE answers IS NULL)"
psql -X -q -c "SET client_min_messages = warning" -c "DROP SCHEMA revision_bytes CASCADE"
