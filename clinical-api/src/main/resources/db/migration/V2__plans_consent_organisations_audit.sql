-- Organisations that have joined, their information sharing agreements and rosters of trained staff.
CREATE TABLE organisation (
    ods_code               VARCHAR(10)  PRIMARY KEY,
    name                   VARCHAR(200) NOT NULL,
    type                   VARCHAR(30)  NOT NULL,
    isa_signed_on          DATE,
    isa_caldicott_guardian VARCHAR(200),
    isa_expires_on         DATE,
    isa_suspended_on       DATE,
    updated_at             TIMESTAMPTZ  NOT NULL
);

CREATE TABLE roster_entry (
    ods_code              VARCHAR(10)  NOT NULL REFERENCES organisation (ods_code) ON DELETE CASCADE,
    user_id               VARCHAR(100) NOT NULL,
    name                  VARCHAR(200) NOT NULL,
    job_role              VARCHAR(10),
    training_completed_on DATE,
    PRIMARY KEY (ods_code, user_id)
);

-- One plan per person. The draft (if any) is edited in place; each publication is an immutable version.
CREATE TABLE care_plan (
    id                  UUID PRIMARY KEY,
    nhs_number          CHAR(10)     NOT NULL,
    draft_content       TEXT,
    draft_revision      BIGINT       NOT NULL,
    draft_updated_at    TIMESTAMPTZ,
    draft_updated_by    VARCHAR(100),
    latest_version      INTEGER      NOT NULL DEFAULT 0,
    owning_organisation VARCHAR(10)  NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    created_by          VARCHAR(100) NOT NULL,
    CONSTRAINT care_plan_one_per_person UNIQUE (nhs_number)
);

CREATE TABLE plan_version (
    plan_id           UUID         NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    version           INTEGER      NOT NULL,
    content           TEXT         NOT NULL,
    published_at      TIMESTAMPTZ  NOT NULL,
    published_by      VARCHAR(100) NOT NULL,
    published_by_name VARCHAR(200),
    role_code         VARCHAR(10)  NOT NULL,
    role_name         VARCHAR(200),
    organisation      VARCHAR(10)  NOT NULL,
    PRIMARY KEY (plan_id, version)
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

-- A published version never changes; withdrawal of consent may still delete it.
CREATE TRIGGER plan_version_immutable BEFORE UPDATE ON plan_version
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE consent (
    plan_id          UUID         PRIMARY KEY REFERENCES care_plan (id) ON DELETE CASCADE,
    basis            VARCHAR(30)  NOT NULL,
    recorded_by      VARCHAR(100) NOT NULL,
    recorded_by_name VARCHAR(200),
    recorded_at      TIMESTAMPTZ  NOT NULL,
    notes            VARCHAR(2000)
);

CREATE TABLE attachment (
    id          UUID         PRIMARY KEY,
    plan_id     UUID         NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    media_type  VARCHAR(100) NOT NULL,
    file_name   VARCHAR(200),
    content     BYTEA        NOT NULL,
    uploaded_at TIMESTAMPTZ  NOT NULL,
    uploaded_by VARCHAR(100) NOT NULL
);

CREATE INDEX attachment_plan_idx ON attachment (plan_id);

-- Submissions a clinician has taken into a plan.
ALTER TABLE submitted_draft ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE submitted_draft ADD COLUMN claimed_by VARCHAR(100);
ALTER TABLE submitted_draft ADD COLUMN plan_id UUID;

-- The audit trail: append-only and hash-chained. Appends serialise on the single head row.
CREATE SEQUENCE audit_event_seq;

CREATE TABLE audit_event (
    seq           BIGINT       PRIMARY KEY,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    actor_id      VARCHAR(100),
    actor_name    VARCHAR(200),
    role_code     VARCHAR(50),
    organisation  VARCHAR(10),
    nhs_number    CHAR(10),
    plan_id       UUID,
    plan_version  INTEGER,
    action        VARCHAR(50)  NOT NULL,
    outcome       VARCHAR(10)  NOT NULL,
    http_status   INTEGER      NOT NULL,
    reason        VARCHAR(500),
    previous_hash CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL
);

CREATE INDEX audit_event_patient_idx ON audit_event (nhs_number, seq);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, seq);
CREATE INDEX audit_event_organisation_idx ON audit_event (organisation, seq);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE audit_chain_head (
    id        INTEGER  PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));
