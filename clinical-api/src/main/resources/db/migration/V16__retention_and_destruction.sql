-- Retention and destruction (NHS Records Management Code of Practice, Appendix II): a person's death as part of the
-- plan, the appraisal queue, legal and serious-incident holds, a permanent destruction log, and the one sanctioned
-- path by which old audit events may be destroyed while the rest of the trail stays verifiable.

-- The person died: the date and where the care team learnt it. Part of the plan, deleted with it.
CREATE TABLE patient_death (
    nhs_number       CHAR(10)      PRIMARY KEY,
    plan_id          UUID          NOT NULL UNIQUE REFERENCES care_plan (id) ON DELETE CASCADE,
    died_on          DATE          NOT NULL,
    source           VARCHAR(30)   NOT NULL
        CHECK (source IN ('NHS_SPINE', 'GP_RECORD', 'HOSPITAL', 'CORONER', 'FAMILY_OR_CARER', 'CARE_TEAM', 'OTHER')),
    source_detail    VARCHAR(500),
    recorded_at      TIMESTAMPTZ   NOT NULL,
    recorded_by      VARCHAR(100)  NOT NULL,
    recorded_by_name VARCHAR(200),
    organisation     VARCHAR(10)   NOT NULL,
    revision         BIGINT        NOT NULL
);

-- A record whose minimum retention period has ended, waiting for (or carrying) its appraisal. The NHS number is
-- cleared once the record is destroyed: the destruction log keeps only its keyed hash.
CREATE TABLE retention_appraisal (
    id                   UUID          PRIMARY KEY,
    record_class         VARCHAR(30)   NOT NULL,
    record_id            UUID          NOT NULL,
    nhs_number           CHAR(10),
    retention_trigger    VARCHAR(30)   NOT NULL,
    retention_started_on DATE          NOT NULL,
    minimum_ends_on      DATE          NOT NULL,
    due_on               DATE          NOT NULL,
    basis                VARCHAR(1000) NOT NULL,
    listed_at            TIMESTAMPTZ   NOT NULL,
    decision             VARCHAR(10)   CHECK (decision IN ('DESTROY', 'KEEP', 'PRESERVE')),
    reason               VARCHAR(2000),
    review_on            DATE,
    decided_at           TIMESTAMPTZ,
    decided_by           VARCHAR(100),
    decided_by_name      VARCHAR(200),
    destroyed_at         TIMESTAMPTZ,
    revision             BIGINT        NOT NULL,
    CHECK (decision IS NULL OR (decided_at IS NOT NULL AND decided_by IS NOT NULL)),
    CHECK (decision IS DISTINCT FROM 'KEEP' OR (reason IS NOT NULL AND review_on IS NOT NULL)),
    CHECK (destroyed_at IS NULL OR decision = 'DESTROY')
);

-- One undecided appraisal per record, however many replicas list it at once.
CREATE UNIQUE INDEX retention_appraisal_open ON retention_appraisal (record_id) WHERE decision IS NULL;
CREATE INDEX retention_appraisal_record_idx ON retention_appraisal (record_id);

-- A legal or serious-incident hold on a patient's records: while active (not lifted, not past its end date) nothing
-- of theirs is destroyed, audit events included.
CREATE TABLE retention_hold (
    id             UUID          PRIMARY KEY,
    nhs_number     CHAR(10)      NOT NULL,
    kind           VARCHAR(20)   NOT NULL CHECK (kind IN ('LEGAL', 'SERIOUS_INCIDENT', 'INQUEST', 'OTHER')),
    reason         VARCHAR(2000) NOT NULL,
    reference      VARCHAR(200),
    placed_at      TIMESTAMPTZ   NOT NULL,
    placed_by      VARCHAR(100)  NOT NULL,
    placed_by_name VARCHAR(200),
    until_on       DATE,
    lifted_at      TIMESTAMPTZ,
    lifted_by      VARCHAR(100),
    lift_reason    VARCHAR(2000),
    revision       BIGINT        NOT NULL,
    CHECK (lifted_at IS NULL OR (lifted_by IS NOT NULL AND lift_reason IS NOT NULL))
);

