-- Where an event happened, and whether one side holds three or more countries.
-- A wire dateline (`MOSCOW, July 15 (Reuters) -`) or a venue (`met in Tokyo`) is the event's
-- location, never a participant (nlp/events/location.py). Events with three or more countries
-- on one side are multilateral: the dyad views count them apart from bilateral events
-- (docs/warehouse.md, "Bilateral and multilateral events").
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS location_country VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS latitude DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS longitude DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS is_multilateral BOOLEAN DEFAULT false;
ALTER TABLE event_dyad_rows ADD COLUMN IF NOT EXISTS is_multilateral BOOLEAN DEFAULT false;
