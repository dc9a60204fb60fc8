-- Ingestion (issue 3): canonical URLs and date provenance on articles, near-duplicate links,
-- MinHash fingerprints for finding them, and the fetch log of every run.

ALTER TABLE articles ADD COLUMN IF NOT EXISTS canonical_url VARCHAR;  -- tracking params, fragment removed
ALTER TABLE articles ADD COLUMN IF NOT EXISTS date_source VARCHAR;    -- feed, page, url, file; NULL when undated

-- A new article that nearly duplicates an earlier one (a syndicated copy of the story in another
-- outlet). The copy stays in `articles`; views count a story once by leaving out the article_ids
-- listed here. duplicate_of always names the first-seen copy, never another duplicate.
CREATE TABLE IF NOT EXISTS article_duplicates (
    article_id    VARCHAR,      -- the later copy
    duplicate_of  VARCHAR,      -- the original: an articles.article_id not in this table
    similarity    DOUBLE,       -- estimated Jaccard similarity of word 4-shingles (MinHash), 0..1
    method        VARCHAR,      -- minhash
    detected_at   TIMESTAMPTZ
);

-- MinHash signature per article (64 x uint64, little-endian): how later runs find copies
-- without re-reading every text. Internal to ingestion.
CREATE TABLE IF NOT EXISTS article_fingerprints (
    article_id    VARCHAR,
    minhash       BLOB
);

-- One row per fetch: each feed, page, feed item's page, inbox folder (and each bad inbox file).
CREATE TABLE IF NOT EXISTS fetch_log (
    ingest_id     VARCHAR,      -- the ingest run
    source        VARCHAR,      -- name in the sources file
    kind          VARCHAR,      -- feed, page, feed_item, inbox, inbox_file
    url           VARCHAR,      -- URL, or folder/file path
    status        VARCHAR,      -- ok, not_modified (304), error, fallback (summary kept), blocked
    http_status   INTEGER,
    reason        VARCHAR,      -- why it failed / fell back; NULL when ok
    fetched_at    TIMESTAMPTZ,
    duration_s    DOUBLE,
    items         INTEGER,      -- entries in the feed, files in the folder, 1 for a page
    new_articles  INTEGER,      -- articles from this source that were new in this run
    bytes         BIGINT,
    loaded_at     TIMESTAMPTZ
);
