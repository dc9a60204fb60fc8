-- A relative expression may be anchored on an earlier expression rather than a calendar day
-- ("the following quarter" after "the third quarter of 2026" → anchor 2026-Q3), so the
-- anchor is kept as the TIMEX3 value it was resolved against.
ALTER TABLE timexes ALTER COLUMN anchor TYPE VARCHAR;
