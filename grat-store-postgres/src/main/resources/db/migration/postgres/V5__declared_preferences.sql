-- Declared preferences (what a visitor told the shop they like, dislike and wear): one row per visitor, sealed with
-- the visitor's key under their subject id like every other personal record, so that erasure, which destroys the
-- key, leaves any copy in dead tuples unreadable. A correction replaces the row. declared_at stays clear so that
-- retention finds expired declarations without opening them.
CREATE TABLE declared_preferences (
  subject_id bytea PRIMARY KEY,
  declared_at timestamptz NOT NULL,
  record bytea NOT NULL
);
CREATE INDEX declared_by_time ON declared_preferences (declared_at);
ALTER TABLE declared_preferences ALTER COLUMN subject_id SET STATISTICS 0;

-- Identity links expire after the identity-links period: their time goes in the clear beside the sealed payload.
-- Links written before this version have NULL here; the retention job fills it from the payload before it deletes.
ALTER TABLE identity_links ADD COLUMN linked_at timestamptz;
CREATE INDEX links_by_time ON identity_links (linked_at);
