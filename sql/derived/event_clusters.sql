-- cluster_id of each clusterable event (the publish step writes it to events.cluster_id;
-- events left out here are their own cluster).
-- Two events share a cluster when they have the same cluster key (events.cluster_key, from
-- sql/derived/event_cluster_keys.sql: the same participant set, quad class and date
-- precision) and dates no further apart than the window (day precision: 3 days; coarser
-- precisions: the same month/year/...). Chains of close dates form one cluster (gaps and islands).
-- The cluster_id is the earliest event_id of the cluster, so it is stable across reruns.
with

clusterable as (
    select event_id, event_date, cluster_key from events where cluster_key is not null
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
