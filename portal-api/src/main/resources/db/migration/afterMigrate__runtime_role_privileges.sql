-- What the runtime role may do, set again after every Flyway run. The runtime role is the one the service connects
-- as (quarkus.datasource.username; the Flyway placeholder runtime_role). Migrations run as the migration role, which
-- owns every table; the runtime role owns nothing, so it can never alter or drop them, and it reads and writes rows
-- only as granted here:
--   * SELECT, INSERT, UPDATE and DELETE on every table, and the sequences;
--   * no UPDATE or DELETE where a trigger refuses them (an append-only table, should the portal get one);
--   * never TRUNCATE, TRIGGER or REFERENCES.
-- A Flyway callback rather than a migration: it runs at whatever version a run ends (a new table is covered in the
-- run that creates it) and takes everything away first, so the grants are always exactly these.

-- Flyway runs this callback outside its own lock, and instances that migrate at start may run it together;
-- PostgreSQL refuses concurrent grants on one object ("tuple concurrently updated"), so one run at a time. The
-- lock is held until this script's transaction ends.
SELECT pg_advisory_xact_lock(hashtext('openucp.runtime_role_privileges'));

-- Refuse a runtime role that could undo what follows: the migration role itself, a member of it, or a role that may
-- bypass every check.
DO $$
DECLARE
    runtime pg_roles%ROWTYPE;
BEGIN
    SELECT * INTO runtime FROM pg_roles WHERE rolname = '${runtime_role}';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The runtime role "${runtime_role}" does not exist: create it (LOGIN, nothing else) before '
            'migrating, or name the role the service connects as (flyway placeholder runtime_role)';
    END IF;
    IF runtime.rolname = current_user OR pg_has_role(runtime.rolname, current_user, 'MEMBER') THEN
        RAISE EXCEPTION 'The service must not connect as the migration role "%": give it its own runtime role',
            current_user;
    END IF;
    IF runtime.rolsuper OR runtime.rolcreaterole OR runtime.rolbypassrls THEN
        RAISE EXCEPTION 'The runtime role "${runtime_role}" must not be a superuser, create roles or bypass '
            'row security';
    END IF;
END
$$;

-- Nobody but the owner creates objects in the schema (PostgreSQL 15 and later already default to this).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM "${runtime_role}";
GRANT USAGE ON SCHEMA public TO "${runtime_role}";

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "${runtime_role}";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "${runtime_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${runtime_role}";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${runtime_role}";
-- Flyway's own history is the migration role's business.
REVOKE ALL ON "${flyway:defaultSchema}"."${flyway:table}" FROM "${runtime_role}";

-- Append-only: where a trigger refuses UPDATE or DELETE, the runtime role is not granted them either, so that they are
-- refused before any trigger runs (and would be without it).
DO $$
DECLARE
    guarded RECORD;
BEGIN
    FOR guarded IN
        SELECT t.tgrelid::regclass AS relation, bool_or((t.tgtype & 16) <> 0) AS updates,
               bool_or((t.tgtype & 8) <> 0) AS deletes
        FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE NOT t.tgisinternal AND p.pronamespace = 'public'::regnamespace
          AND p.proname IN ('refuse_change')
        GROUP BY t.tgrelid
    LOOP
        IF guarded.updates THEN
            EXECUTE format('REVOKE UPDATE ON %s FROM %I', guarded.relation, '${runtime_role}');
        END IF;
        IF guarded.deletes THEN
            EXECUTE format('REVOKE DELETE ON %s FROM %I', guarded.relation, '${runtime_role}');
        END IF;
    END LOOP;
END
$$;

-- Whatever the server's defaults and history, the runtime role can create nothing, owns nothing, and may not
-- truncate a table or put a trigger on it.
DO $$
BEGIN
    IF has_schema_privilege('${runtime_role}', 'public', 'CREATE')
        OR has_database_privilege('${runtime_role}', current_database(), 'CREATE') THEN
        RAISE EXCEPTION 'The runtime role "${runtime_role}" may still create objects in this database: revoke CREATE '
            'on the database and on schema public from it and from PUBLIC (the owner of schema public must do this)';
    END IF;
    IF EXISTS (SELECT FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
               WHERE c.relnamespace = 'public'::regnamespace AND r.rolname = '${runtime_role}')
        OR EXISTS (SELECT FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
               WHERE p.pronamespace = 'public'::regnamespace AND r.rolname = '${runtime_role}') THEN
        RAISE EXCEPTION 'The runtime role "${runtime_role}" owns tables or functions in schema public: '
            'give them to "%"', current_user;
    END IF;
    IF EXISTS (SELECT FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
               AND (has_table_privilege('${runtime_role}', c.oid, 'TRUNCATE')
                    OR has_table_privilege('${runtime_role}', c.oid, 'TRIGGER')
                    OR has_table_privilege('${runtime_role}', c.oid, 'REFERENCES'))) THEN
        RAISE EXCEPTION 'The runtime role "${runtime_role}" may truncate, or add triggers to, tables in schema public '
            '(granted to PUBLIC?)';
    END IF;
END
$$;
