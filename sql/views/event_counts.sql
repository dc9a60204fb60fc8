-- depends: report_status, counted_events
-- The headline figures, one row per kind (cooperation, conflict) and status: for the reports
-- that count, one row per scope with `events` (clusters); for the others (negated,
-- hypothetical, undated, far_dated) `scope` and `events` are NULL: they are reports, not events.
-- `entente status`, the run summary and the report page read their numbers from here.
with

events_by_scope as (
    select
        kind,
        'counted' as status,
        scope,
        count(*) as events,
        sum(reports)::BIGINT as reports,
        min(event_date) as first_date,
        max(last_date) as last_date
    from counted_events
    group by all
),

uncounted as (
    select
        kind,
        status,
        null::VARCHAR as scope,
        null::BIGINT as events,
        count(*) as reports,
        min(event_date) as first_date,
        max(event_date) as last_date
    from report_status
    where status <> 'counted'
    group by all
),

final as (
    select * from events_by_scope
    union all
    select * from uncounted
)

select * from final
order by kind, status = 'counted' desc, status, events desc nulls last, scope
