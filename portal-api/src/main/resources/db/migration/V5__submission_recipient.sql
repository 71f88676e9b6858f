-- The GP practice or care team the patient sends their draft to (chosen from the clinical API's recipients).
ALTER TABLE draft ADD COLUMN organisation VARCHAR(10);
