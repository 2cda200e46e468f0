-- Issue 21: an evaluation's content (answers, evidence, comment, breakdown) is written once, not twice. The
-- revision an evaluation stands at now keeps its content in the evaluation row only: its evaluation_revision row is
-- written with those four columns null. When the evaluation changes again (a revision or a void), the statement
-- that changes it first copies the content it is about to replace into that row (EvaluationRepository.REVISE),
-- so a superseded revision always holds its own content. Rows written before this migration hold their content and
-- read as before; evaluation_revision_content reads every revision's content whichever way it is kept.
ALTER TABLE evaluation_revision
    ALTER COLUMN answers DROP NOT NULL,
    ALTER COLUMN evidence DROP NOT NULL,
    ALTER COLUMN breakdown DROP NOT NULL;

-- The content is kept whole or not at all (NOT VALID: every existing row has its content, so no scan at start-up).
ALTER TABLE evaluation_revision ADD CONSTRAINT evaluation_revision_content_whole
    CHECK ((answers IS NULL) = (evidence IS NULL) AND (answers IS NULL) = (breakdown IS NULL)
           AND (answers IS NOT NULL OR comment IS NULL)) NOT VALID;

-- Revisions stay immutable, with one exception: a row kept without its content may be given it, once, and nothing
-- else of it may change.
CREATE FUNCTION evaluation_revision_content_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.answers IS NULL AND NEW.answers IS NOT NULL
       AND (NEW.evaluation_id, NEW.revision, NEW.kind, NEW.score, NEW.vetoed, NEW.reason, NEW.actor_key_id,
            NEW.created_at)
           IS NOT DISTINCT FROM (OLD.evaluation_id, OLD.revision, OLD.kind, OLD.score, OLD.vetoed, OLD.reason,
                                 OLD.actor_key_id, OLD.created_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END;
$$;

DROP TRIGGER evaluation_revision_immutable ON evaluation_revision;
CREATE TRIGGER evaluation_revision_immutable BEFORE UPDATE OR DELETE ON evaluation_revision
    FOR EACH ROW EXECUTE FUNCTION evaluation_revision_content_once();

-- Every revision with its content, as it was written: for the revision the evaluation stands at, the evaluation's.
CREATE VIEW evaluation_revision_content AS
SELECT r.evaluation_id, r.revision, r.kind,
       CASE WHEN r.answers IS NULL AND r.revision = e.revision THEN e.answers ELSE r.answers END AS answers,
       CASE WHEN r.answers IS NULL AND r.revision = e.revision THEN e.evidence ELSE r.evidence END AS evidence,
       CASE WHEN r.answers IS NULL AND r.revision = e.revision THEN e.comment ELSE r.comment END AS comment,
       r.score, r.vetoed,
       CASE WHEN r.answers IS NULL AND r.revision = e.revision THEN e.breakdown ELSE r.breakdown END AS breakdown,
       r.reason, r.actor_key_id, r.created_at
FROM evaluation_revision r JOIN evaluation e ON e.id = r.evaluation_id;
