-- One reminder email at most per unsubmitted draft.
ALTER TABLE draft ADD COLUMN reminder_sent_at TIMESTAMPTZ;
CREATE INDEX draft_housekeeping_idx ON draft (status, updated_at);

-- What the patient sees after their draft has moved to the clinical store: that they submitted it, and when it
-- arrived. No clinical content.
CREATE TABLE submission_receipt (
    draft_id               UUID        PRIMARY KEY,
    nhs_number             CHAR(10)    NOT NULL,
    submitted_at           TIMESTAMPTZ NOT NULL,
    delivered_at           TIMESTAMPTZ,
    clinical_submission_id UUID
);

CREATE INDEX submission_receipt_patient_idx ON submission_receipt (nhs_number, submitted_at);
