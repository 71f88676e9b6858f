-- A withdrawal, wherever it starts, must also erase what the portal holds for the patient. Each withdrawal leaves a
-- notice in the same transaction; the portal erases its records, then acknowledges it. The notice stays as the
-- record that consent was withdrawn (NHS number and time, as in the audit trail), so that a draft the patient had
-- submitted before withdrawing and that arrives afterwards is refused, not stored.
CREATE TABLE withdrawal_notice (
    id              UUID         PRIMARY KEY,
    nhs_number      CHAR(10)     NOT NULL,
    withdrawn_at    TIMESTAMPTZ  NOT NULL,
    acknowledged_at TIMESTAMPTZ
);

CREATE INDEX withdrawal_notice_pending_idx ON withdrawal_notice (withdrawn_at) WHERE acknowledged_at IS NULL;
CREATE INDEX withdrawal_notice_patient_idx ON withdrawal_notice (nhs_number, withdrawn_at);

-- When a patient withdraws through the portal, each organisation of their care team gets a task to talk it
-- through with them. No clinical content: who, which organisation, why, when.
CREATE TABLE follow_up_task (
    id           UUID         PRIMARY KEY,
    organisation VARCHAR(10)  NOT NULL,
    nhs_number   CHAR(10)     NOT NULL,
    reason       VARCHAR(40)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    completed_at TIMESTAMPTZ,
    completed_by VARCHAR(100)
);

CREATE INDEX follow_up_task_open_idx ON follow_up_task (organisation, created_at) WHERE completed_at IS NULL;
