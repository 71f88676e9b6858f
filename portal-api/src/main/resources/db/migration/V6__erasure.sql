-- After a withdrawal a receipt keeps only that a submission existed and when it was erased, so that the patient sees
-- "erased" rather than a submission still with the clinical team. It never held clinical content.
ALTER TABLE submission_receipt ADD COLUMN erased_at TIMESTAMPTZ;
