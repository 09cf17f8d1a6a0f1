-- Cluster mode (grat-cluster): the outbox of changes to publish to Kafka, and the learned models the leader trains.
-- Both tables stay empty on a single node.

-- The changes of one store write (a commit's events per visitor, a consent state, an erasure, catalog items), as
-- JSON, written before the store write they describe (a consent state: after its ledger entry) and deleted once
-- Kafka acknowledged every one of them. A row older than a few seconds was left by a node that crashed or could
-- not reach Kafka: any node then publishes it (personal events only as far as they are in the store).
CREATE TABLE cluster_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  payload bytea NOT NULL
);
CREATE INDEX cluster_outbox_by_age ON cluster_outbox (created_at, id);

-- Learned models (item-side parameters only, nothing about a visitor): the leader inserts each new one, the other
-- nodes load the newest version. Older versions are deleted by the insert that replaces them.
CREATE TABLE cluster_models (
  version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trained_at timestamptz NOT NULL DEFAULT now(),
  model bytea NOT NULL
);
