-- Retention of complaints and breach-register incidents (issue 15): like plans, they reach the appraisal list once
-- their minimum period has ended (RetentionSchedule), and only an appraisal decided DESTROY destroys them, never under
-- a hold, leaving a stub in the destruction log.

-- A breach is kept as a serious incident (20 years from the incident rather than 10) once information governance
-- marks it serious, or decides to notify the ICO of it. Who marked it, when and why is kept with it.
ALTER TABLE breach ADD COLUMN serious_incident BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE breach ADD COLUMN serious_reason TEXT;
ALTER TABLE breach ADD COLUMN serious_decided_at TIMESTAMPTZ;
ALTER TABLE breach ADD COLUMN serious_decided_by VARCHAR(100);
ALTER TABLE breach ADD CONSTRAINT breach_seriousness_decided
    CHECK (serious_decided_at IS NULL OR (serious_reason IS NOT NULL AND serious_decided_by IS NOT NULL));
CREATE INDEX breach_occurred_idx ON breach ((coalesce(occurred_at, aware_at)));

-- How long a closed complaint is kept is the retention schedule's (clinical.retention.complaint-minimum), worked out
-- when it is needed: a date stored at closure would stay behind if the schedule changed. The column stays for the
-- previous release, which still writes it while a rolling upgrade runs (expand and contract: a later release drops
-- it); only the check that required it goes, written again without it.
ALTER TABLE complaint DROP CONSTRAINT complaint_check;
ALTER TABLE complaint ADD CONSTRAINT complaint_closed_with_outcome
    CHECK (status = 'OPEN' OR (outcome IS NOT NULL AND closed_at IS NOT NULL));
CREATE INDEX complaint_closed_idx ON complaint (closed_at) WHERE status = 'CLOSED';
-- The audit events about a patient named in a complaint are kept while the complaint is (AuditTrailDestruction).
CREATE INDEX complaint_patient_idx ON complaint (nhs_number) WHERE nhs_number IS NOT NULL;

-- A hold on one record rather than on everything of a patient's: a complaint whose complainant is litigating, an
-- incident under investigation, whether or not it names a patient. Exactly one of the two.
ALTER TABLE retention_hold ALTER COLUMN nhs_number DROP NOT NULL;
ALTER TABLE retention_hold ADD COLUMN record_id UUID;
ALTER TABLE retention_hold ADD COLUMN record_kind VARCHAR(20) CHECK (record_kind IN ('PLAN', 'COMPLAINT', 'INCIDENT'));
ALTER TABLE retention_hold ADD CONSTRAINT retention_hold_on_patient_or_record
    CHECK ((nhs_number IS NULL) <> (record_id IS NULL) AND (record_id IS NULL) = (record_kind IS NULL));
CREATE INDEX retention_hold_record_idx ON retention_hold (record_id) WHERE lifted_at IS NULL AND record_id IS NOT NULL;

-- The patients a destroyed record named when it named several (an incident's affected patients), each as the keyed
-- hash the stub itself uses, so that the destruction log answers "was a record about this patient destroyed?" for
-- them too. Kept permanently, append-only like the log; written only with its stub, in the stub's transaction. No
-- foreign key to the log: with one, a TRUNCATE of the log would be refused by the key rather than by the log's own
-- trigger, and the log's guarantee is that trigger.
CREATE TABLE destruction_log_patient (
    destruction_id  UUID      NOT NULL,
    nhs_number_hash CHAR(64)  NOT NULL,
    PRIMARY KEY (destruction_id, nhs_number_hash)
);

CREATE INDEX destruction_log_patient_hash_idx ON destruction_log_patient (nhs_number_hash);
CREATE INDEX destruction_log_record_idx ON destruction_log (record_id);

CREATE TRIGGER destruction_log_patient_append_only BEFORE UPDATE OR DELETE ON destruction_log_patient
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER destruction_log_patient_no_truncate BEFORE TRUNCATE ON destruction_log_patient
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The decisions on notifying the ICO stay as they were taken: never updated, and deleted only with their incident,
-- once the destruction log holds the stub of that incident's destruction. The stub is written first and cannot be
-- taken back, so no decision disappears without a permanent record that its incident was destroyed, and by whom.
CREATE FUNCTION breach_regulator_decision_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM destruction_log d
            WHERE d.record_id = OLD.breach_id::text AND d.record_class IN ('INCIDENT', 'SERIOUS_INCIDENT')) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% rows are immutable: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

DROP TRIGGER breach_regulator_decision_immutable ON breach_regulator_decision;
CREATE TRIGGER breach_regulator_decision_immutable BEFORE UPDATE OR DELETE ON breach_regulator_decision
    FOR EACH ROW EXECUTE FUNCTION breach_regulator_decision_kept();
