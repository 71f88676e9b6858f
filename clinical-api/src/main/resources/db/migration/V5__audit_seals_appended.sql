-- Sealing no longer rewrites audit events: the sealer appends each event's link in the hash chain to audit_seal,
-- and audit_event becomes strictly append-only again. Sealing then costs one narrow insert per event instead of a
-- new version of the event row and of all its indexes, so it keeps up with thousands of lookups a second.
CREATE TABLE audit_seal (
    seq           BIGINT    PRIMARY KEY,
    previous_hash CHAR(64)  NOT NULL,
    hash          CHAR(64)  NOT NULL
);

INSERT INTO audit_seal (seq, previous_hash, hash)
    SELECT seq, previous_hash, hash FROM audit_event WHERE hash IS NOT NULL;

DROP TRIGGER audit_event_append_only ON audit_event;
DROP FUNCTION audit_event_guard();
DROP INDEX audit_event_unsealed_idx;
ALTER TABLE audit_event DROP COLUMN previous_hash, DROP COLUMN hash;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
