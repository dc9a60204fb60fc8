-- The PLOVER event categories as a seed table: name, quad class, default CAMEO code,
-- intensity and a short description. Its rows come from data/event_categories.csv (the file
-- the event coder reads too) and are refreshed at every publish (warehouse/migrate.py), so the
-- coder, the audit and the views share one definition.
CREATE TABLE IF NOT EXISTS event_categories (
    category    VARCHAR PRIMARY KEY,
    quad_class  INTEGER NOT NULL,   -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    cameo       VARCHAR,            -- the category's default CAMEO code
    intensity   DOUBLE,             -- Goldstein-like score, -10 (war) .. +10
    description VARCHAR
);
