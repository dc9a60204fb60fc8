-- One row per event cluster member and unordered pair of distinct participating countries
-- (country_a < country_b), for cooperation and conflict alike. Negated and hypothetical
-- events are not events. Counting distinct cluster_id counts real-world events, however
-- many articles or sentences reported them.
with

all_events as (
    select * from events
    where event_date is not null
      and modality in ('asserted', 'planned')
),

article_sources as (
    select article_id, source from articles
),

event_country as (
    select distinct event_id, country_code
    from event_participants
    where country_code is not null
),

pairs as (
    select a.event_id, a.country_code as country_a, b.country_code as country_b
    from event_country as a
    join event_country as b
      on a.event_id = b.event_id
     and a.country_code < b.country_code
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
