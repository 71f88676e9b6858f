-- A published version names its organisation as well as its ODS code: the crisis view, the printed plan and the FHIR
-- Bundle show the name a crew or a family recognises. Recorded at publication, as the organisation was called then.
-- Versions are immutable (plan_version_immutable): this one backfill sets aside the trigger inside the migration's
-- own transaction, and changes nothing but the new column.
ALTER TABLE plan_version ADD COLUMN organisation_name VARCHAR(200);
ALTER TABLE plan_version DISABLE TRIGGER plan_version_immutable;
UPDATE plan_version v SET organisation_name = o.name FROM organisation o WHERE o.ods_code = v.organisation;
ALTER TABLE plan_version ENABLE TRIGGER plan_version_immutable;

-- The CPR decision's review date, beside the plan's: a crisis view served after it shows the decision as expired.
-- Filled in at publication, and for versions published before this by the crisis view rendering (format 2).
ALTER TABLE published_plan ADD COLUMN cpr_review_date DATE;
