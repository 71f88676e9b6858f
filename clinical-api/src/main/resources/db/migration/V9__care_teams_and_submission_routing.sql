-- The organisations whose staff work on a plan: its owner and those the owner's team adds. Drafts, edits,
-- publication, consent, withdrawal and review tasks are for them only; the published plan stays open to urgent care.
CREATE TABLE care_team_member (
    plan_id   UUID         NOT NULL REFERENCES care_plan (id) ON DELETE CASCADE,
    ods_code  VARCHAR(10)  NOT NULL,
    added_at  TIMESTAMPTZ  NOT NULL,
    added_by  VARCHAR(100) NOT NULL,
    PRIMARY KEY (plan_id, ods_code)
);

INSERT INTO care_team_member (plan_id, ods_code, added_at, added_by)
SELECT id, owning_organisation, created_at, created_by FROM care_plan;

-- A patient's submission goes to the one organisation they chose, and can be forwarded to another. A submission
-- delivered before this migration goes to the owner of the patient's plan where there is one; any other names no
-- organisation and is listed to nobody until routed with an UPDATE.
ALTER TABLE submitted_draft ADD COLUMN organisation VARCHAR(10);
UPDATE submitted_draft s SET organisation = p.owning_organisation FROM care_plan p WHERE p.nhs_number = s.nhs_number;
ALTER TABLE submitted_draft ADD COLUMN forwarded_at TIMESTAMPTZ;
ALTER TABLE submitted_draft ADD COLUMN forwarded_by VARCHAR(100);
CREATE INDEX submitted_draft_organisation_idx ON submitted_draft (organisation, received_at, id);
