-- depends: cooperation_events
-- One row per cooperation event and unordered pair of distinct participating countries
-- (country_a < country_b). The building block of the dyad views.
with

events as (
    select * from cooperation_events
    where event_date is not null
),

event_country as (
    select event_id, article_id, event_date, is_material, intensity,
           unnest(countries) as country_code
    from events
),

final as (
    select
        a.event_id,
        a.article_id,
        a.event_date,
        a.is_material,
        a.intensity,
        a.country_code as country_a,
        b.country_code as country_b
    from event_country as a
    join event_country as b
      on a.event_id = b.event_id
     and a.country_code < b.country_code
)

select * from final
