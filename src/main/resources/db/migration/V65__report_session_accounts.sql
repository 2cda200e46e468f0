-- Issue 16: a report-page session may stand for a person's account (signed in with login and password), besides
-- an API key. The account is looked up live on every page, so a disabled account is signed out at once; a reset
-- of its password, or disabling it, deletes its sessions; deleting the account would delete them too.
ALTER TABLE report_session ADD COLUMN account_id bigint REFERENCES account (id) ON DELETE CASCADE;
ALTER TABLE report_session DROP CONSTRAINT report_session_principal_kind_check;
ALTER TABLE report_session DROP CONSTRAINT report_session_check;
ALTER TABLE report_session ADD CONSTRAINT report_session_principal_kind_check
    CHECK (principal_kind IN ('api_key', 'account'));
ALTER TABLE report_session ADD CONSTRAINT report_session_one_principal CHECK (
    (principal_kind = 'api_key') = (api_key_id IS NOT NULL)
    AND (principal_kind = 'account') = (account_id IS NOT NULL));

CREATE INDEX report_session_account_idx ON report_session (account_id);
