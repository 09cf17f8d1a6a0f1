-- Cluster mode: the id of the transaction that wrote each outbox row (the store write it describes commits in the
-- same transaction). A node that starts reads the anonymous tallies together with its snapshot
-- (pg_current_snapshot()); a change arriving from Kafka later is in those tallies exactly when its writer's
-- transaction is visible in that snapshot, which needs no clocks and no grace periods.
ALTER TABLE cluster_outbox ADD COLUMN writer_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
