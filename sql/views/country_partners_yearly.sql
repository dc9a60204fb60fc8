-- depends: cooperation_dyads
-- Top cooperation partners per country per year in bilateral events, ranked (rank 1 = most
-- events); multilateral events (three or more countries on a side) are not partnerships.
with

dyads as (
    select * from cooperation_dyads
),

both_directions as (
    select cluster_id, event_date, intensity, country_a as country_code, country_b as partner
    from dyads
    where not is_multilateral
    union all
    select cluster_id, event_date, intensity, country_b as country_code, country_a as partner
    from dyads
    where not is_multilateral
),

partner_counts as (
    select
        year(event_date) as year,
        country_code,
        partner,
        count(distinct cluster_id) as events,
        round(avg(intensity), 2) as mean_intensity
    from both_directions
    group by all
),

final as (
    select
        *,
        rank() over (partition by year, country_code order by events desc) as partner_rank
    from partner_counts
)

select * from final
order by year, country_code, partner_rank, partner
