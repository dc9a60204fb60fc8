-- Analyst query speed (issue 14): the rows of the `counted_events` view, stored. Grouping the
-- reports of 1 M events into clusters took about 2 s on each query (docs/scaling.md), and the
-- headline figures (`event_counts`) read them on every page and `entente status`. Computed at
-- each publish from sql/derived/counted_events.sql for the clusters the publish touched
-- (entente.warehouse.clusters), everything when that file changes.
CREATE TABLE IF NOT EXISTS counted_event_rows (
    cluster_id      VARCHAR,
    kind            VARCHAR,
    quad_class      INTEGER,
    event_type      VARCHAR,
    event_date      DATE,
    year            BIGINT,
    last_date       DATE,
    date_precision  VARCHAR,
    scope           VARCHAR,
    countries       VARCHAR[],
    reports         BIGINT,
    articles        BIGINT,
    sources         BIGINT
);

-- Each event's participant countries and actor codes as sorted lists (sql/derived/
-- event_countries.sql), read by `cooperation_events`; kept for the events each publish loads.
CREATE TABLE IF NOT EXISTS event_country_lists (
    event_id     VARCHAR,
    countries    VARCHAR[],
    actor_codes  VARCHAR[]
);

-- Each event's cluster key (sql/derived/event_cluster_keys.sql): participants, quad class and
-- date precision. A publish looks up the clusters a new event can join by key and date.
ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_key VARCHAR;
