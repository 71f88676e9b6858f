-- pgbench script: one audited crisis lookup per statement (read + audit insert) for a random seeded patient, with
-- no HTTP, token or JVM in front of it: the database's ceiling for the lookup when each has its own statement. The
-- service (AuditedLookups) carries the lookups that arrive together in one statement of the same shape.
\set n random(1, :patients)
WITH found AS (
    SELECT p.nhs_number, p.plan_id, p.version, p.planned_review_date, p.crisis_view, p.crisis_view_format
    FROM published_plan p
    WHERE p.nhs_number = (SELECT nhs_number FROM bench_patient WHERE i = :n)),
recorded AS (
    INSERT INTO audit_event (occurred_at, actor_id, actor_name, role_code, organisation, nhs_number, plan_id,
        plan_version, action, outcome, http_status, reason)
    SELECT now(), '555000000004', 'Pat Medic', 'R1070', 'RRU', nhs_number, plan_id, version, 'lookup.by-number',
        'SUCCESS', 200, 'benchmark'
    FROM found)
SELECT * FROM found;
