-- What urgent care can find: one row per published plan, keyed for lookup by number or by demographics.
CREATE TABLE published_plan (
    plan_id             UUID         PRIMARY KEY REFERENCES care_plan (id) ON DELETE CASCADE,
    nhs_number          CHAR(10)     NOT NULL UNIQUE,
    version             INTEGER      NOT NULL,
    family_name_key     VARCHAR(100),
    date_of_birth       DATE,
    postcode_key        VARCHAR(8),
    given_name          VARCHAR(100),
    family_name         VARCHAR(100),
    address             VARCHAR(300),
    postcode            VARCHAR(8),
    planned_review_date DATE,
    owning_organisation VARCHAR(10)  NOT NULL,
    published_at        TIMESTAMPTZ  NOT NULL
);

CREATE INDEX published_plan_demographics_idx ON published_plan (family_name_key, date_of_birth);
CREATE INDEX published_plan_review_idx ON published_plan (planned_review_date);

-- The identifier feed for urgent-care systems. Sequence numbers are taken under the head row's lock inside the
-- publishing transaction, so they commit in order and a reader after a cursor never misses one.
CREATE TABLE flag_event (
    seq           BIGINT       PRIMARY KEY,
    nhs_number    CHAR(10)     NOT NULL,
    change        VARCHAR(10)  NOT NULL CHECK (change IN ('ADDED', 'CHANGED', 'REMOVED')),
    given_name    VARCHAR(100),
    family_name   VARCHAR(100),
    date_of_birth DATE,
    address       VARCHAR(300),
    postcode      VARCHAR(8),
    occurred_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX flag_event_patient_idx ON flag_event (nhs_number);

CREATE TABLE flag_feed_head (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT  NOT NULL
);

INSERT INTO flag_feed_head (id, last_seq) VALUES (1, 0);

-- NRL-shaped pointers: one current pointer per published plan; a new version supersedes the previous one.
CREATE TABLE nrl_pointer (
    id          UUID         PRIMARY KEY,
    plan_id     UUID         NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    nhs_number  CHAR(10)     NOT NULL,
    version     INTEGER      NOT NULL,
    status      VARCHAR(12)  NOT NULL CHECK (status IN ('current', 'superseded')),
    replaces    UUID,
    custodian   VARCHAR(10)  NOT NULL,
    author      VARCHAR(10)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX nrl_pointer_patient_idx ON nrl_pointer (nhs_number, status);

-- Review reminders for the owning organisation; one per plan and review date, whichever replica finds it first.
CREATE TABLE review_task (
    id           UUID         PRIMARY KEY,
    plan_id      UUID         NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    nhs_number   CHAR(10)     NOT NULL,
    organisation VARCHAR(10)  NOT NULL,
    review_date  DATE         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT review_task_once UNIQUE (plan_id, review_date)
);

CREATE INDEX review_task_organisation_idx ON review_task (organisation, review_date);
