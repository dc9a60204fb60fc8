-- depends: cooperation_dyads
-- Cooperation between two countries per calendar year of the event date. `events` counts
-- distinct bilateral event clusters (one real-world event reported many times counts once),
-- `multilateral_events` those with three or more countries on one side (counted apart, so that
-- a summit of twenty states does not become the busiest pairs); `reports` counts the event rows
-- behind both.
-- Distinct clusters are counted as the groups of a first grouping by cluster (a cluster is
-- material when any of its rows is): the same numbers as count(distinct cluster_id), for less
-- CPU (docs/performance.md, "Analyst queries on 1 M events").
with

dyads as (
    select year(event_date) as period, * from cooperation_dyads
),

clusters as (
    select period, country_a, country_b, cluster_id, bool_or(is_material) as is_material,
           bool_and(is_multilateral) as is_multilateral
    from dyads
    group by all
),

cluster_counts as (
    select
        period,
        country_a,
        country_b,
        count(*) filter (where not is_multilateral) as events,
        count(*) filter (where is_material and not is_multilateral) as material_events,
        count(*) filter (where is_multilateral) as multilateral_events
    from clusters
    group by all
),

row_counts as (
    select
        period,
        country_a,
        country_b,
        count(*) as reports,  -- one row per event row and pair: the distinct event rows
        count(distinct article_id) as articles,
        count(distinct source) as sources,
        round(avg(intensity), 2) as mean_intensity
    from dyads
    group by all
),

final as (
    select
        period, country_a, country_b, events, multilateral_events, reports, articles, sources,
        material_events, mean_intensity
    from row_counts
    join cluster_counts using (period, country_a, country_b)
)

select * from final
order by period, country_a, country_b
