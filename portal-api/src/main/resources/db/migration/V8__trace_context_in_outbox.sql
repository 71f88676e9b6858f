-- The W3C trace context of the submission, so that the relay's delivery continues the patient's trace across the
-- outbox. Nullable and without a default: adding it rewrites nothing and the previous release ignores it.
ALTER TABLE draft_outbox ADD COLUMN trace_parent VARCHAR(55);
