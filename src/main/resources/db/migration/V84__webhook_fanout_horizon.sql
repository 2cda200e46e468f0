-- Issue 19: the webhook fan-out's backstop without a window.
--
-- The backstop used to fan out only the last hour's events (a day at start), so an event whose announcement was
-- lost while every instance was down longer than that was never delivered. Now each event records the transaction
-- that wrote it (xact, filled by the default: the writer's code is unchanged), and one row keeps the backstop's
-- horizon: every event written by a transaction older than it has been fanned out. Each run fans out the events
-- at or past the horizon and moves it to the oldest transaction still running (pg_snapshot_xmin): anything older
-- has committed or rolled back, so no event can still appear behind the horizon. Commit order is not id order, so
-- a high-water mark of event ids would skip an event whose transaction committed after a later one; a transaction
-- horizon does not. The row is locked for the run (SKIP LOCKED: another instance's run is left to finish).
ALTER TABLE outbound_event ADD COLUMN xact xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX outbound_event_xact_idx ON outbound_event (xact);

CREATE TABLE webhook_fanout (
    one       boolean PRIMARY KEY DEFAULT true CHECK (one),
    horizon   xid8 NOT NULL,
    ran_at    timestamptz NOT NULL DEFAULT now()
);
-- the events stored so far carry this migration's transaction, so the first run fans out every one still kept
-- that was missed (a delivery already made stays one: unique per subscription and event)
INSERT INTO webhook_fanout (horizon) VALUES (pg_current_xact_id());
