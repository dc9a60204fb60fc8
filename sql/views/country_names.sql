-- The name of each country code, over time: what the reports call a country. Historical states
-- keep their own codes (SUN Soviet Union, DDR East Germany, YUG Yugoslavia, CSK
-- Czechoslovakia, ...) with their dates and present-day `successors`; a current code that had
-- another name for a while has a dated row with that name (DEU: West Germany until
-- 1990-10-02) besides its undated current name. Seed table historical_states
-- (data/gazetteer/historical_states.csv) and the country actors' names.
with

states as (
    select
        code,
        name,
        valid_from,
        valid_until,
        list_sort(list(distinct successor)) as successors,
        any_value(relation) as relation
    from historical_states
    group by code, name, valid_from, valid_until
),

current_names as (
    select
        actor_id as code,
        any_value(name) as name,
        null::DATE as valid_from,
        null::DATE as valid_until,
        [actor_id] as successors,
        'current' as relation
    from actors
    where actor_type = 'country' and actor_id = country_code
      and actor_id not in (select code from states where relation <> 'same_code')
    group by actor_id
),

final as (
    select * from states
    union all
    select * from current_names
)

select * from final
order by code, valid_from nulls last
