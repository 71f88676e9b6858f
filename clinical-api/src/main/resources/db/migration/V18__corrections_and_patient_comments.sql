-- Rectification (UK GDPR Art 16) of a clinical record: a factual correction is a new version published by a
-- clinician, with its reason, and the version it corrects kept; a disputed clinical opinion is not overwritten but
-- answered by the patient's own comment, shown with the plan.
ALTER TABLE plan_version ADD COLUMN correction_reason VARCHAR(1000);

CREATE TABLE patient_comment (
    id                UUID PRIMARY KEY,
    plan_id           UUID          NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    text              VARCHAR(4000) NOT NULL,
    rights_request_id UUID REFERENCES rights_request (id),
    recorded_at       TIMESTAMPTZ   NOT NULL,
    recorded_by       VARCHAR(100)  NOT NULL
);
CREATE INDEX patient_comment_plan_idx ON patient_comment (plan_id, recorded_at);
