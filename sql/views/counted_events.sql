-- One row per event: a cluster of the reports that count (report_status), however many
-- sentences and articles reported it. `scope` says which countries it is between, so that
-- events naming one country only are counted as such rather than hidden in a pair total:
--   dyad          two or more countries on opposite sides (or doing it together), fewer than
--                 three on each side: the events of the dyad views' `events` columns
--   multilateral  countries on opposite sides, three or more on one side: the dyad views'
--                 `multilateral_events`
--   one_country   a single country ("Russia launched a satellite", "Russia and the UN agreed")
--   one_side      several countries, none on the other side ("the UN urged Iran and Iraq")
--   igo_only      no country, an intergovernmental organisation ("the WHO and the EU agreed")
--   no_country    no country or organisation linked
-- The rows are computed at every publish (sql/derived/counted_events.sql, table
-- counted_event_rows): grouping the reports on each query cost about 2 s at 1 M events
-- (docs/scaling.md).
with

stored as (
    select * from counted_event_rows
),

final as (
    select
        cluster_id, kind, quad_class, event_type, event_date, year, last_date,
        date_precision, scope, countries, reports, articles, sources
    from stored
)

select * from final
