-- One row per event cluster member and unordered pair of distinct countries on opposite sides
-- of it (country_a < country_b; doers with doers only for reciprocal events without a target),
-- for cooperation and conflict alike. `is_multilateral`: three or more countries on one side.
-- Only reports that count as events have pairs (report_status: not negated, hypothetical,
-- undated or far-dated). Counting distinct cluster_id counts real-world events, however many
-- articles or sentences reported them.
-- The rows are computed at every publish (sql/derived/event_dyads.sql, table
-- event_dyad_rows): pairing the participants on each query cost about 1.5 s of CPU at 1 M
-- events (docs/performance.md, "Analyst queries on 1 M events").
with

stored as (
    select * from event_dyad_rows
),

final as (
    select
        event_id, cluster_id, article_id, source, event_date, event_type, context,
        quad_class, is_cooperation, is_material, intensity, country_a, country_b,
        is_multilateral
    from stored
)

select * from final
