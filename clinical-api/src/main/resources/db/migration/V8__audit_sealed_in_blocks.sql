-- The sealer appends one seal per block of settled events instead of one per event: a seal covers the events after
-- the previous seal up to and including its own seq, and its hash is the chain's hash after the last of them (each
-- event's hash still covers its fields and the hash before it). Appending a seal row per event was most of the
-- sealer's cost, and the sealer a tenth of the database's work under crisis-lookup load. A block of one event is
-- exactly an earlier per-event seal, so the seals already written stay valid as they are.
ALTER TABLE audit_seal ADD COLUMN event_count INTEGER NOT NULL DEFAULT 1 CHECK (event_count > 0);
ALTER TABLE audit_seal ALTER COLUMN event_count DROP DEFAULT;
