-- Every report (a row of `events`: one sentence reporting an event) and whether it counts as
-- an event. One definition, read by every count of events (the dyad rows, the headline figures,
-- the report pages, `entente status`):
--   counted       asserted or planned, dated, and not far-dated
--   negated       "did not sign": it did not happen
--   hypothetical  "would sign if ...": it did not happen
--   undated       neither the sentence nor the article gives a date
--   far_dated     dated more than 10 years before its article was published ("bonds issued in
--                 1911" in a 1987 story): a background mention or a misread date; listed in the
--                 report's data-quality section and flagged by the events suite (warning)
-- `kind` is cooperation (quad classes 1 and 2) or conflict (3 and 4).
with

all_events as (
    select event_id, cluster_id, article_id, quad_class, modality, event_date from events
),

article_dates as (
    select article_id, published_at::date as published_on from articles
),

dated as (
    select
        all_events.*,
        article_dates.published_on,
        date_diff('year', all_events.event_date, article_dates.published_on)
            as years_before_article,
        all_events.event_date < article_dates.published_on - interval 10 year as is_far_dated
    from all_events
    left join article_dates using (article_id)
),

final as (
    select
        event_id,
        coalesce(cluster_id, event_id) as cluster_id,
        article_id,
        case when quad_class in (1, 2) then 'cooperation' else 'conflict' end as kind,
        case
            when modality = 'negated' then 'negated'
            when modality = 'hypothetical' then 'hypothetical'
            when event_date is null then 'undated'
            when coalesce(is_far_dated, false) then 'far_dated'
            else 'counted'
        end as status,
        event_date,
        published_on,
        years_before_article
    from dated
)

select * from final
