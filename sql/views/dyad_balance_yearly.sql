-- depends: event_dyads
-- Conflict versus cooperation per pair of countries per year: distinct events of each kind,
-- the share that is cooperation, and the summed intensity (negative = more hostile).
-- Distinct clusters are counted as the groups of a first grouping by cluster (a cluster is
-- cooperation, or conflict, when any of its rows is): the same numbers as
-- count(distinct cluster_id), for less CPU (docs/performance.md, "Analyst queries on 1 M
-- events").
with

dyads as (
    select year(event_date) as period, * from event_dyads
),

clusters as (
    select
        period,
        country_a,
        country_b,
        cluster_id,
        bool_or(is_cooperation) as is_cooperation,
        bool_or(not is_cooperation) as is_conflict
    from dyads
    group by all
),

cluster_counts as (
    select
        period,
        country_a,
        country_b,
        count(*) filter (where is_cooperation) as cooperation_events,
        count(*) filter (where is_conflict) as conflict_events,
        count(*) as events
    from clusters
    group by all
),

intensities as (
    select period, country_a, country_b, sum(intensity) as intensity
    from dyads
    group by all
),

final as (
    select
        period,
        country_a,
        country_b,
        cooperation_events,
        conflict_events,
        round(cooperation_events / events, 3) as cooperation_share,
        round(intensity, 1) as net_intensity
    from cluster_counts
    join intensities using (period, country_a, country_b)
)

select * from final
order by period, country_a, country_b
