-- Issue 15, privacy notice versions and re-consent: "if the privacy policy is updated and the purpose of data
-- collection changes then the users will be notified and consent will be re-obtained".

-- Each published privacy notice, in publication order (seq): the newest is the one consent is given under now.
-- Published notices never change: a correction is a new version.
CREATE TABLE privacy_notice (
    id                 UUID          PRIMARY KEY,
    seq                INTEGER       NOT NULL CONSTRAINT privacy_notice_seq_unique UNIQUE,
    version            VARCHAR(50)   NOT NULL CONSTRAINT privacy_notice_version_unique UNIQUE,
    text               TEXT,
    url                VARCHAR(2000),
    effective_from     TIMESTAMPTZ   NOT NULL,
    published_at       TIMESTAMPTZ   NOT NULL,
    published_by       VARCHAR(100)  NOT NULL,
    published_by_name  VARCHAR(200),
    -- Whether its purposes added to or changed those of the notice before it, and by when consent given under an
    -- earlier notice must be given again.
    reconsent_required BOOLEAN       NOT NULL,
    reconsent_due_at   TIMESTAMPTZ,
    CONSTRAINT privacy_notice_says_something CHECK (text IS NOT NULL OR url IS NOT NULL),
    CONSTRAINT privacy_notice_due_when_required CHECK (reconsent_required = (reconsent_due_at IS NOT NULL))
);

-- What a notice says the data is used for, in the order it lists them.
CREATE TABLE privacy_notice_purpose (
    notice_id   UUID          NOT NULL REFERENCES privacy_notice (id),
    position    INTEGER       NOT NULL,
    code        VARCHAR(50)   NOT NULL,
    description VARCHAR(2000) NOT NULL,
    PRIMARY KEY (notice_id, position),
    CONSTRAINT privacy_notice_purpose_code_once UNIQUE (notice_id, code)
);

CREATE TRIGGER privacy_notice_immutable BEFORE UPDATE OR DELETE ON privacy_notice
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER privacy_notice_purpose_immutable BEFORE UPDATE OR DELETE ON privacy_notice_purpose
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Version 1: the purposes the service has held plans for until now (README, and the seed privacy policy).
INSERT INTO privacy_notice (id, seq, version, text, url, effective_from, published_at, published_by,
                            published_by_name, reconsent_required, reconsent_due_at)
VALUES ('00000000-0000-4000-8000-000000000001', 1, '1',
        'Your urgent care plan is recorded, with your explicit agreement, by the health and care professionals who '
        || 'care for you, and shared with the urgent care services that may care for you in a crisis. You can '
        || 'withdraw your consent at any time: your plan is then deleted. If this notice is updated and the purpose '
        || 'of data collection changes, you will be told and your consent asked for again.',
        NULL, COALESCE((SELECT min(recorded_at) FROM consent), now()), now(), 'migration V17', NULL, FALSE, NULL);

INSERT INTO privacy_notice_purpose (notice_id, position, code, description) VALUES
    ('00000000-0000-4000-8000-000000000001', 1, 'care-plan',
     'Recording and updating your urgent care plan (your health, care and treatment, and your and your clinical '
     || 'team''s wishes for future care) by the professionals who care for you directly.'),
    ('00000000-0000-4000-8000-000000000001', 2, 'urgent-care-sharing',
     'Sharing your published plan with the urgent care services that may care for you (out-of-hours GPs, NHS 111, '
     || 'ambulance services, emergency departments and urgent treatment centres), so that they can give you the '
     || 'right care.'),
    ('00000000-0000-4000-8000-000000000001', 3, 'identifier-sharing',
     'Telling urgent care systems that you have a plan, with your name, date of birth, address and NHS number, so '
     || 'that they can find it.'),
    ('00000000-0000-4000-8000-000000000001', 4, 'patient-drafts',
     'Holding a draft you start in the patient portal for a limited time, and sending it to the care team you '
     || 'choose; the portal copy is deleted once it has moved.'),
    ('00000000-0000-4000-8000-000000000001', 5, 'draft-help',
     'Using the email address you give with a draft to offer help if you start it but do not send it.'),
    ('00000000-0000-4000-8000-000000000001', 6, 'proxy-viewing',
     'Showing your published plan to the people you invite to see it for you.');

