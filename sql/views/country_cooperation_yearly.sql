-- depends: cooperation_dyads
-- Each country's cooperation per year: events, distinct partners, and its top partner.
with

dyads as (
    select * from cooperation_dyads
),

both_directions as (
    select event_id, article_id, event_date, is_material, intensity,
           country_a as country_code, country_b as partner
    from dyads
    union all
    select event_id, article_id, event_date, is_material, intensity,
           country_b as country_code, country_a as partner
    from dyads
),

partner_counts as (
    select year(event_date) as year, country_code, partner,
           count(distinct event_id) as events
    from both_directions
    group by all
),

top_partner as (
    select year, country_code, arg_max(partner, events) as top_partner
    from partner_counts
    group by all
),

totals as (
    select
        year(event_date) as year,
        country_code,
        count(distinct event_id) as events,
        count(distinct partner) as partners,
        count(distinct article_id) as articles,
        count(distinct event_id) filter (where is_material) as material_events,
        round(avg(intensity), 2) as mean_intensity
    from both_directions
    group by all
),

final as (
    select totals.*, top_partner.top_partner
    from totals
    join top_partner using (year, country_code)
)

select * from final
order by year, country_code
