-- depends: event_dyads
-- Every pair of countries with the events between them over the whole period: distinct
-- bilateral cooperation and conflict events (clusters), multilateral ones apart, the reports,
-- articles and sources behind them, and the first and last event dates. One row per pair, for
-- the "most active pairs" tables and the pair pages (reports/dyads/<A>-<B>.html).
-- A cluster is multilateral when all its rows for the pair are (as in the yearly views).
with

dyads as (
    select * from event_dyads
),

clusters as (
    select
        country_a,
        country_b,
        cluster_id,
        bool_or(is_cooperation) as is_cooperation,
        bool_and(is_multilateral) as is_multilateral
    from dyads
    group by all
),

cluster_counts as (
    select
        country_a,
        country_b,
        count(*) filter (where is_cooperation and not is_multilateral) as cooperation_events,
        count(*) filter (where not is_cooperation and not is_multilateral) as conflict_events,
        count(*) filter (where is_cooperation and is_multilateral)
            as multilateral_cooperation_events,
        count(*) filter (where not is_cooperation and is_multilateral)
            as multilateral_conflict_events
    from clusters
    group by all
),

row_counts as (
    select
        country_a,
        country_b,
        count(*) as reports,
        count(distinct article_id) as articles,
        count(distinct source) as sources,
        min(event_date) as first_date,
        max(event_date) as last_date
    from dyads
    group by all
),

final as (
    select
        country_a, country_b, cooperation_events, conflict_events,
        multilateral_cooperation_events, multilateral_conflict_events, reports, articles,
        sources, first_date, last_date
    from cluster_counts
    join row_counts using (country_a, country_b)
)

select * from final
order by cooperation_events + conflict_events desc, country_a, country_b
