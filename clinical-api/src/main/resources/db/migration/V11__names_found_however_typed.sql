-- Family names are found however a call handler types them: case, spaces, hyphens, apostrophes and diacritics do
-- not matter (Nguyễn = nguyen, Łucja = lucja), and a German umlaut may be typed either way (Müller = muller =
-- mueller). One SQL function makes the key, for the stored names and for the typed one alike; the keys are
-- generated columns, indexed. unaccent ships with PostgreSQL (contrib) and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE FUNCTION openucp_name_key(name TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, name)), '[^[:alpha:]]', '', 'g');

-- The same key after spelling out German umlauts and sharp s, so that "mueller" finds Müller.
CREATE FUNCTION openucp_name_spelt_key(name TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN openucp_name_key(replace(replace(replace(replace(lower(name), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß',
        'ss'));

DROP INDEX published_plan_demographics_idx;
ALTER TABLE published_plan DROP COLUMN family_name_key;
ALTER TABLE published_plan ADD COLUMN family_name_key VARCHAR(100)
    GENERATED ALWAYS AS (openucp_name_key(family_name)) STORED;
ALTER TABLE published_plan ADD COLUMN family_name_spelt_key VARCHAR(100)
    GENERATED ALWAYS AS (openucp_name_spelt_key(family_name)) STORED;
CREATE INDEX published_plan_demographics_idx ON published_plan (family_name_key, date_of_birth);
CREATE INDEX published_plan_spelt_demographics_idx ON published_plan (family_name_spelt_key, date_of_birth);
