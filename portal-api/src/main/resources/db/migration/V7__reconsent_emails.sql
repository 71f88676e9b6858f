-- Issue 15, re-consent after a privacy notice changed its purposes: what the portal did about each notification the
-- clinical API gave it (the notification's id, when a replica took it, and the outcome). No NHS number and no
-- address: on its own a row says nothing about anyone. A row taken by a replica that died is reported as not sent
-- after portal.reconsent.claim-lease, never emailed a second time.
CREATE TABLE reconsent_email (
    notification_id UUID        PRIMARY KEY,
    claimed_at      TIMESTAMPTZ NOT NULL,
    outcome         VARCHAR(20) CONSTRAINT reconsent_email_outcome_known
        CHECK (outcome IN ('EMAILED', 'NO_EMAIL_KNOWN', 'SEND_FAILED')),
    handled_at      TIMESTAMPTZ,
    CONSTRAINT reconsent_email_outcome_dated CHECK ((outcome IS NULL) = (handled_at IS NULL))
);

CREATE INDEX reconsent_email_handled_idx ON reconsent_email (handled_at);
