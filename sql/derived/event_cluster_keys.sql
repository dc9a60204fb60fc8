-- The cluster key of each clusterable event (stored in events.cluster_key at each publish,
-- before the clusters; events left out get none and are their own cluster): its participant
-- set (countries, or the actor code for bodies without a country), quad class and date
-- precision. Only dated, asserted or planned events with a participant and a date precision
-- are clusterable. (Before the key was stored, events without a precision got a NULL key and
-- the window query put them all in one partition, clustering different participants by date.)
-- Stored so that a publish finds the clusters a new event can join by an equality join on
-- (cluster_key, date) instead of reading the participants of every event near its date.
with

participant_sets as (
    select
        event_id,
        list_sort(list(distinct coalesce(country_code, code))
                  filter (where coalesce(country_code, code) is not null)) as participants
    from event_participants
    group by event_id
),

final as (
    select
        events.event_id,
        array_to_string(participant_sets.participants, '+')
            || '|' || events.quad_class || '|' || events.date_precision as cluster_key
    from events
    join participant_sets using (event_id)
    where events.event_date is not null
      and events.date_precision is not null
      and events.quad_class is not null
      and len(participant_sets.participants) > 0
      and events.modality in ('asserted', 'planned')
)

select * from final
