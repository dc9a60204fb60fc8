-- depends: event_dyads
-- Conflict versus cooperation per pair of countries per year: distinct bilateral events of each
-- kind, the share that is cooperation, the summed intensity (negative = more hostile), and the
-- multilateral events (three or more countries on a side) the pair took part in, apart.
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
        bool_or(not is_cooperation) as is_conflict,
        bool_and(is_multilateral) as is_multilateral
    from dyads
    group by all
),

cluster_counts as (
    select
        period,
        country_a,
        country_b,
        count(*) filter (where is_cooperation and not is_multilateral) as cooperation_events,
        count(*) filter (where is_conflict and not is_multilateral) as conflict_events,
        count(*) filter (where not is_multilateral) as events,
        count(*) filter (where is_multilateral) as multilateral_events
    from clusters
    group by all
),

intensities as (
    select period, country_a, country_b, sum(intensity) filter (where not is_multilateral)
           as intensity
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
        round(cooperation_events / nullif(events, 0), 3) as cooperation_share,
        round(intensity, 1) as net_intensity,
        multilateral_events
    from cluster_counts
    join intensities using (period, country_a, country_b)
)

select * from final
order by period, country_a, country_b
