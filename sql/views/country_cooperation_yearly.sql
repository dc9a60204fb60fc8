-- depends: cooperation_dyads
-- Each country's cooperation per year: distinct bilateral events (clusters), its partners and
-- top partner in them; multilateral events (three or more countries on a side) counted apart.
with

dyads as (
    select * from cooperation_dyads
),

both_directions as (
    select cluster_id, article_id, event_date, is_material, intensity, is_multilateral,
           country_a as country_code, country_b as partner
    from dyads
    union all
    select cluster_id, article_id, event_date, is_material, intensity, is_multilateral,
           country_b as country_code, country_a as partner
    from dyads
),

partner_counts as (
    select year(event_date) as year, country_code, partner,
           count(distinct cluster_id) as events
    from both_directions
    where not is_multilateral
    group by all
),

top_partner as (
    -- Among partners tied on events, the first by code: arg_max alone picks any of them, and
    -- not the same one from one query to the next.
    select year, country_code, first(partner order by events desc, partner) as top_partner,
           count(*) as partners
    from partner_counts
    group by all
),

totals as (
    select
        year(event_date) as year,
        country_code,
        count(distinct cluster_id) filter (where not is_multilateral) as events,
        count(distinct cluster_id) filter (where is_multilateral) as multilateral_events,
        count(distinct article_id) as articles,
        count(distinct cluster_id) filter (where is_material and not is_multilateral)
            as material_events,
        round(avg(intensity), 2) as mean_intensity
    from both_directions
    group by all
),

final as (
    select
        totals.year,
        totals.country_code,
        totals.events,
        totals.multilateral_events,
        top_partner.partners,
        totals.articles,
        totals.material_events,
        totals.mean_intensity,
        top_partner.top_partner
    from totals
    left join top_partner using (year, country_code)
)

select * from final
order by year, country_code
