-- Analyst query speed (issue 7): the rows of the `event_dyads` view, stored. Recomputed over
-- the whole warehouse at every publish from sql/derived/event_dyads.sql, right after the
-- clusters; every dyad view reads this table instead of pairing the participants again.
CREATE TABLE IF NOT EXISTS event_dyad_rows (
    event_id        VARCHAR,
    cluster_id      VARCHAR,
    article_id      VARCHAR,
    source          VARCHAR,
    event_date      DATE,
    event_type      VARCHAR,
    context         VARCHAR,
    quad_class      INTEGER,
    is_cooperation  BOOLEAN,
    is_material     BOOLEAN,
    intensity       DOUBLE,
    country_a       VARCHAR,
    country_b       VARCHAR
);
