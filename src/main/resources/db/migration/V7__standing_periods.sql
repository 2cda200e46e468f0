-- Every period of a scheme that has had standings: its revision goes up in each transaction that changes the
-- period's prepared inputs (so any instance can tell whether what it keeps is still current), and the row
-- is the lock that orders those transactions. `rebuilt` is the revision at which the period's inputs were
-- last rebuilt whole (recompute). Once published, the period keeps the scheme version it was published with;
-- until then it follows the latest version that covers it.
CREATE TABLE standing_period (
    scheme_key        text NOT NULL,
    period_id         text NOT NULL,
    revision          bigint NOT NULL DEFAULT 1,
    rebuilt           bigint NOT NULL DEFAULT 1,
    published_version integer,
    published_at      timestamptz,
    PRIMARY KEY (scheme_key, period_id),
    FOREIGN KEY (scheme_key, published_version) REFERENCES scheme_version (scheme_key, version),
    CHECK ((published_version IS NULL) = (published_at IS NULL))
);

INSERT INTO standing_period (scheme_key, period_id) SELECT DISTINCT scheme_key, period_id FROM standing_input;

-- Each input row carries the period revision that last wrote it; a group whose evaluations are all gone keeps
-- a row with no samples. So a reader that holds a period at one revision reads only what changed since.
ALTER TABLE standing_input ADD COLUMN revision bigint NOT NULL DEFAULT 1;
CREATE INDEX standing_input_revision_idx ON standing_input (scheme_key, period_id, revision);

-- Goes up with every change of the organisation tree: boards kept from before it are stale.
CREATE TABLE unit_tree_revision (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    revision  bigint NOT NULL
);

INSERT INTO unit_tree_revision VALUES (true, 1);
