-- depends: cooperation_dyads
-- Each country's cooperation per year: distinct events (clusters), partners, and its top
-- partner.
with

dyads as (
    select * from cooperation_dyads
),

both_directions as (
    select cluster_id, article_id, event_date, is_material, intensity,
           country_a as country_code, country_b as partner
    from dyads
    union all
    select cluster_id, article_id, event_date, is_material, intensity,
           country_b as country_code, country_a as partner
    from dyads
),

partner_counts as (
    select year(event_date) as year, country_code, partner,
           count(distinct cluster_id) as events
    from both_directions
    group by all
),

top_partner as (
    select year, country_code, arg_max(partner, events) as top_partner,
           count(*) as partners
    from partner_counts
    group by all
),

totals as (
    select
        year(event_date) as year,
        country_code,
        count(distinct cluster_id) as events,
        count(distinct article_id) as articles,
        count(distinct cluster_id) filter (where is_material) as material_events,
        round(avg(intensity), 2) as mean_intensity
    from both_directions
    group by all
),

final as (
    select
        totals.year,
        totals.country_code,
        totals.events,
        top_partner.partners,
        totals.articles,
        totals.material_events,
        totals.mean_intensity,
        top_partner.top_partner
    from totals
    join top_partner using (year, country_code)
)

select * from final
order by year, country_code
