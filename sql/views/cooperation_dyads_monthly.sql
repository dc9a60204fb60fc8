-- depends: cooperation_dyads
-- Cooperation between two countries per calendar month of the event date. `events` counts
-- distinct event clusters (one real-world event reported many times counts once);
-- `reports` counts the event rows behind them.
with

dyads as (
    select * from cooperation_dyads
),

final as (
    select
        date_trunc('month', event_date)::date as period,
        country_a,
        country_b,
        count(distinct cluster_id) as events,
        count(distinct event_id) as reports,
        count(distinct article_id) as articles,
        count(distinct source) as sources,
        count(distinct cluster_id) filter (where is_material) as material_events,
        round(avg(intensity), 2) as mean_intensity
    from dyads
    group by all
)

select * from final
order by period, country_a, country_b
