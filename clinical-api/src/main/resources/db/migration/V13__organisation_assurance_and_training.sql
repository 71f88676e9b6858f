-- Issue 15, organisations and staff: the organisation's Data Security and Protection Toolkit (DSPT) status, whom to
-- contact about a data security incident, and what each member of staff's training was.

-- The DSPT status as the toolkit published it, and the day it did: staff get in only with "Standards Met" or
-- "Standards Exceeded" published within clinical.onboarding.dspt-validity + dspt-grace (12 + 3 months).
-- Backfill: none. An existing organisation has no status recorded (NULL) until an administrator records one, and
-- its staff are refused until then ("has no Data Security and Protection Toolkit status recorded") unless the
-- operator sets clinical.onboarding.dspt-unrecorded-allowed-until to give organisations time. A status cannot be
-- invented here: only the toolkit says what it is.
ALTER TABLE organisation ADD COLUMN dspt_status VARCHAR(30)
    CONSTRAINT organisation_dspt_status_known CHECK (dspt_status IN ('STANDARDS_EXCEEDED', 'STANDARDS_MET',
        'APPROACHING_STANDARDS', 'STANDARDS_NOT_MET', 'NOT_PUBLISHED'));
ALTER TABLE organisation ADD COLUMN dspt_published_on DATE;

-- Whom a breach register liaises with about an incident: all three, or none (existing organisations: none).
ALTER TABLE organisation ADD COLUMN incident_contact_name VARCHAR(200);
ALTER TABLE organisation ADD COLUMN incident_contact_email VARCHAR(254);
ALTER TABLE organisation ADD COLUMN incident_contact_telephone VARCHAR(30);
ALTER TABLE organisation ADD CONSTRAINT organisation_incident_contact_whole CHECK (
    (incident_contact_name IS NULL) = (incident_contact_email IS NULL)
    AND (incident_contact_name IS NULL) = (incident_contact_telephone IS NULL));

-- Each member of staff's work email, job title and the training course completed (existing entries: unknown, NULL).
-- Training completed longer ago than clinical.onboarding.training-validity (1 year) has lapsed: existing entries
-- keep their completion date, so staff trained over a year ago are refused at once; the organisation's next roster
-- upload records their refresher training.
ALTER TABLE roster_entry ADD COLUMN email VARCHAR(254);
ALTER TABLE roster_entry ADD COLUMN job_title VARCHAR(200);
ALTER TABLE roster_entry ADD COLUMN course VARCHAR(200);
