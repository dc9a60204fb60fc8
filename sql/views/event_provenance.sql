-- Every event with the evidence behind it: the sentence, its offsets, and the article.
with

all_events as (
    select * from events
),

article_info as (
    select article_id, title, url, source, published_at from articles
),

participants as (
    select
        event_id,
        string_agg(coalesce(code, '?') || ' (' || text || ')', '; ' order by text)
            filter (where role = 'actor') as actors,
        string_agg(coalesce(code, '?') || ' (' || text || ')', '; ' order by text)
            filter (where role = 'recipient') as recipients
    from event_participants
    group by event_id
),

final as (
    select
        events.event_id,
        events.cluster_id,
        events.event_type,
        events.quad_class,
        events.modality,
        events.event_date,
        events.date_precision,
        events.date_source,
        events.confidence,
        participants.actors,
        participants.recipients,
        events.location_text,
        events.location_country,
        events.is_multilateral,
        events.trigger,
        events.sentence,
        events.start_char,
        events.end_char,
        articles.article_id,
        articles.title,
        articles.url,
        articles.source,
        articles.published_at
    from all_events as events
    join article_info as articles using (article_id)
    left join participants using (event_id)
)

select * from final
