-- Patients' rights requests (UK GDPR Arts 15-21) as cases on two clocks: the service's own promise, counted from
-- receipt, and the statutory month, counted from when the requester's identity was verified.
CREATE TABLE rights_request (
    id                     UUID PRIMARY KEY,
    nhs_number             CHAR(10)      NOT NULL,
    kind                   VARCHAR(20)   NOT NULL
        CHECK (kind IN ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY')),
    received_via           VARCHAR(20)   NOT NULL
        CHECK (received_via IN ('PORTAL', 'TELEPHONE', 'LETTER', 'EMAIL', 'IN_PERSON')),
    received_at            TIMESTAMPTZ   NOT NULL,
    requester              VARCHAR(200)  NOT NULL,
    details                VARCHAR(4000),
    recorded_by            VARCHAR(100)  NOT NULL,
    service_due_at         TIMESTAMPTZ   NOT NULL,
    id_verified_at         TIMESTAMPTZ,
    id_verified_by         VARCHAR(100),
    id_verification        VARCHAR(500),
    statutory_due_on       DATE,
    extended_due_on        DATE,
    extension_reason       VARCHAR(2000),
    extension_notified_at  TIMESTAMPTZ,
    status                 VARCHAR(20)   NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'REFUSED')),
    handler                VARCHAR(200),
    outcome                VARCHAR(4000),
    reply                  VARCHAR(8000),
    replied_at             TIMESTAMPTZ,
    closed_by              VARCHAR(100),
    revision               BIGINT        NOT NULL,
    CHECK (status = 'OPEN' OR (reply IS NOT NULL AND replied_at IS NOT NULL))
);
CREATE INDEX rights_request_open_idx ON rights_request (service_due_at) WHERE status = 'OPEN';
CREATE INDEX rights_request_patient_idx ON rights_request (nhs_number);

-- A patient's data restricted from use (Art 18), or held back while an objection (Art 21) is decided: stored, but
-- out of the urgent care index, the flag feed and NRL, and refused to every reader but information governance.
-- Lifting needs a notice to the patient first (Art 18(3)), recorded here.
CREATE TABLE restriction (
    nhs_number          CHAR(10)      PRIMARY KEY,
    reason              VARCHAR(2000) NOT NULL,
    rights_request_id   UUID REFERENCES rights_request (id),
    restricted_at       TIMESTAMPTZ   NOT NULL,
    restricted_by       VARCHAR(100)  NOT NULL,
    lift_notice         VARCHAR(4000),
    lift_notice_sent_at TIMESTAMPTZ,
    lift_notice_by      VARCHAR(100)
);
