-- depends: event_dyads
-- The cooperation rows (quad classes 1 and 2) of event_dyads: the building block of the
-- cooperation dyad views.
with

dyads as (
    select * from event_dyads
),

final as (
    select
        event_id, cluster_id, article_id, source, event_date, event_type, context,
        is_material, intensity, country_a, country_b, is_multilateral
    from dyads
    where is_cooperation
)

select * from final
