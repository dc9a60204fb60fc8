-- Cross-article clustering: events that are the same real-world event (same participants,
-- same quad class, dates within a window) share a cluster_id, recomputed at every publish
-- by sql/derived/event_clusters.sql. Views count clusters, so ten reports of one signing
-- are one event.
ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_id VARCHAR;
