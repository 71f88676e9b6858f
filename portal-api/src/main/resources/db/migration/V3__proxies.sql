-- People a patient trusts to read their published plan. The invitation link's token is stored only as a hash.
CREATE TABLE proxy_invitation (
    id                 UUID         PRIMARY KEY,
    patient_nhs_number CHAR(10)     NOT NULL,
    patient_email      VARCHAR(254),
    proxy_email        VARCHAR(254) NOT NULL,
    proxy_birthdate    DATE         NOT NULL,
    token_hash         CHAR(64)     NOT NULL UNIQUE,
    status             VARCHAR(12)  NOT NULL CHECK (status IN ('INVITED', 'ACTIVE', 'LOCKED', 'REVOKED')),
    failed_attempts    INTEGER      NOT NULL DEFAULT 0,
    expires_at         TIMESTAMPTZ  NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    accepted_at        TIMESTAMPTZ,
    proxy_subject      VARCHAR(200),
    last_viewed_at     TIMESTAMPTZ,
    revoked_at         TIMESTAMPTZ
);

CREATE INDEX proxy_invitation_patient_idx ON proxy_invitation (patient_nhs_number);
CREATE INDEX proxy_invitation_proxy_idx ON proxy_invitation (proxy_subject);

-- Every attempt to prove an invitation, right or wrong, without what was typed.
CREATE TABLE proxy_attempt (
    id            BIGSERIAL    PRIMARY KEY,
    invitation_id UUID,
    proxy_subject VARCHAR(200) NOT NULL,
    outcome       VARCHAR(20)  NOT NULL,
    attempted_at  TIMESTAMPTZ  NOT NULL
);
