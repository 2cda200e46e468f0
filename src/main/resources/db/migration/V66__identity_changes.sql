-- Who a key or token stands for is kept in memory by every instance for a short while (issue 16: authentication
-- costs no query per request). Every change that could alter such an answer is announced at commit on the channel
-- servicegrade_identity, and every instance forgets what it kept when it hears it: a key revoked, a token expired
-- early or moved, an account's roles, scope, agency link, sources, disabling or link to a person at the identity
-- provider (oidc_subject: single sign-on remembers which account a person's tokens lead to) changed, an agency retired or its
-- code or sources changed, or any of these rows deleted. The note of a token's last use changes none of them and
-- announces nothing. One payload per transaction: PostgreSQL folds identical notifications of one transaction.
CREATE FUNCTION announce_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('servicegrade_identity', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER api_key_identity_changed
    AFTER UPDATE ON api_key FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.account_id IS DISTINCT FROM NEW.account_id
          OR OLD.hash IS DISTINCT FROM NEW.hash)
    EXECUTE FUNCTION announce_identity_change();

CREATE TRIGGER api_key_identity_deleted
    AFTER DELETE ON api_key FOR EACH STATEMENT EXECUTE FUNCTION announce_identity_change();

CREATE TRIGGER account_identity_changed
    AFTER UPDATE ON account FOR EACH ROW
    WHEN (OLD.roles IS DISTINCT FROM NEW.roles OR OLD.scope_unit_ids IS DISTINCT FROM NEW.scope_unit_ids
          OR OLD.agency_id IS DISTINCT FROM NEW.agency_id OR OLD.sources IS DISTINCT FROM NEW.sources
          OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at OR OLD.oidc_subject IS DISTINCT FROM NEW.oidc_subject)
    EXECUTE FUNCTION announce_identity_change();

CREATE TRIGGER account_identity_deleted
    AFTER DELETE ON account FOR EACH STATEMENT EXECUTE FUNCTION announce_identity_change();

CREATE TRIGGER agency_identity_changed
    AFTER UPDATE ON agency FOR EACH ROW
    WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.sources IS DISTINCT FROM NEW.sources
          OR OLD.active IS DISTINCT FROM NEW.active)
    EXECUTE FUNCTION announce_identity_change();

CREATE TRIGGER agency_identity_deleted
    AFTER DELETE ON agency FOR EACH STATEMENT EXECUTE FUNCTION announce_identity_change();