-- Each consent names the notice it was given under; consent given before notices were versioned was given under
-- version 1. A later notice whose purposes changed asks for it again (reconsent_notice_id), by a date
-- (reconsent_due_at); when that passes without it, the plan is restricted once (reconsent_restricted_at).
ALTER TABLE consent ADD COLUMN privacy_notice_id UUID REFERENCES privacy_notice (id);
ALTER TABLE consent ADD COLUMN reconsent_notice_id UUID REFERENCES privacy_notice (id);
ALTER TABLE consent ADD COLUMN reconsent_due_at TIMESTAMPTZ;
ALTER TABLE consent ADD COLUMN reconsent_restricted_at TIMESTAMPTZ;
UPDATE consent SET privacy_notice_id = '00000000-0000-4000-8000-000000000001';
ALTER TABLE consent ALTER COLUMN privacy_notice_id SET NOT NULL;
ALTER TABLE consent ADD CONSTRAINT consent_reconsent_due_when_required
    CHECK ((reconsent_notice_id IS NULL) = (reconsent_due_at IS NULL));
CREATE INDEX consent_reconsent_due_idx ON consent (reconsent_due_at)
    WHERE reconsent_notice_id IS NOT NULL AND reconsent_restricted_at IS NULL;

-- Consent recorded by any path (initiation, a claim that starts a plan, re-recording) names the notice current when
-- it is written, unless the application named one. Publishing a notice holds the exclusive form of this lock while
-- it flags earlier consents, and writing a consent the shared form: a consent is either written before the flagging
-- (and flagged) or after it (and names the new notice), never missed in between.
CREATE FUNCTION consent_names_current_notice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.privacy_notice_id IS NULL THEN
        PERFORM pg_advisory_xact_lock_shared(hashtext('openucp.privacy-notice'));
        SELECT id INTO NEW.privacy_notice_id FROM privacy_notice ORDER BY seq DESC LIMIT 1;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER consent_names_current_notice BEFORE INSERT OR UPDATE ON consent
    FOR EACH ROW EXECUTE FUNCTION consent_names_current_notice();

-- For the portal to email a patient whose consent is needed again (NHS number, notice, due date: no clinical
-- content). Pending until the portal reports what it could do (emailed, or no address known, or sending failed), or
-- until consent is given again first (superseded). They go with the plan (withdrawal, destruction).
CREATE TABLE reconsent_notification (
    id            UUID         PRIMARY KEY,
    plan_id       UUID         NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    nhs_number    CHAR(10)     NOT NULL,
    notice_id     UUID         NOT NULL REFERENCES privacy_notice (id),
    due_at        TIMESTAMPTZ  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    outcome       VARCHAR(20)  CONSTRAINT reconsent_notification_outcome_known
        CHECK (outcome IN ('EMAILED', 'NO_EMAIL_KNOWN', 'SEND_FAILED')),
    outcome_at    TIMESTAMPTZ,
    superseded_at TIMESTAMPTZ,
    CONSTRAINT reconsent_notification_outcome_dated CHECK ((outcome IS NULL) = (outcome_at IS NULL))
);

CREATE INDEX reconsent_notification_pending_idx ON reconsent_notification (created_at, id)
    WHERE outcome IS NULL AND superseded_at IS NULL;
CREATE INDEX reconsent_notification_patient_idx ON reconsent_notification (nhs_number, created_at);
CREATE INDEX reconsent_notification_plan_idx ON reconsent_notification (plan_id);

-- A patient's open follow-up tasks (e.g. to obtain consent again) are completed when consent is given again.
CREATE INDEX follow_up_task_patient_idx ON follow_up_task (nhs_number, reason) WHERE completed_at IS NULL;
