-- The UTC offset an evaluation's conductedAt was sent with, in seconds east of UTC, so that it comes back as it was
-- written (2023-06-30T23:30+08:00, not 2023-06-30T15:30Z: a client bucketing by the returned date would put the
-- latter in the wrong quarter). Evaluations stored before keep 0 (they come back in UTC, as they did).
ALTER TABLE evaluation ADD COLUMN conducted_offset integer NOT NULL DEFAULT 0
    CHECK (conducted_offset BETWEEN -64800 AND 64800);