CREATE INDEX retention_hold_patient_idx ON retention_hold (nhs_number) WHERE lifted_at IS NULL;

-- The metadata stub each destruction leaves, kept permanently: what was destroyed, when, by whom, on what authority
-- and how. Append-only, like the audit trail.
CREATE TABLE destruction_log (
    id                   UUID          PRIMARY KEY,
    record_class         VARCHAR(30)   NOT NULL,
    record_id            VARCHAR(100)  NOT NULL,
    nhs_number_hash      CHAR(64),
    record_created_at    TIMESTAMPTZ,
    retention_trigger    VARCHAR(30)   NOT NULL,
    retention_started_on DATE,
    minimum_ended_on     DATE,
    destroyed_at         TIMESTAMPTZ   NOT NULL,
    destroyed_by         VARCHAR(100)  NOT NULL,
    destroyed_by_name    VARCHAR(200),
    appraisal_id         UUID,
    authority            VARCHAR(2500) NOT NULL,
    method               VARCHAR(1000) NOT NULL,
    contents             VARCHAR(1000) NOT NULL
);

CREATE INDEX destruction_log_patient_idx ON destruction_log (nhs_number_hash);
CREATE INDEX destruction_log_time_idx ON destruction_log (destroyed_at);

CREATE TRIGGER destruction_log_append_only BEFORE UPDATE OR DELETE ON destruction_log
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER destruction_log_no_truncate BEFORE TRUNCATE ON destruction_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The key of the NHS number hashes in the destruction log: random per deployment, so that the log alone (an export,
-- a copy of the table) cannot be reversed by hashing every possible NHS number. Never changes.
CREATE TABLE retention_stub_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key CHAR(64) NOT NULL
);

INSERT INTO retention_stub_key (id, key)
    VALUES (1, encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || clock_timestamp()::text,
        'UTF8')), 'hex'));

CREATE TRIGGER retention_stub_key_immutable BEFORE UPDATE OR DELETE ON retention_stub_key
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Audit trail destruction. Each destruction of the oldest audit events records a checkpoint: the last destroyed
-- event, which must end a sealed block, and that seal's hash, from which verification then starts (the new genesis).
-- Checkpoints are append-only and kept permanently.
CREATE TABLE audit_checkpoint (
    id                   BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    through_seq          BIGINT        NOT NULL UNIQUE,
    genesis_hash         CHAR(64)      NOT NULL,
    previous_through_seq BIGINT        NOT NULL,
    events_destroyed     BIGINT        NOT NULL,
    seals_destroyed      BIGINT        NOT NULL,
    oldest_event_at      TIMESTAMPTZ,
    newest_event_at      TIMESTAMPTZ,
    destroyed_at         TIMESTAMPTZ   NOT NULL,
    destroyed_by         VARCHAR(100)  NOT NULL,
    destroyed_by_name    VARCHAR(200),
    reason               VARCHAR(2000) NOT NULL,
    -- The transaction that wrote the checkpoint: only that transaction may delete the events it covers.
    xact                 XID8          NOT NULL
);

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- A checkpoint is only written as the chain has it: through the end of a sealed block after the previous checkpoint,
-- with that seal's hash, stamped with the writing transaction whatever the writer says.
CREATE FUNCTION audit_checkpoint_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sealed_hash CHAR(64);
    previous    BIGINT;
BEGIN
    SELECT coalesce(max(through_seq), 0) INTO previous FROM audit_checkpoint;
    SELECT hash INTO sealed_hash FROM audit_seal WHERE seq = NEW.through_seq;
    IF sealed_hash IS NULL OR NEW.through_seq <= previous OR NEW.genesis_hash IS DISTINCT FROM sealed_hash
        OR NEW.previous_through_seq IS DISTINCT FROM previous THEN
        RAISE EXCEPTION 'audit checkpoint refused: % is not the end of a sealed block after checkpoint % with its hash',
            NEW.through_seq, previous;
    END IF;
    NEW.xact := pg_current_xact_id();
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_checkpoint_checked BEFORE INSERT ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_check();

