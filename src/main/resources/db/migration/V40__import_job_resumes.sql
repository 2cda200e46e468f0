-- issue 14 (imports): how many times a job was started again after it had been left running (a restart, a crash,
-- another instance taking it over). Past servicegrade.imports.max-resumes it is marked failed instead of run again,
-- so a file that brings a server down cannot do it at every start.
ALTER TABLE import_job ADD COLUMN resumes integer NOT NULL DEFAULT 0;

-- A finished job no longer keeps its file: failed ones kept it until now (its errors are kept without it).
UPDATE import_job SET content = ''::bytea WHERE status IN ('succeeded', 'failed') AND octet_length(content) > 0;
