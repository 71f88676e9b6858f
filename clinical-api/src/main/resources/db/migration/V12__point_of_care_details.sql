-- A published version names its organisation as well as its ODS code: the crisis view, the printed plan and the FHIR
-- Bundle show the name a crew or a family recognises. Recorded at publication, as the organisation was called then.
ALTER TABLE plan_version ADD COLUMN organisation_name VARCHAR(200);
UPDATE plan_version v SET organisation_name = o.name FROM organisation o WHERE o.ods_code = v.organisation;

-- The CPR decision's review date, beside the plan's: a crisis view served after it shows the decision as expired.
-- Filled in at publication, and for versions published before this by the crisis view rendering (format 2).
ALTER TABLE published_plan ADD COLUMN cpr_review_date DATE;
