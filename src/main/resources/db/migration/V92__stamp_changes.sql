-- Issue 21: every instance keeps the stamps of the standings boards it was asked for (what a kept answer is valid
-- under) instead of reading one from the database for every request. Every change that could give a board another
-- stamp is announced at commit on the channel servicegrade_stamps, and every instance forgets the stamps it kept when
-- it hears it: a period's inputs, publication or closing (standing_period), a closing's copy (period_closing), a new
-- version of a scheme (scheme_version), the unit tree (unit_tree_revision). Statement triggers: one announcement per
-- statement whatever it touched, and PostgreSQL folds identical announcements of one transaction into one.
CREATE FUNCTION announce_stamp_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('servicegrade_stamps', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER standing_period_stamp_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON standing_period
    FOR EACH STATEMENT EXECUTE FUNCTION announce_stamp_change();

CREATE TRIGGER period_closing_stamp_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON period_closing
    FOR EACH STATEMENT EXECUTE FUNCTION announce_stamp_change();

CREATE TRIGGER scheme_version_stamp_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON scheme_version
    FOR EACH STATEMENT EXECUTE FUNCTION announce_stamp_change();

CREATE TRIGGER unit_tree_revision_stamp_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON unit_tree_revision
    FOR EACH STATEMENT EXECUTE FUNCTION announce_stamp_change();
