-- Rows of the `event_dyads` view (table event_dyad_rows), recomputed over the whole warehouse
-- at every publish right after the clusters (entente.warehouse.clusters.assign_clusters): every
-- dyad view starts from these rows, and computing them on each query cost about 1.5 s of CPU
-- at 1 M events (docs/performance.md, "Analyst queries on 1 M events").
-- One row per event cluster member and unordered pair of distinct countries on opposite sides
-- (country_a < country_b): the doers' countries with the targets' countries ("Britain, France
-- and Germany urged Iran" gives three pairs with Iran, none among the three). An event without
-- a target country is reciprocal ("Russia and China signed an agreement"): its doers pair with
-- each other. Only the rows that count as events (view report_status: asserted or planned,
-- dated, not far-dated) get pairs. `is_multilateral` marks events with three or more countries on
-- one side; the dyad views count them apart.
with

counted as (
    select event_id from report_status where status = 'counted'
),

all_events as (
    select * from events semi join counted using (event_id)
),

article_sources as (
    select article_id, source from articles
),

sides as (
    select
        event_id,
        list(distinct country_code) filter (where role = 'actor') as doers,
        list(distinct country_code) filter (where role = 'recipient') as targets
    from event_participants
    where country_code is not null
    group by event_id
),

-- Pairs from each event's lists (each country, then the countries it pairs with) rather than
-- from joining the participants with themselves: the same rows for less CPU.
directed as (
    select event_id, unnest(doers) as doer, targets
    from sides
    where len(coalesce(targets, [])) > 0 and len(coalesce(doers, [])) > 0
),

directed_pairs as (
    select event_id, doer, unnest(list_filter(targets, lambda t: t <> doer)) as target
    from directed
),

reciprocal as (
    select event_id, doers, unnest(doers) as country_a
    from sides
    where len(coalesce(targets, [])) = 0 and len(doers) > 1
),

pairs as (
    select distinct event_id, least(doer, target) as country_a, greatest(doer, target) as country_b
    from directed_pairs
    union all
    select event_id, country_a, unnest(list_filter(doers, lambda c: c > country_a)) as country_b
    from reciprocal
),

final as (
    select
        pairs.event_id,
        coalesce(all_events.cluster_id, all_events.event_id) as cluster_id,
        all_events.article_id,
        article_sources.source,
        all_events.event_date,
        all_events.event_type,
        all_events.context,
        all_events.quad_class,
        all_events.quad_class in (1, 2) as is_cooperation,
        all_events.quad_class in (2, 4) as is_material,
        all_events.intensity,
        pairs.country_a,
        pairs.country_b,
        coalesce(all_events.is_multilateral, false) as is_multilateral
    from pairs
    join all_events using (event_id)
    left join article_sources using (article_id)
)

select * from final
-- Stored in this order so that the dyad drill-downs (one pair, one period) read few row groups.
order by country_a, country_b, event_date
