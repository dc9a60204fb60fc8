-- depends: cooperation_dyads
-- Cooperation between two countries per year, by PLOVER category and context (on what):
-- bilateral events, and multilateral ones (three or more countries on a side) apart.
with

dyads as (
    select * from cooperation_dyads
),

final as (
    select
        year(event_date) as period,
        country_a,
        country_b,
        event_type,
        coalesce(context, 'unspecified') as context,
        -- Distinct values as the length of a group's distinct list rather than count(distinct):
        -- the same numbers, and faster when most groups hold one or two rows (0.98 s -> 0.90 s
        -- for every row at 1 M events on a DuckLake, docs/scaling.md).
        coalesce(len(list_distinct(list(cluster_id) filter (where not is_multilateral))), 0)
            as events,
        coalesce(len(list_distinct(list(cluster_id) filter (where is_multilateral))), 0)
            as multilateral_events,
        len(list_distinct(list(article_id))) as articles
    from dyads
    group by all
)

select * from final
order by period, country_a, country_b, event_type, context
