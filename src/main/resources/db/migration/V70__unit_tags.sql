-- Issue 17: unit tags, free lower-case tokens a bureau sets on units (designated model units `model-candidate`, agency
-- outlets `agency-outlet`, an outlet's category `category-2`…) and a scheme's targets and the boards' filters select by.
-- Sorted and without repeats; not inherited (a tag says something of the unit it is set on).
ALTER TABLE unit ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
CREATE INDEX unit_tags_idx ON unit USING gin (tags);
