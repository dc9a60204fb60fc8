-- cluster_id of each clusterable event (the publish step writes it to events.cluster_id;
-- events left out here are their own cluster).
-- Two events share a cluster when they have the same participant set (countries, or the
-- actor code for bodies without a country), the same quad class and date precision, and
-- dates no further apart than the window (day precision: 3 days; coarser precisions: the
-- same month/year/...). Chains of close dates form one cluster (gaps and islands).
-- The cluster_id is the earliest event_id of the cluster, so it is stable across reruns.
with

participant_sets as (
    select
        event_id,
        list_sort(list(distinct coalesce(country_code, code))
                  filter (where coalesce(country_code, code) is not null)) as participants
    from event_participants
    group by event_id
),

clusterable as (
    select
        events.event_id,
        events.event_date,
        array_to_string(participant_sets.participants, '+')
            || '|' || events.quad_class || '|' || events.date_precision as cluster_key
    from events
    join participant_sets using (event_id)
    where events.event_date is not null
      and len(participant_sets.participants) > 0
      and events.modality in ('asserted', 'planned')
),

gaps as (
    select
        *,
        case
            when lag(event_date) over by_key is null then 1
            when split_part(cluster_key, '|', 3) = 'day'
                 and event_date - lag(event_date) over by_key > 3 then 1
            when split_part(cluster_key, '|', 3) <> 'day'
                 and event_date <> lag(event_date) over by_key then 1
            else 0
        end as starts_cluster
    from clusterable
    window by_key as (partition by cluster_key order by event_date, event_id)
),

islands as (
    select
        *,
        sum(starts_cluster) over (partition by cluster_key order by event_date, event_id
                                  rows between unbounded preceding and current row) as island
    from gaps
),

final as (
    select
        event_id,
        first_value(event_id) over (partition by cluster_key, island
                                    order by event_date, event_id) as cluster_id
    from islands
)

select * from final
