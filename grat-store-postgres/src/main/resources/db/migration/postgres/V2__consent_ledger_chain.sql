-- Grat on PostgreSQL, schema version 2: the consent ledger becomes a hash chain.
--
-- Every entry carries the hash of the entry before it (previous_hash) and its own (hash), SHA-256 over a canonical
-- encoding of its sequence, previous hash, a random salt and its content (dev.grat.consent.ConsentChain). The salt
-- travels inside the encrypted payload, so that erasure, which destroys the visitor's key, also leaves the hash
-- impossible to tie to them. Erasure keeps an erased visitor's rows as tombstones: seq, previous_hash and hash only.
--
-- Appends are serialised across nodes by locking the one row of consent_head inside the appending transaction.
-- Rows written by schema version 1 get their hashes from the store when it opens (it needs the keys to read them):
-- until then their hash is null.

ALTER TABLE consent_entries ALTER COLUMN seq DROP IDENTITY;
ALTER TABLE consent_entries ALTER COLUMN subject_id DROP NOT NULL;
ALTER TABLE consent_entries ALTER COLUMN recorded_at DROP NOT NULL;
ALTER TABLE consent_entries ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE consent_entries ADD COLUMN previous_hash text;
ALTER TABLE consent_entries ADD COLUMN hash text;

CREATE TABLE consent_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  previous_hash text,
  hash text
);
INSERT INTO consent_head (id, seq) VALUES (1, 0);

-- The notice texts visitors were shown, once per SHA-256. They are the shop's texts, not personal data.
CREATE TABLE consent_notices (
  hash text PRIMARY KEY,
  text text NOT NULL
);
