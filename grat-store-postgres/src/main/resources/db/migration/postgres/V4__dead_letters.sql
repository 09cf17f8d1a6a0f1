-- Dead letters: events and request bodies that were refused, kept with the reason for listing and replay.
-- When the payload names a visitor, its record (visitor id, reason, payload) is sealed with that visitor's key and
-- carries the subject id, so that erasure, which destroys the key, makes any copy left in dead tuples unreadable.
-- A payload that names no visitor is kept as plain bytes (there is nobody to erase it for); retention removes every
-- letter after its period.
CREATE TABLE dead_letters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at timestamptz NOT NULL,
  kind text NOT NULL,
  gpc boolean NOT NULL,
  truncated boolean NOT NULL,
  subject_id bytea,
  record bytea NOT NULL
);
CREATE INDEX dead_letters_by_subject ON dead_letters (subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX dead_letters_by_time ON dead_letters (received_at);
ALTER TABLE dead_letters ALTER COLUMN subject_id SET STATISTICS 0;
