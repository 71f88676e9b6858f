-- A patient's own draft. At most one per patient; deleted once it has moved to the clinical store.
CREATE TABLE draft (
    id                         UUID PRIMARY KEY,
    nhs_number                 CHAR(10)     NOT NULL,
    status                     VARCHAR(20)  NOT NULL CHECK (status IN ('EDITING', 'SUBMITTED')),
    postcode                   VARCHAR(8)   NOT NULL,
    email                      VARCHAR(254),
    preferred_place_of_care    VARCHAR(30),
    functional_level           VARCHAR(40),
    thoughts_about_future_care TEXT,
    key_supporter_name         VARCHAR(200),
    key_supporter_relationship VARCHAR(100),
    key_supporter_phone        VARCHAR(20),
    version                    BIGINT       NOT NULL,
    created_at                 TIMESTAMPTZ  NOT NULL,
    updated_at                 TIMESTAMPTZ  NOT NULL,
    submitted_at               TIMESTAMPTZ,
    CONSTRAINT draft_one_per_patient UNIQUE (nhs_number)
);

-- Submitted drafts waiting to be delivered to the clinical intake. Written in the submitting transaction.
CREATE TABLE draft_outbox (
    draft_id        UUID PRIMARY KEY REFERENCES draft (id) ON DELETE CASCADE,
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_until   TIMESTAMPTZ,
    last_error      VARCHAR(500)
);

CREATE INDEX draft_outbox_due_idx ON draft_outbox (next_attempt_at);
