-- depends: event_dyads
-- Conflict versus cooperation per pair of countries per year: distinct events of each kind,
-- the share that is cooperation, and the summed intensity (negative = more hostile).
with

dyads as (
    select * from event_dyads
),

final as (
    select
        year(event_date) as period,
        country_a,
        country_b,
        count(distinct cluster_id) filter (where is_cooperation) as cooperation_events,
        count(distinct cluster_id) filter (where not is_cooperation) as conflict_events,
        round(count(distinct cluster_id) filter (where is_cooperation)
              / count(distinct cluster_id), 3) as cooperation_share,
        round(sum(intensity), 1) as net_intensity
    from dyads
    group by all
)

select * from final
order by period, country_a, country_b
