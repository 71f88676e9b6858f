-- Audit appends no longer wait for the chain: an event is inserted on its own (one statement, no lock), and a
-- sealer links settled events into the hash chain in sequence order shortly afterwards.
ALTER TABLE audit_event ALTER COLUMN seq SET DEFAULT nextval('audit_event_seq');
ALTER TABLE audit_event ALTER COLUMN previous_hash DROP NOT NULL;
ALTER TABLE audit_event ALTER COLUMN hash DROP NOT NULL;

CREATE INDEX audit_event_unsealed_idx ON audit_event (seq) WHERE hash IS NULL;

-- The one change ever allowed: sealing an unsealed event, touching nothing but its two hash columns.
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.previous_hash IS NOT NULL
        AND (NEW.seq, NEW.occurred_at, NEW.actor_id, NEW.actor_name, NEW.role_code, NEW.organisation,
             NEW.nhs_number, NEW.plan_id, NEW.plan_version, NEW.action, NEW.outcome, NEW.http_status, NEW.reason)
        IS NOT DISTINCT FROM
            (OLD.seq, OLD.occurred_at, OLD.actor_id, OLD.actor_name, OLD.role_code, OLD.organisation,
             OLD.nhs_number, OLD.plan_id, OLD.plan_version, OLD.action, OLD.outcome, OLD.http_status, OLD.reason)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event rows are immutable: % refused', TG_OP;
END;
$$;

DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
