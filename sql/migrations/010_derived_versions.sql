-- Incremental derived rows (issue 14): which version of each sql/derived file the stored
-- clusters and dyad rows were computed with. A publish recomputes only what it touches while
-- these match the files; when a file changed (a new clustering rule), it recomputes
-- everything once (entente.warehouse.clusters).
CREATE TABLE IF NOT EXISTS derived_versions (
    name         VARCHAR,       -- event_clusters.sql, event_dyads.sql
    sha256       VARCHAR,       -- of the file's text
    computed_at  TIMESTAMPTZ
);
