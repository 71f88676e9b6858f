-- The crisis view of each published plan is rendered once, when the version is published, instead of on every
-- lookup: reading the stored plan and writing the view were a fifth of the service's work per lookup. The format
-- says which rendering a view has; views of an older format (and plans published before this migration, which
-- have none) are rendered again by a background job, and until then on each lookup.
ALTER TABLE published_plan
    ADD COLUMN crisis_view        TEXT,
    ADD COLUMN crisis_view_format SMALLINT;

CREATE INDEX published_plan_crisis_view_format_idx ON published_plan (crisis_view_format);
