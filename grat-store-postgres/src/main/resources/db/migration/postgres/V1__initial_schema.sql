-- Grat on PostgreSQL, schema version 1. Flyway runs it once per schema, with the schema first on the search path.
--
-- Personal records (events, consent entries, identity links) are encrypted with their visitor's data key and
-- carry only a random subject id; the visitor id itself never reaches a table. Erasure deletes the records and
-- the subject's key, then rewrites the one small partition of `subjects` that held the key (VACUUM FULL), so that
-- the key's bytes leave every table file and what stays behind in dead tuples cannot be read any more.

-- A random key for the keyed hashes (HMAC-SHA-256) of visitor, customer and event ids. Written once by the store.
CREATE TABLE store_secrets (
  id smallint PRIMARY KEY CHECK (id = 1),
  hash_key bytea NOT NULL
);

-- One row per visitor with personal records: the link from the visitor's keyed hash to a random subject id,
-- and the AES-256 key of the visitor's records. Partitioned by the first byte of the hash (bucket 0-15) so that
-- erasure rewrites a sixteenth of the table, not all of it.
CREATE TABLE subjects (
  bucket smallint NOT NULL,
  visitor_hash bytea NOT NULL,
  subject_id bytea NOT NULL,
  data_key bytea NOT NULL,
  PRIMARY KEY (bucket, visitor_hash)
) PARTITION BY LIST (bucket);

DO $$
BEGIN
  FOR b IN 0..15 LOOP
    EXECUTE format('CREATE TABLE subjects_%s PARTITION OF subjects FOR VALUES IN (%s)', lpad(b::text, 2, '0'), b);
  END LOOP;
END
$$;

CREATE INDEX subjects_by_subject ON subjects (subject_id);
-- ANALYZE samples column values into pg_statistic; keys must never be copied there.
ALTER TABLE subjects ALTER COLUMN data_key SET STATISTICS 0;
ALTER TABLE subjects ALTER COLUMN subject_id SET STATISTICS 0;

-- Every event id ever committed (personal or anonymous) as a keyed hash: the idempotency gate. Committing
-- inserts here first; only the ids that were new go on to the events or the tallies.
CREATE TABLE event_ids (
  id_hash bytea PRIMARY KEY,
  received_day date NOT NULL
);

-- Personal events: the payload is the whole event, encrypted; occurred_at stays clear for ordered replay.
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id bytea NOT NULL,
  id_hash bytea NOT NULL,
  occurred_at timestamptz NOT NULL,
  payload bytea NOT NULL
);
CREATE INDEX events_by_time ON events (occurred_at, seq);
CREATE INDEX events_by_subject ON events (subject_id, occurred_at, seq);

-- The count of personal events in 16 shards, so that concurrent commits rarely wait for each other's row.
CREATE TABLE event_counts (
  shard smallint PRIMARY KEY,
  personal bigint NOT NULL
);
INSERT INTO event_counts (shard, personal) SELECT s, 0 FROM generate_series(0, 15) AS s;

-- Hourly counts of anonymous events. '' stands for "no item" or "no category" so that the key can be summed.
-- Each commit adds to one of 8 shards; readers sum the shards.
CREATE TABLE anonymous_tallies (
  hour timestamptz NOT NULL,
  type text NOT NULL,
  item_id text NOT NULL,
  category_id text NOT NULL,
  shard smallint NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (hour, type, item_id, category_id, shard)
);

CREATE TABLE consent_entries (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_id bytea NOT NULL,
  recorded_at timestamptz NOT NULL,
  payload bytea NOT NULL
);
CREATE INDEX consent_by_subject ON consent_entries (subject_id, recorded_at, seq);

-- A customer seen on a visitor id: the customer's keyed hash finds the links, the payload (encrypted with the
-- visitor's key) holds the ids and the time.
CREATE TABLE identity_links (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_hash bytea NOT NULL,
  subject_id bytea NOT NULL,
  payload bytea NOT NULL,
  UNIQUE (customer_hash, subject_id)
);
CREATE INDEX links_by_subject ON identity_links (subject_id);

-- The catalog is not personal: plain columns. numeric keeps a price's scale (19.90 stays 19.90).
CREATE TABLE items (
  id text PRIMARY KEY,
  title text,
  category text,
  brand text,
  price numeric,
  available boolean NOT NULL,
  attribute_names text[] NOT NULL,
  attribute_values text[] NOT NULL
);

CREATE TABLE content_slots (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slot text NOT NULL UNIQUE
);

CREATE TABLE content_variants (
  slot text NOT NULL REFERENCES content_slots (slot),
  position int NOT NULL,
  id text,
  text text,
  condition_fields text[] NOT NULL,
  condition_comparisons text[] NOT NULL,
  condition_values text[] NOT NULL,
  PRIMARY KEY (slot, position)
);
