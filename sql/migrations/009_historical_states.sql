-- Historical states and the names a country code had over time, as a seed table: one row per
-- (state, successor), refreshed at every publish from data/gazetteer/historical_states.csv
-- (warehouse/migrate.py). The reports name a code by the date of its events with it (SUN is the
-- Soviet Union, DEU before 1990-10-03 West Germany); `successor` maps a historical code to the
-- present-day country (or countries) that took its place (docs/warehouse.md, "Country names").
CREATE TABLE IF NOT EXISTS historical_states (
    code        VARCHAR NOT NULL,  -- ISO 3166-3 code of the state, or a current code (same_code)
    name        VARCHAR NOT NULL,  -- the state's name, or the code's name during the period
    valid_from  DATE,
    valid_until DATE,              -- last day (inclusive)
    capital     VARCHAR,
    successor   VARCHAR,           -- present-day ISO 3166-1 code
    relation    VARCHAR            -- continuator, absorbed, dissolved, merged, same_code
);
