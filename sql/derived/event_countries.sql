-- Rows of table event_country_lists: each event's participant countries and actor codes as
-- sorted lists, for the `cooperation_events` view. Computed at each publish for the events it
-- loaded (entente.warehouse.clusters): grouping every participant on each query made a
-- one-pair, one-year drill-down take about 1 s at 1 M events (docs/scaling.md).
with

participants as (
    select event_id, country_code, code from event_participants
),

final as (
    select
        event_id,
        list_sort(list_distinct(list(country_code) filter (where country_code is not null)))
            as countries,
        list_sort(list_distinct(list(code) filter (where code is not null))) as actor_codes
    from participants
    group by event_id
)

select * from final
