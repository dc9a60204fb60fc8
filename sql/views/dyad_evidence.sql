-- depends: event_dyads, counted_events
-- Drill-down from any dyad view row to its sentences: filter on country_a, country_b and
-- period (year, month) or event_type/context to read the evidence behind the counts.
-- `event_reports`, `event_articles` and `event_sources`: how many sentences, articles and
-- sources reported the event (cluster) this sentence belongs to.
with

dyads as (
    select * from event_dyads
),

article_info as (
    select article_id, title, url, published_at from articles
),

reported as (
    select
        cluster_id,
        reports as event_reports,
        articles as event_articles,
        sources as event_sources
    from counted_events
),

evidence as (
    select event_id, trigger, modality, date_precision, sentence, start_char, end_char,
           location_text, location_country, latitude, longitude
    from events
),

final as (
    select
        dyads.country_a,
        dyads.country_b,
        year(dyads.event_date) as year,
        date_trunc('month', dyads.event_date)::date as month,
        dyads.event_date,
        dyads.cluster_id,
        dyads.event_id,
        dyads.event_type,
        dyads.context,
        dyads.is_cooperation,
        dyads.is_multilateral,
        evidence.modality,
        evidence.date_precision,
        evidence.trigger,
        evidence.sentence,
        evidence.start_char,
        evidence.end_char,
        evidence.location_text,
        evidence.location_country,
        evidence.latitude,
        evidence.longitude,
        reported.event_reports,
        reported.event_articles,
        reported.event_sources,
        dyads.article_id,
        dyads.source,
        article_info.title,
        article_info.url,
        article_info.published_at
    from dyads
    join evidence using (event_id)
    join article_info using (article_id)
    left join reported using (cluster_id)
)

select * from final
order by country_a, country_b, event_date, cluster_id
