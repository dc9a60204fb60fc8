-- Core tables. Keys are checked by the Great Expectations suites before anything is
-- published (DuckDB primary keys would slow the bulk loads and block delete-then-insert).

CREATE TABLE IF NOT EXISTS articles (
    article_id    VARCHAR,      -- first 16 hex digits of content_hash
    source        VARCHAR,      -- name of the source in the sources file
    url           VARCHAR,
    title         VARCHAR,
    published_at  TIMESTAMPTZ,  -- UTC; NULL when the source gives no date
    fetched_at    TIMESTAMPTZ,
    language      VARCHAR,
    text          VARCHAR,      -- main text, boilerplate removed; offsets index this
    content_hash  VARCHAR,      -- sha256 of the case- and whitespace-folded text
    word_count    INTEGER,
    anchor_date   DATE,         -- date relative expressions were resolved against
    loaded_at     TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id      VARCHAR,      -- 'RUS', 'RUSGOV', 'org:nasa'
    name          VARCHAR,
    actor_type    VARCHAR,      -- country, government, military, igo, ...
    country_code  VARCHAR,      -- ISO 3166 alpha-3; NULL for intergovernmental bodies
    code          VARCHAR       -- CAMEO-style actor code: 'USA', 'RUSGOV', 'IGOUNO'
);

CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id     VARCHAR,
    sentence_index INTEGER,
    start_char     INTEGER,
    end_char       INTEGER,
    text           VARCHAR,
    label          VARCHAR,     -- spaCy entity label (GPE, ORG, NORP, PERSON, ...)
    actor_id       VARCHAR      -- NULL when the mention is not linked to an actor
);

CREATE TABLE IF NOT EXISTS timexes (
    article_id     VARCHAR,
    sentence_index INTEGER,
    start_char     INTEGER,
    end_char       INTEGER,
    text           VARCHAR,
    timex_type     VARCHAR,     -- DATE, TIME, DURATION, SET
    value          VARCHAR,     -- TIMEX3 value: 2022-07-15, 2022-Q3, P3Y, PAST_REF, ...
    range_start    DATE,
    range_end      DATE,
    granularity    VARCHAR,
    anchor         DATE         -- NULL for absolute expressions
);

CREATE TABLE IF NOT EXISTS events (
    event_id          VARCHAR,
    article_id        VARCHAR,
    sentence_index    INTEGER,
    start_char        INTEGER,  -- offsets of the evidence sentence in articles.text
    end_char          INTEGER,
    sentence          VARCHAR,
    trigger           VARCHAR,
    event_type        VARCHAR,  -- PLOVER category
    cameo_code        VARCHAR,
    quad_class        INTEGER,  -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity         DOUBLE,   -- -10 .. +10
    context           VARCHAR,  -- what it is about: space, economic, military, health, ...
    modality          VARCHAR,  -- asserted, planned, negated, hypothetical
    event_date        DATE,
    date_precision    VARCHAR,  -- day, month, year, ...
    date_source       VARCHAR,  -- timex (sentence's own date) or publication
    confidence        DOUBLE,
    extractor_version VARCHAR
);

CREATE TABLE IF NOT EXISTS event_participants (
    event_id      VARCHAR,
    role          VARCHAR,      -- actor or recipient
    actor_id      VARCHAR,
    country_code  VARCHAR,
    code          VARCHAR,
    text          VARCHAR
);

CREATE TABLE IF NOT EXISTS quality_runs (
    run_id      VARCHAR,
    suite       VARCHAR,
    success     BOOLEAN,
    evaluated   INTEGER,        -- expectations evaluated
    failed      INTEGER,        -- expectations that failed
    details     VARCHAR,        -- JSON: each failed expectation with sample rows
    checked_at  TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS pipeline_runs (
    run_id           VARCHAR,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    published        BOOLEAN,   -- false when validation blocked publication
    articles_loaded  INTEGER,
    events_loaded    INTEGER,
    failures         VARCHAR    -- JSON list of source failures
);
