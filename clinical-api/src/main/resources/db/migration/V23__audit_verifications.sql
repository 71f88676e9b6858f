-- A record of each completed verification of the audit chain, so that verifying does not rehash the whole trail
-- every time: GET /audit/chain/verification starts by default from the newest record (the chain's hash at the
-- sealed event it reached) and checks only the events sealed since; ?full=true still walks the whole retained trail
-- from the genesis or the newest destruction checkpoint. Records are written after a successful full walk and by the
-- scheduled verifier (clinical.audit.verify-interval), never after a walk that found the chain broken.
-- Append-only like the trail itself, and kept when old events are destroyed: they say what was verified, and when.
CREATE TABLE audit_verification (
    id                BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The last event checked: the end of a sealed block.
    through_seq       BIGINT       NOT NULL,
    -- The chain's hash after it: that seal's hash, which the next seal must link on to.
    chain_hash        CHAR(64)     NOT NULL,
    -- Where the walk started: 0 (the genesis), a destruction checkpoint, or an earlier verification's through_seq.
    started_after_seq BIGINT       NOT NULL CHECK (started_after_seq >= 0),
    scope             VARCHAR(30)  NOT NULL CHECK (scope IN ('FULL', 'SINCE_LAST_VERIFICATION')),
    events_checked    BIGINT       NOT NULL CHECK (events_checked >= 0),
    verified_at       TIMESTAMPTZ  NOT NULL,
    -- The member of staff who asked for a full walk, or the scheduled verifier.
    verified_by       VARCHAR(100) NOT NULL,
    duration_ms       BIGINT       NOT NULL CHECK (duration_ms >= 0),
    CHECK (through_seq > started_after_seq)
);

CREATE INDEX audit_verification_through_idx ON audit_verification (through_seq);

CREATE TRIGGER audit_verification_append_only BEFORE UPDATE OR DELETE ON audit_verification
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_verification_no_truncate BEFORE TRUNCATE ON audit_verification
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A record is only written as the chain has it: through the end of a sealed block with that seal's hash, from the
-- genesis, a checkpoint or an earlier record. It cannot prove that a walk happened, but a made-up one cannot name a
-- hash the chain does not have, nor start from a point nobody verified.
CREATE FUNCTION audit_verification_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM audit_seal WHERE seq = NEW.through_seq AND hash = NEW.chain_hash) THEN
        RAISE EXCEPTION 'audit verification refused: % is not the end of a sealed block with hash %',
            NEW.through_seq, NEW.chain_hash;
    END IF;
    IF NOT (NEW.started_after_seq = 0
            OR EXISTS (SELECT FROM audit_checkpoint WHERE through_seq = NEW.started_after_seq)
            OR (NEW.scope = 'SINCE_LAST_VERIFICATION'
                AND EXISTS (SELECT FROM audit_verification WHERE through_seq = NEW.started_after_seq))) THEN
        RAISE EXCEPTION 'audit verification refused: it starts after %, which is neither the genesis, a checkpoint'
            ' nor where an earlier verification ended', NEW.started_after_seq;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_verification_checked BEFORE INSERT ON audit_verification
    FOR EACH ROW EXECUTE FUNCTION audit_verification_check();