-- audit_event and audit_seal stay append-only: every UPDATE and TRUNCATE is refused, and so is every DELETE except
-- of rows at or before a checkpoint that the deleting transaction itself wrote and named in the transaction-local
-- setting openucp.audit_destruction (which destroy_audit_events sets). A plain DELETE names no checkpoint; setting
-- the name by hand does not help without a checkpoint of one's own transaction, and writing one leaves a permanent,
-- chain-checked record of the destruction.
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named      TEXT := nullif(current_setting('openucp.audit_destruction', true), '');
    checkpoint audit_checkpoint%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' AND named IS NOT NULL AND named ~ '^[0-9]{1,18}$' THEN
        SELECT * INTO checkpoint FROM audit_checkpoint WHERE id = named::BIGINT;
        IF FOUND AND checkpoint.xact = pg_current_xact_id() AND OLD.seq <= checkpoint.through_seq THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION '% rows are immutable: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
DROP TRIGGER audit_seal_append_only ON audit_seal;
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

-- The sanctioned path: destroys the audit events and seals through the end of a sealed block, in the caller's
-- transaction, after recording the checkpoint verification starts from. It takes the chain head's lock, so the
-- sealer and other destructions wait. SECURITY DEFINER with a fixed search path, so that a deployment may revoke
-- DELETE on audit_event and audit_seal from the application's role and leave it this function alone.
CREATE FUNCTION destroy_audit_events(p_through_seq BIGINT, p_at TIMESTAMPTZ, p_by VARCHAR, p_by_name VARCHAR,
        p_reason VARCHAR) RETURNS audit_checkpoint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    head       audit_chain_head%ROWTYPE;
    previous   BIGINT;
    checkpoint audit_checkpoint%ROWTYPE;
    events     BIGINT;
    seals      BIGINT;
    oldest     TIMESTAMPTZ;
    newest     TIMESTAMPTZ;
    gone       BIGINT;
BEGIN
    SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
    IF p_through_seq > head.last_seq THEN
        RAISE EXCEPTION 'audit events after % are not sealed yet', head.last_seq;
    END IF;
    SELECT coalesce(max(through_seq), 0) INTO previous FROM audit_checkpoint;
    SELECT count(*), min(occurred_at), max(occurred_at) INTO events, oldest, newest
        FROM audit_event WHERE seq > previous AND seq <= p_through_seq;
    SELECT count(*) INTO seals FROM audit_seal WHERE seq > previous AND seq <= p_through_seq;
    INSERT INTO audit_checkpoint (through_seq, genesis_hash, previous_through_seq, events_destroyed, seals_destroyed,
            oldest_event_at, newest_event_at, destroyed_at, destroyed_by, destroyed_by_name, reason, xact)
        SELECT p_through_seq, s.hash, previous, events, seals, oldest, newest, p_at, p_by, p_by_name, p_reason,
               pg_current_xact_id()
        FROM audit_seal s WHERE s.seq = p_through_seq
        RETURNING * INTO checkpoint;
    IF checkpoint.id IS NULL THEN
        RAISE EXCEPTION 'audit event % does not end a sealed block', p_through_seq;
    END IF;
    PERFORM set_config('openucp.audit_destruction', checkpoint.id::TEXT, true);
    DELETE FROM audit_event WHERE seq <= p_through_seq;
    GET DIAGNOSTICS gone = ROW_COUNT;
    IF gone <> events THEN
        RAISE EXCEPTION 'audit events before checkpoint % were found after it', previous;
    END IF;
    DELETE FROM audit_seal WHERE seq <= p_through_seq;
    PERFORM set_config('openucp.audit_destruction', '', true);
    RETURN checkpoint;
END;
$$;

-- Only the owner (the application's migration role) and roles it grants may call it; not every database user.
REVOKE ALL ON FUNCTION destroy_audit_events(BIGINT, TIMESTAMPTZ, VARCHAR, VARCHAR, VARCHAR) FROM PUBLIC;
