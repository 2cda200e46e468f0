-- Single sign-on (issue 16): a person signed in by the organisation's identity provider (OpenID Connect) is an
-- account. oidc_subject links an account to the provider's subject (the token's "sub"); it is unique, so one
-- person is one account. oidc_claims marks an account made just in time for a person with no local account: its
-- roles and scope follow the token's claims, and are written again when they change. A linked local account
-- (oidc_claims false) keeps the roles and scope its administrators gave it.
ALTER TABLE account ADD COLUMN oidc_subject text UNIQUE CHECK (char_length(oidc_subject) BETWEEN 1 AND 255);
ALTER TABLE account ADD COLUMN oidc_claims boolean NOT NULL DEFAULT false;
ALTER TABLE account ADD CONSTRAINT account_oidc_claims_linked CHECK (NOT oidc_claims OR oidc_subject IS NOT NULL);

-- What a person signed in by the provider does is recorded against one api_key row of their account, as a
-- personal access token's work is (evaluation_revision.actor_key_id, import_job.key_id). That row carries no
-- secret: its hash is 'oidc:<account id>', which no SHA-256 of a presented key can equal, so no key signs in by it.
-- It is never listed among the account's tokens.
CREATE UNIQUE INDEX api_key_oidc_account_idx ON api_key (account_id) WHERE prefix = 'oidc';
