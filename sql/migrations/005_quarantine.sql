-- Reliability (issue 8): input that could not be used as it came, with the reason. Rejected input
-- (empty, binary, too long, no text, refused feeds, ...) is not in `articles`; repaired input is,
-- after the fix named here; extraction failures and dropped rows point at their article.
CREATE TABLE IF NOT EXISTS quarantine (
    quarantine_id VARCHAR,      -- hash of stage, source, location, reason, action and content
    ingest_id     VARCHAR,      -- the ingest run that found it (NULL for the extract stage)
    stage         VARCHAR,      -- ingest or extract
    source        VARCHAR,      -- name in the sources file
    location      VARCHAR,      -- file path (path:line for JSONL), feed or page URL
    reason_code   VARCHAR,      -- empty, binary, too_long, no_text, invalid_utf8, ...
    reason        VARCHAR,      -- what was wrong, in words
    action        VARCHAR,      -- rejected, repaired, not_extracted, row_dropped
    article_id    VARCHAR,      -- the stored article, when there is one
    content_hash  VARCHAR,      -- sha256 of the raw bytes (rejected) or of the text
    size_bytes    BIGINT,
    sample        VARCHAR,      -- the first 200 characters, control characters escaped
    detected_at   TIMESTAMPTZ,
    loaded_at     TIMESTAMPTZ
);
