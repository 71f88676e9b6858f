-- Patients' own drafts, delivered by the portal. One row per source draft, whatever the number of deliveries.
CREATE TABLE submitted_draft (
    id                         UUID PRIMARY KEY,
    source_draft_id            UUID         NOT NULL,
    nhs_number                 CHAR(10)     NOT NULL,
    postcode                   VARCHAR(8)   NOT NULL,
    email                      VARCHAR(254),
    preferred_place_of_care    VARCHAR(30),
    functional_level           VARCHAR(40),
    thoughts_about_future_care TEXT,
    key_supporter_name         VARCHAR(200),
    key_supporter_relationship VARCHAR(100),
    key_supporter_phone        VARCHAR(20),
    submitted_at               TIMESTAMPTZ  NOT NULL,
    received_at                TIMESTAMPTZ  NOT NULL,
    CONSTRAINT submitted_draft_source_unique UNIQUE (source_draft_id)
);

CREATE INDEX submitted_draft_received_idx ON submitted_draft (received_at, id);
CREATE INDEX submitted_draft_nhs_number_idx ON submitted_draft (nhs_number);
