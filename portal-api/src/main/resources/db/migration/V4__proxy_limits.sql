-- A person's acceptance attempts in the last 24 hours are counted before each new one.
CREATE INDEX proxy_attempt_subject_time_idx ON proxy_attempt (proxy_subject, attempted_at);

-- A patient's invitations in the last 24 hours are counted before each new one.
CREATE INDEX proxy_invitation_patient_created_idx ON proxy_invitation (patient_nhs_number, created_at);
DROP INDEX proxy_invitation_patient_idx;
