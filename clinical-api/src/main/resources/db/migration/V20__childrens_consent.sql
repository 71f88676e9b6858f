-- A child's plan rests on the consent of, or consultation with, whoever holds parental responsibility: the consent
-- record names them, and for a best-interests decision who was consulted.
ALTER TABLE consent ADD COLUMN parental_responsibility VARCHAR(300);
ALTER TABLE consent ADD COLUMN consulted VARCHAR(1000);
