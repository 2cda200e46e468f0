-- Issue 16, scope: an account with the agency role acts as one agency (its key's powers: its own evaluations and
-- sources); an inspector's (or an agency account's) sources narrow what it may post, null allowing every source.
-- An inspector's evaluations, external ids, idempotency keys and import jobs live in its own space, the negated
-- account id (evaluation.agency_scope), never the admin's 0 nor an agency's id.
ALTER TABLE account ADD COLUMN agency_id bigint REFERENCES agency (id);
ALTER TABLE account ADD COLUMN sources text[];
CREATE INDEX account_agency_idx ON account (agency_id);
