-- Alone in its migration: Flyway runs it outside a transaction, as PostgreSQL requires.
CREATE INDEX CONCURRENTLY busy_label_idx ON busy (label);
