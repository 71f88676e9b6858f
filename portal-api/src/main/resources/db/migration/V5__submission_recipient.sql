-- The GP practice or care team the patient sends their draft to (chosen from the clinical API's recipients).
ALTER TABLE draft ADD COLUMN organisation VARCHAR(10);

-- Drafts submitted before this version name no organisation, and the clinical intake now refuses such a delivery:
-- they go back to the patient to choose the practice or care team and submit again. Nothing is lost.
DELETE FROM draft_outbox WHERE draft_id IN (SELECT id FROM draft WHERE organisation IS NULL AND status = 'SUBMITTED');
DELETE FROM submission_receipt WHERE draft_id IN (SELECT id FROM draft WHERE organisation IS NULL AND status = 'SUBMITTED');
UPDATE draft SET status = 'EDITING', submitted_at = NULL WHERE organisation IS NULL AND status = 'SUBMITTED';
