-- The audit log (issue 16) names a person who acts through a report-page session opened with login and password:
-- such a session has no key, so its rows name the account with no key, under the actor kind 'session' (a session
-- opened with a key, or with the identity provider's sign-in, keeps naming its key as before).
ALTER TABLE audit_event DROP CONSTRAINT audit_event_actor_kind_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_actor_kind_check CHECK (actor_kind IN ('admin-key', 'agency-key',
    'token', 'session', 'login', 'anonymous', 'system'));
