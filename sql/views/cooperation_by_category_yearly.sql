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
        count(distinct cluster_id) filter (where not is_multilateral) as events,
        count(distinct cluster_id) filter (where is_multilateral) as multilateral_events,
        count(distinct article_id) as articles
    from dyads
    group by all
)

select * from final
order by period, country_a, country_b, event_type, context
