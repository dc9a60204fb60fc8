-- Rows of the `counted_events` view (table counted_event_rows), computed at every publish for
-- the clusters it touched, after the dyad rows (entente.warehouse.clusters).
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
with

counted as (
    select event_id, cluster_id, article_id, kind from report_status where status = 'counted'
),

event_facts as (
    select event_id, event_type, quad_class, event_date, date_precision from events
),

article_sources as (
    select article_id, source from articles
),

reports as (
    select *
    from counted
    join event_facts using (event_id)
    join article_sources using (article_id)
),

participants as (
    select
        event_id,
        list(distinct country_code) filter (where country_code is not null) as countries,
        bool_or(code like 'IGO%') as names_igo
    from event_participants
    semi join counted using (event_id)
    group by event_id
),

paired as (
    select cluster_id, bool_and(is_multilateral) as is_multilateral
    from event_dyad_rows
    group by cluster_id
),

clusters as (
    select
        cluster_id,
        any_value(kind) as kind,
        any_value(quad_class) as quad_class,
        first(event_type order by event_date, event_id) as event_type,
        min(event_date) as event_date,
        max(event_date) as last_date,
        first(date_precision order by event_date, event_id) as date_precision,
        list_sort(list_distinct(flatten(list(coalesce(countries, []))))) as countries,
        coalesce(bool_or(names_igo), false) as names_igo,
        count(*) as reports,
        count(distinct article_id) as articles,
        count(distinct source) as sources
    from reports
    left join participants using (event_id)
    group by cluster_id
),

final as (
    select
        clusters.cluster_id,
        clusters.kind,
        clusters.quad_class,
        clusters.event_type,
        clusters.event_date,
        year(clusters.event_date) as year,
        clusters.last_date,
        clusters.date_precision,
        case
            when paired.cluster_id is not null and paired.is_multilateral then 'multilateral'
            when paired.cluster_id is not null then 'dyad'
            when len(clusters.countries) = 1 then 'one_country'
            when len(clusters.countries) > 1 then 'one_side'
            when clusters.names_igo then 'igo_only'
            else 'no_country'
        end as scope,
        clusters.countries,
        clusters.reports,
        clusters.articles,
        clusters.sources
    from clusters
    left join paired using (cluster_id)
)

select * from final
-- Stored by date, so that a year or a period reads few row groups.
order by event_date, cluster_id
