-- Rows of the `event_dyads` view (table event_dyad_rows), recomputed over the whole warehouse
-- at every publish right after the clusters (entente.warehouse.clusters.assign_clusters): every
-- dyad view starts from these rows, and computing them on each query cost about 1.5 s of CPU
-- at 1 M events (docs/performance.md, "Analyst queries on 1 M events").
-- One row per event cluster member and unordered pair of distinct participating countries
-- (country_a < country_b), for cooperation and conflict alike. Negated and hypothetical
-- events are not events.
with

all_events as (
    select * from events
    where event_date is not null
      and modality in ('asserted', 'planned')
),

article_sources as (
    select article_id, source from articles
),

-- Pairs come from each event's list of countries (each country, then the later countries of
-- the list) rather than from joining the participants with themselves: the same rows for
-- about 30% less CPU.
event_countries as (
    select event_id, list(distinct country_code) as countries
    from event_participants
    where country_code is not null
    group by event_id
    having count(distinct country_code) > 1
),

event_country as (
    select event_id, countries, unnest(countries) as country_a
    from event_countries
),

pairs as (
    select event_id, country_a,
           unnest(list_filter(countries, lambda c: c > country_a)) as country_b
    from event_country
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
        pairs.country_b
    from pairs
    join all_events using (event_id)
    left join article_sources using (article_id)
)

select * from final
-- Stored in this order so that the dyad drill-downs (one pair, one period) read few row groups.
order by country_a, country_b, event_date
