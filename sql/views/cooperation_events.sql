-- depends: report_status
-- One row per cooperation report (a sentence coding PLOVER quad class 1 or 2) that was asserted
-- or planned, with the countries taking part; negated and hypothetical ones are not cooperation.
-- `status` says whether the row counts as an event (report_status: `counted`, or `undated`,
-- `far_dated`); count distinct cluster_id where status = 'counted' to count events.
with

all_events as (
    select * from events
),

-- Stored at each publish (sql/derived/event_countries.sql): grouping every participant on
-- each query made a one-pair, one-year drill-down take about 1 s at 1 M events.
event_countries as (
    select event_id, countries, actor_codes from event_country_lists
),

final as (
    select
        events.event_id,
        coalesce(events.cluster_id, events.event_id) as cluster_id,
        report_status.status,
        events.article_id,
        events.event_type,
        events.cameo_code,
        events.quad_class,
        events.quad_class = 2 as is_material,
        events.intensity,
        events.context,
        events.modality,
        events.event_date,
        events.date_precision,
        events.date_source,
        events.confidence,
        events.location_text,
        events.location_country,
        events.latitude,
        events.longitude,
        coalesce(events.is_multilateral, false) as is_multilateral,
        coalesce(event_countries.countries, []) as countries,
        event_countries.actor_codes,
        events.sentence
    from all_events as events
    left join event_countries using (event_id)
    join report_status using (event_id)
    where events.quad_class in (1, 2)
      and events.modality in ('asserted', 'planned')
)

select * from final
