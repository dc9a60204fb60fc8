-- Every event with the evidence behind it: the sentence, its offsets, and the article.
with

all_events as (
    select * from events
),

article_info as (
    select article_id, title, url, source, published_at from articles
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
    -- Per event rather than one grouping of every participant: a filter on the events
    -- (one cluster, one article, one date) then reaches the participants too (about 0.1 s
    -- instead of 3.7 s at 1 M events; docs/scaling.md).
    left join lateral (
        select
            string_agg(coalesce(p.code, '?') || ' (' || p.text || ')', '; ' order by p.text)
                filter (where p.role = 'actor') as actors,
            string_agg(coalesce(p.code, '?') || ' (' || p.text || ')', '; ' order by p.text)
                filter (where p.role = 'recipient') as recipients
        from event_participants as p
        where p.event_id = events.event_id
    ) as participants on true
)

select * from final
