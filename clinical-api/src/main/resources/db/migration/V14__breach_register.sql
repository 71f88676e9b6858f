-- The operator's breach register (UK GDPR Art 33(5)): every personal data breach, notifiable or not, with its facts,
-- effects and remedial action, the decision to notify the ICO or not and why, and whether patients must be told
-- (Art 34). The ICO's 72 hours run from aware_at; the deadline itself is aware_at plus the configured period
-- (clinical.breaches.regulator-deadline), so that it is never stored twice. revision is the entry's ETag.
CREATE TABLE breach (
    id                        UUID          PRIMARY KEY,
    revision                  BIGINT        NOT NULL,
    category                  VARCHAR(20)   NOT NULL
        CHECK (category IN ('CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY')),
    what_happened             TEXT          NOT NULL,
    occurred_at               TIMESTAMPTZ,
    aware_at                  TIMESTAMPTZ   NOT NULL,
    likely_consequences       TEXT,
    measures_taken            TEXT,
    -- Art 33(3)(a) asks for approximate numbers when the exact patients are not (yet) known.
    approximate_patients      INTEGER       CHECK (approximate_patients >= 0),
    approximate_records       INTEGER       CHECK (approximate_records >= 0),
    recorded_at               TIMESTAMPTZ   NOT NULL,
    recorded_by               VARCHAR(100)  NOT NULL,
    updated_at                TIMESTAMPTZ   NOT NULL,
    updated_by                VARCHAR(100)  NOT NULL,
    -- The current decision on notifying the ICO (every decision is kept in breach_regulator_decision). Open while
    -- there is none, or while the ICO is to be notified and has not been.
    notify_regulator          BOOLEAN,
    regulator_reason          TEXT,
    regulator_decided_at      TIMESTAMPTZ,
    regulator_decided_by      VARCHAR(100),
    regulator_notified_at     TIMESTAMPTZ,
    regulator_delay_reason    TEXT,
    regulator_reference       VARCHAR(100),
    -- Art 34: the assessment of the risk to patients, the Art 34(3) exemption used if any, and the plain-language
    -- notice generated for the care providers to send.
    high_risk                 BOOLEAN,
    notice_exemption          VARCHAR(30)
        CHECK (notice_exemption IN ('UNINTELLIGIBLE', 'RISK_NO_LONGER_LIKELY', 'DISPROPORTIONATE_EFFORT')),
    notice_reason             TEXT,
    notice_audience           VARCHAR(20)   CHECK (notice_audience IN ('AFFECTED_PATIENTS', 'PUBLIC')),
    notice_text               TEXT,
    notice_assessed_at        TIMESTAMPTZ,
    notice_assessed_by        VARCHAR(100),
    CHECK (occurred_at IS NULL OR occurred_at <= aware_at),
    CHECK (notify_regulator IS TRUE OR regulator_notified_at IS NULL),
    CHECK (regulator_notified_at IS NULL OR regulator_notified_at >= aware_at)
);

CREATE INDEX breach_newest_idx ON breach (aware_at DESC, recorded_at DESC);
-- The information governance team's deadlines: breaches whose regulator clock still runs.
CREATE INDEX breach_regulator_open_idx ON breach (aware_at)
    WHERE notify_regulator IS NULL OR (notify_regulator AND regulator_notified_at IS NULL);

-- Every decision on notifying the ICO, as it was taken: the register keeps decisions not to report and their
-- reasons, and the reasons for any delay. Never changed once written.
CREATE TABLE breach_regulator_decision (
    id            UUID          PRIMARY KEY,
    breach_id     UUID          NOT NULL REFERENCES breach (id),
    decided_at    TIMESTAMPTZ   NOT NULL,
    decided_by    VARCHAR(100)  NOT NULL,
    notify        BOOLEAN       NOT NULL,
    reason        TEXT          NOT NULL,
    notified_at   TIMESTAMPTZ,
    delay_reason  TEXT,
    reference     VARCHAR(100)
);

CREATE INDEX breach_regulator_decision_breach_idx ON breach_regulator_decision (breach_id, decided_at);
CREATE TRIGGER breach_regulator_decision_immutable BEFORE UPDATE OR DELETE ON breach_regulator_decision
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The patients a breach affected: found in the audit trail (AUDIT) or added by hand (MANUAL).
CREATE TABLE breach_affected_patient (
    breach_id   UUID          NOT NULL REFERENCES breach (id),
    nhs_number  CHAR(10)      NOT NULL,
    source      VARCHAR(10)   NOT NULL CHECK (source IN ('AUDIT', 'MANUAL')),
    added_at    TIMESTAMPTZ   NOT NULL,
    added_by    VARCHAR(100)  NOT NULL,
    PRIMARY KEY (breach_id, nhs_number)
);

-- Which breaches affected a patient, e.g. to answer their access request.
CREATE INDEX breach_affected_patient_nhs_idx ON breach_affected_patient (nhs_number);

-- The records affected: the audit events (accesses) a search of the audit trail attached, each once. No foreign
-- key to audit_event, so that attaching takes no lock on the trail's rows; audit events are never deleted.
CREATE TABLE breach_affected_record (
    breach_id   UUID      NOT NULL REFERENCES breach (id),
    audit_seq   BIGINT    NOT NULL,
    nhs_number  CHAR(10)  NOT NULL,
    PRIMARY KEY (breach_id, audit_seq)
);

-- Each search of the audit trail that attached patients: the evidence of how they were found.
CREATE TABLE breach_audit_search (
    id               UUID          PRIMARY KEY,
    breach_id        UUID          NOT NULL REFERENCES breach (id),
    run_at           TIMESTAMPTZ   NOT NULL,
    run_by           VARCHAR(100)  NOT NULL,
    user_id          VARCHAR(100),
    organisation     VARCHAR(10),
    from_time        TIMESTAMPTZ   NOT NULL,
    to_time          TIMESTAMPTZ   NOT NULL,
    action           VARCHAR(50),
    patients_found   INTEGER       NOT NULL,
    records_found    INTEGER       NOT NULL
);

CREATE INDEX breach_audit_search_breach_idx ON breach_audit_search (breach_id, run_at);

-- The care providers the operator liaised with (before notifying, as the seeds promise): which, when, with whom.
CREATE TABLE breach_liaison (
    id            UUID          PRIMARY KEY,
    breach_id     UUID          NOT NULL REFERENCES breach (id),
    organisation  VARCHAR(10)   NOT NULL,
    liaised_at    TIMESTAMPTZ   NOT NULL,
    contact       VARCHAR(200)  NOT NULL,
    notes         TEXT,
    recorded_at   TIMESTAMPTZ   NOT NULL,
    recorded_by   VARCHAR(100)  NOT NULL
);

CREATE INDEX breach_liaison_breach_idx ON breach_liaison (breach_id, liaised_at);
