#!/usr/bin/env python3
"""Analyst query speed (issue 7): a synthetic warehouse of N events, and every view timed.

    .venv/bin/python scripts/bench_views.py                  # 1,000,000 events, temp dir
    .venv/bin/python scripts/bench_views.py --events 50000 --out /tmp/w.duckdb --keep
    .venv/bin/python scripts/bench_views.py --backend ducklake   # the same on a DuckLake

1. Generate. A seeded, reproducible warehouse is built with the real code paths: the
   migrations and views (`entente.warehouse.migrate.migrate`, through `Warehouse.publish`, so
   the file is written, checkpointed and renamed exactly as a publish does it), the cluster
   assignment of every publish (`entente.warehouse.clusters.assign_clusters`), and the real
   actors (the gazetteer). Rows are made in bulk SQL inside DuckDB: pseudo-random columns
   are `hash(row key, seed, salt)`, so the same seed gives the same warehouse (with the same
   DuckDB version), and there is no Python loop over rows. Shape (defaults):

   - articles: ~4 events each (1-7), short texts: a dateline sentence with a relative date
     ("on Tuesday"), one sentence per event, a closing sentence; dates 1990-2026 skewed
     toward recent years; 5% are syndicated copies of an earlier article in another outlet
     (same sentences plus a footer) listed in `article_duplicates`.
   - events: PLOVER categories with the quad class, CAMEO root and intensity of
     data/event_categories.csv; context mix; modality 80% asserted, 11% planned, 6% negated,
     3% hypothetical; 55% dated by the sentence's own date (day/month/year precision, with a
     timex row), 43% by the publication date, 2% undated. Copies repeat their original's
     events, so clusters of several reports exist.
   - event_participants: 2-4 per event (60/28/12%); 72% countries with a Zipf popularity
     (rank r of 250 drawn with weight 1/(r+1)^s, s = --country-skew, default 1; USA, CHN,
     RUS, GBR, ... first, so top dyads exist), 12% country-sector actors (XXXGOV, XXXMIL),
     12% gazetteer organisations (IGOs without a country among them), 4% unlinked
     ("officials"). Every linked participant is an entity mention at its exact offsets.
   - The whole load passes our Great Expectations audit (`--audit` runs it; the test does).

2. Time. For each view in sql/views/, the query an analyst runs, on a fresh read-only
   connection (`Warehouse.reader()`) per run: one warm-up, then the
   median (and max) of `--runs` runs. Aggregate views: `SELECT * FROM view`, every row
   fetched into Python (`fetchall`). Row-level views (about one row per event or event
   pair): the drill-down of docs/warehouse.md — one dyad and one year (the busiest
   cooperation dyad of the most recent full year), or one event cluster for
   event_provenance and report_status — and a full `SELECT count(*)`. Connection time is not included.
   `cpu ms` is the process CPU time of the query (all DuckDB threads), a figure less
   disturbed than wall time by other work on a shared machine. Exit status 1 when any
   query's median is `--limit-ms` (1000) or more.
"""
from __future__ import annotations

import argparse
import math
import resource
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "plugins"))

import duckdb  # noqa: E402

from entente.settings import Settings  # noqa: E402
from entente.warehouse import DuckLakeWarehouse, open_warehouse  # noqa: E402

LIMIT_MS = 1000.0
FIRST_DAY = "1990-01-01"
LAST_DAY = "2026-12-31"
# Countries in order of popularity: these first, the rest in a seeded order.
PROMINENT = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", "IND", "UKR", "ISR", "IRN", "TUR",
             "KOR", "PRK", "SAU", "BRA", "CAN", "AUS", "ITA", "PAK", "EGY", "SYR", "IRQ", "AFG",
             "ESP", "POL", "MEX", "ZAF", "NGA", "IDN"]
SECTOR_COUNTRIES = 50            # country-sector actors (GOV, MIL) for the 50 most popular
# PLOVER category: weight (%), trigger phrase (its first word is the trigger). Quad class,
# CAMEO root and intensity come from data/event_lexicon.yml.
CATEGORIES = {
    "AGREE": (14, "signed an agreement"), "CONSULT": (16, "held talks"),
    "SUPPORT": (8, "endorsed a joint statement"), "CONCEDE": (2, "eased restrictions"),
    "COOPERATE": (12, "launched a joint programme"), "AID": (6, "delivered aid"),
    "RETREAT": (2, "withdrew forces"), "REQUEST": (6, "urged cooperation"),
    "DEMAND": (4, "demanded guarantees"), "ACCUSE": (6, "accused each other"),
    "DISAPPROVE": (5, "criticised the plan"), "INVESTIGATE": (2, "investigated claims"),
    "REJECT": (3, "rejected proposals"), "THREATEN": (3, "threatened retaliation"),
    "PROTEST": (2, "protested the decision"), "SANCTION": (3, "imposed sanctions"),
    "MOBILIZE": (2, "mobilised troops"), "COERCE": (1, "seized vessels"),
    "ASSAULT": (2, "attacked positions"), "FIGHT": (1, "clashed"),
}
CONTEXTS = {"economic": (22, "trade"), "diplomatic": (16, "diplomatic ties"),
            "military": (14, "defence"), None: (10, None), "health": (8, "vaccines"),
            "humanitarian": (8, "refugees"), "environment": (7, "climate"),
            "space": (6, "space exploration"), "legal": (5, "extradition"),
            "science": (4, "research")}
MODALITIES = {"asserted": 80, "planned": 11, "negated": 6, "hypothetical": 3}
UNLINKED = ["officials", "a delegation", "local authorities", "negotiators"]
SOURCES = ["Reuters", "AP", "AFP", "BBC", "Al Jazeera", "DW", "France 24", "The Guardian",
           "NYT", "Washington Post", "Xinhua", "TASS", "NHK", "Yonhap", "ANSA", "EFE",
           "Kyiv Independent", "Times of India", "Dawn", "Arab News", "Haaretz", "SCMP",
           "Le Monde", "Der Spiegel", "El Pais", "ABC Australia", "CBC", "Folha", "Punch",
           "Daily Maverick", "Jakarta Post", "Straits Times", "Politico", "Euractiv",
           "UN News", "Devex", "SpaceNews", "Nature News", "Bloomberg", "FT"]


def _slots(weights: dict) -> list:
    """100 slots, each value repeated by its weight (%): `slots[1 + floor(u * 100)]` in SQL."""
    slots = [value for value, weight in weights.items() for _ in range(weight)]
    assert len(slots) == 100, len(slots)
    return slots


def _sql_list(values: list) -> str:
    return "[" + ", ".join("NULL" if v is None else "'" + str(v).replace("'", "''") + "'"
                           for v in values) + "]"


def _lookup_tables(con: duckdb.DuckDBPyConnection, seed: int, skew: float = 1.0) -> dict:
    """Small tables from the gazetteer and the lexicon: countries by popularity, organisations,
    country-sector actors, categories, sources. Also fills `actors`."""
    from entente.nlp.actors.gazetteer import SECTOR_LABELS, load_gazetteer
    from entente.nlp.events.lexicon import load_categories

    settings = Settings()
    gazetteer = load_gazetteer(settings.gazetteer_dir)
    countries = sorted(gazetteer.countries.values(), key=lambda c: c["actor_id"])
    rest = [c for c in countries if c["actor_id"] not in PROMINENT]
    order = {row[0]: row[1] for row in con.execute(
        "SELECT code, hash(code, ?) FROM unnest(?) t(code)",
        [seed, [c["actor_id"] for c in rest]]).fetchall()}
    ranked = ([gazetteer.countries[c] for c in PROMINENT]
              + sorted(rest, key=lambda c: order[c["actor_id"]]))
    # Zipf popularity: the country of rank r (0-based) is drawn with weight 1 / (r + 1)^skew.
    weights = [1 / (r + 1) ** skew for r in range(len(ranked))]
    lows = [sum(weights[:r]) / sum(weights) for r in range(len(ranked))]
    con.execute("CREATE TEMP TABLE g_country (crank INTEGER, cum_lo DOUBLE, actor_id VARCHAR, "
                "name VARCHAR)")
    con.executemany("INSERT INTO g_country VALUES (?, ?, ?, ?)",
                    [[i, lows[i], c["actor_id"], c["name"]] for i, c in enumerate(ranked)])

    sectors = []
    for crank, country in enumerate(ranked[:SECTOR_COUNTRIES]):
        for number, sector in enumerate(("GOV", "MIL")):
            noun = {"GOV": "government", "MIL": "military"}[sector]
            sectors.append({"crank": crank, "sector_no": number,
                            "actor_id": country["actor_id"] + sector,
                            "name": f"{country['name']} ({SECTOR_LABELS.get(sector, sector)})",
                            "actor_type": gazetteer.sector_types.get(sector, "other"),
                            "country_code": country["actor_id"],
                            "code": country["actor_id"] + sector,
                            "text": f"the {noun} of {country['name']}"})
    con.execute("CREATE TEMP TABLE g_sector (crank INTEGER, sector_no INTEGER, actor_id VARCHAR, "
                "country_code VARCHAR, code VARCHAR, text VARCHAR)")
    con.executemany("INSERT INTO g_sector VALUES (?, ?, ?, ?, ?, ?)",
                    [[s["crank"], s["sector_no"], s["actor_id"], s["country_code"], s["code"],
                      s["text"]] for s in sectors])

    orgs = sorted(gazetteer.organisations.values(), key=lambda o: o["actor_id"])
    con.execute("CREATE TEMP TABLE g_org (orank INTEGER, actor_id VARCHAR, country_code VARCHAR, "
                "code VARCHAR, text VARCHAR)")
    con.executemany("INSERT INTO g_org VALUES (?, ?, ?, ?, ?)",
                    [[i, o["actor_id"], o["country_code"], o["code"], o["name"]]
                     for i, o in enumerate(orgs)])

    actors = {a["actor_id"]: a for a in gazetteer.rows()}
    for s in sectors:
        actors.setdefault(s["actor_id"], {
            k: s[k] for k in ("actor_id", "name", "actor_type", "country_code", "code")})
    con.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)",
                    [[a["actor_id"], a["name"], a["actor_type"], a["country_code"], a["code"]]
                     for a in actors.values()])

    categories = load_categories(settings.event_categories)
    con.execute("CREATE TEMP TABLE g_category (event_type VARCHAR, quad_class INTEGER, "
                "cameo_code VARCHAR, intensity DOUBLE, trigger VARCHAR, phrase VARCHAR)")
    con.executemany("INSERT INTO g_category VALUES (?, ?, ?, ?, ?, ?)", [
        [name, categories[name]["quad"], categories[name]["cameo"],
         categories[name]["intensity"], phrase.split()[0], phrase]
        for name, (_, phrase) in CATEGORIES.items()])
    con.execute("CREATE TEMP TABLE g_context (context VARCHAR, words VARCHAR)")
    con.executemany("INSERT INTO g_context VALUES (?, ?)",
                    [[c, w] for c, (_, w) in CONTEXTS.items() if c])
    return {"countries": len(ranked), "organisations": len(orgs), "actors": len(actors)}


def _generate_rows(con: duckdb.DuckDBPyConnection, events: int, seed: int) -> None:
    """Fill articles, article_duplicates, entity_mentions, timexes, events, event_participants."""
    type_slots = _sql_list(_slots({k: w for k, (w, _) in CATEGORIES.items()}))
    context_slots = _sql_list(_slots({k: w for k, (w, _) in CONTEXTS.items()}))
    modality_slots = _sql_list(_slots(MODALITIES))
    sources = _sql_list(SOURCES)
    unlinked = _sql_list(UNLINKED)
    n_orgs = con.execute("SELECT count(*) FROM g_org").fetchall()[0][0]
    candidates = math.ceil(events / 4 * 1.15) + 20
    con.execute(f"CREATE OR REPLACE TEMP MACRO rnd(k, salt) AS "
                f"(hash(k, {int(seed)}, salt) % 1000000007)::DOUBLE / 1000000007")
    span = f"(DATE '{LAST_DAY}' - DATE '{FIRST_DAY}')"

    # Articles: every 20th is a syndicated copy of the article before it (its story; one copy
    # per story, so no two articles have the same text). Events per story 1-7; the list stops
    # where the running total reaches `events`.
    con.execute(f"""
        CREATE TEMP TABLE g_art AS
        WITH base AS (
            SELECT range AS a, range % 20 = 19 AS is_copy,
                   CASE WHEN range % 20 = 19 THEN range - 1 END AS original
            FROM range({candidates})
        ),
        story AS (
            SELECT *, coalesce(original, a) AS story,
                   1 + floor(rnd(coalesce(original, a), 'nev') * 7)::INTEGER AS n_story_ev
            FROM base
        ),
        running AS (
            SELECT *, sum(n_story_ev) OVER (ORDER BY a ROWS UNBOUNDED PRECEDING) AS cum_ev
            FROM story
        )
        SELECT a, story, is_copy, original, n_story_ev,
               least(n_story_ev, {events} - (cum_ev - n_story_ev))::INTEGER AS n_ev,
               DATE '{FIRST_DAY}' + floor(pow(rnd(story, 'date'), 0.6) * {span})::INTEGER
                   AS story_date,
               {sources}[1 + floor(pow(rnd(a, 'source'), 1.7) * {len(SOURCES)})::INTEGER]
                   AS source
        FROM running
        WHERE cum_ev - n_story_ev < {events}""")
    got = con.execute("SELECT sum(n_ev) FROM g_art").fetchall()[0][0]
    assert got == events, (got, events)

    # Story-level events: one sentence each (sentence_index k + 1).
    con.execute(f"""
        CREATE TEMP TABLE g_sev AS
        WITH k AS (
            SELECT story, story_date, unnest(range(n_story_ev)) AS k
            FROM g_art WHERE NOT is_copy
        ),
        drawn AS (
            SELECT *, story * 8 + k AS sk FROM k
        ),
        attrs AS (
            SELECT *,
                   {type_slots}[1 + floor(rnd(sk, 'type') * 100)::INTEGER] AS event_type,
                   {context_slots}[1 + floor(rnd(sk, 'context') * 100)::INTEGER] AS context,
                   {modality_slots}[1 + floor(rnd(sk, 'modality') * 100)::INTEGER] AS modality,
                   rnd(sk, 'dsrc') AS u_dsrc, rnd(sk, 'prec') AS u_prec,
                   rnd(sk, 'offset') AS u_off,
                   CASE WHEN rnd(sk, 'np') < 0.60 THEN 2 WHEN rnd(sk, 'np') < 0.88 THEN 3
                        ELSE 4 END AS np
            FROM drawn
        ),
        dated AS (
            SELECT *,
                   CASE WHEN u_dsrc < 0.02 THEN NULL
                        WHEN u_dsrc < 0.45 THEN 'publication' ELSE 'timex' END AS date_source,
                   CASE WHEN u_dsrc < 0.02 THEN NULL
                        WHEN u_dsrc < 0.45 OR u_prec < 0.70 THEN 'day'
                        WHEN u_prec < 0.90 THEN 'month' ELSE 'year' END AS date_precision
            FROM attrs
        ),
        final AS (
            SELECT dated.*, c.quad_class, c.cameo_code, c.trigger, c.phrase,
                   round(greatest(-10, least(10, c.intensity + (rnd(sk, 'int') - 0.5) * 2)), 1)
                       AS intensity,
                   round(0.5 + rnd(sk, 'conf') * 0.5, 2) AS confidence,
                   greatest(DATE '{FIRST_DAY}', least(DATE '{LAST_DAY}', CASE
                       WHEN date_source IS NULL THEN NULL
                       WHEN date_source = 'publication' THEN story_date
                       WHEN date_precision = 'day' AND modality = 'planned'
                           THEN story_date + floor(u_off * 30)::INTEGER
                       WHEN date_precision = 'day' THEN story_date - floor(u_off * 10)::INTEGER
                       WHEN date_precision = 'month'
                           THEN date_trunc('month', story_date - floor(u_off * 45)::INTEGER)::DATE
                       ELSE date_trunc('year', story_date - floor(u_off * 200)::INTEGER)::DATE
                   END)) AS event_date,
                   ' ' || c.phrase || coalesce(' on ' || ctx.words, '') AS predicate
            FROM dated
            JOIN g_category c USING (event_type)
            LEFT JOIN g_context ctx USING (context)
        )
        SELECT * EXCLUDE (u_dsrc, u_prec, u_off),
               CASE date_precision WHEN 'day' THEN ' on ' ELSE ' in ' END AS date_word,
               CASE WHEN date_source = 'timex' THEN CASE date_precision
                   WHEN 'day' THEN strftime(event_date, '%-d %B %Y')
                   WHEN 'month' THEN strftime(event_date, '%B %Y')
                   ELSE strftime(event_date, '%Y') END END AS timex_text
        FROM final""")

    # Story-level participants, with their offset inside the event sentence.
    con.execute(f"""
        CREATE TEMP TABLE g_spart AS
        WITH p AS (
            SELECT story, k, sk, np, unnest(range(np)) AS p FROM g_sev
        ),
        drawn AS (
            SELECT *, sk * 4 + p AS pk FROM p
        ),
        picks AS (
            SELECT drawn.*, g_country.crank,
                   least({n_orgs - 1}, floor({n_orgs} * pow(rnd(pk, 'org'), 1.5)))::INTEGER
                       AS orank,
                   floor(rnd(pk, 'sector') * 2)::INTEGER AS sector_no,
                   rnd(pk, 'kind') AS u_kind, rnd(pk, 'role') AS u_role
            FROM drawn ASOF JOIN g_country ON rnd(drawn.pk, 'country') >= g_country.cum_lo
        ),
        kinds AS (
            SELECT *,
                   CASE WHEN u_kind < 0.04 THEN 'unlinked'
                        WHEN u_kind < 0.16 THEN 'org'
                        WHEN u_kind < 0.28 AND crank < {SECTOR_COUNTRIES} THEN 'sector'
                        ELSE 'country' END AS kind
            FROM picks
        ),
        resolved AS (
            SELECT kinds.story, kinds.k, kinds.p, kinds.np, kinds.kind, kinds.u_role,
                   CASE kind WHEN 'country' THEN c.actor_id WHEN 'sector' THEN s.actor_id
                             WHEN 'org' THEN o.actor_id END AS actor_id,
                   CASE kind WHEN 'country' THEN c.actor_id WHEN 'sector' THEN s.country_code
                             WHEN 'org' THEN o.country_code END AS country_code,
                   CASE kind WHEN 'country' THEN c.actor_id WHEN 'sector' THEN s.code
                             WHEN 'org' THEN o.code END AS code,
                   CASE kind WHEN 'country' THEN c.name WHEN 'sector' THEN s.text
                             WHEN 'org' THEN o.text
                             ELSE {unlinked}[1 + floor(rnd(pk, 'who') * {len(UNLINKED)})::INTEGER]
                   END AS text,
                   CASE kind WHEN 'country' THEN 'GPE' ELSE 'ORG' END AS label
            FROM kinds
            JOIN g_country c USING (crank)
            LEFT JOIN g_sector s ON s.crank = kinds.crank AND s.sector_no = kinds.sector_no
            JOIN g_org o USING (orank)
        ),
        distinct_participants AS (   -- the same actor twice in one event is one participant
            SELECT * EXCLUDE (p), row_number() OVER (PARTITION BY story, k ORDER BY p) - 1 AS p
            FROM resolved
            QUALIFY row_number() OVER (PARTITION BY story, k, coalesce(actor_id, text)
                                       ORDER BY p) = 1
        )
        SELECT * EXCLUDE (np, u_role),
               CASE WHEN p = 0 OR (p = 1 AND np >= 3 AND u_role < 0.5) THEN 'actor'
                    ELSE 'recipient' END AS role,
               coalesce(sum(length(text) + 2) OVER (
                   PARTITION BY story, k ORDER BY p
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::INTEGER AS offset_in
        FROM distinct_participants""")

    # Story texts: dateline sentence (relative timex), event sentences, reference sentence.
    con.execute("""
        CREATE TEMP TABLE g_ssent AS
        WITH named AS (
            SELECT story, k, string_agg(text, ', ' ORDER BY p) AS names
            FROM g_spart GROUP BY story, k
        ),
        event_sentences AS (
            SELECT e.story, e.k + 1 AS sentence_index,
                   n.names || e.predicate
                       || coalesce(e.date_word || e.timex_text, '') || '.' AS sentence,
                   length(n.names) + 1 AS trigger_in,
                   CASE WHEN e.timex_text IS NOT NULL
                        THEN length(n.names) + length(e.predicate) + length(e.date_word) END
                       AS timex_in
            FROM g_sev e JOIN named n USING (story, k)
        ),
        stories AS (
            SELECT story, story_date, n_story_ev FROM g_art WHERE NOT is_copy
        ),
        other_sentences AS (
            SELECT story, 0 AS sentence_index,
                   'Officials briefed reporters on ' || dayname(story_date) || '.' AS sentence,
                   NULL::INTEGER AS trigger_in, 31 AS timex_in
            FROM stories
            UNION ALL
            SELECT story, n_story_ev + 1, 'Reference number ' || story || '.', NULL, NULL
            FROM stories
        ),
        sentences AS (
            SELECT * FROM event_sentences UNION ALL SELECT * FROM other_sentences
        )
        SELECT *,
               coalesce(sum(length(sentence) + 1) OVER (
                   PARTITION BY story ORDER BY sentence_index
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::INTEGER AS start_char
        FROM sentences""")

    con.execute("""
        CREATE TEMP TABLE g_text AS
        WITH story_text AS (
            SELECT story, string_agg(sentence, ' ' ORDER BY sentence_index) AS text
            FROM g_ssent GROUP BY story
        ),
        texts AS (
            SELECT g_art.*, story_text.text
                || CASE WHEN is_copy THEN ' This story was distributed by ' || source || '.'
                        ELSE '' END AS text
            FROM g_art JOIN story_text USING (story)
        )
        SELECT *, sha256(lower(text)) AS content_hash FROM texts""")

    con.execute("""
        INSERT INTO articles BY NAME
        WITH first_sentence AS (
            SELECT story, sentence FROM g_ssent WHERE sentence_index = 1
        ),
        final AS (
            SELECT
                content_hash[:16] AS article_id,
                g_text.source,
                'https://news.example/' || lower(replace(g_text.source, ' ', '-')) || '/'
                    || strftime(story_date, '%Y/%m/%d') || '/story-' || a AS url,
                rtrim(left(first_sentence.sentence, 90), '.') AS title,
                (story_date + INTERVAL 6 HOUR
                    + to_minutes(floor(rnd(a, 'minute') * 900)::BIGINT)
                    + CASE WHEN is_copy THEN INTERVAL 3 HOUR ELSE INTERVAL 0 HOUR END
                )::TIMESTAMPTZ AS published_at,
                (story_date + INTERVAL 1 DAY
                    + to_minutes(floor(rnd(a, 'fetch') * 600)::BIGINT))::TIMESTAMPTZ
                    AS fetched_at,
                'en' AS language,
                text,
                content_hash,
                (length(text) - length(replace(text, ' ', '')) + 1)::INTEGER AS word_count,
                story_date AS anchor_date,
                TIMESTAMPTZ '2026-11-30 00:00:00+00' AS loaded_at,
                'https://news.example/' || lower(replace(g_text.source, ' ', '-')) || '/'
                    || strftime(story_date, '%Y/%m/%d') || '/story-' || a AS canonical_url,
                ['feed', 'feed', 'feed', 'page', 'url'][1 + floor(rnd(a, 'dsrc') * 5)::INTEGER]
                    AS date_source
            FROM g_text JOIN first_sentence USING (story)
        )
        SELECT * FROM final ORDER BY url""")

    con.execute("""
        INSERT INTO article_duplicates BY NAME
        SELECT copy.content_hash[:16] AS article_id, orig.content_hash[:16] AS duplicate_of,
               round(0.8 + rnd(copy.a, 'sim') * 0.19, 3) AS similarity, 'minhash' AS method,
               TIMESTAMPTZ '2026-11-30 00:00:00+00' AS detected_at
        FROM g_text AS copy JOIN g_text AS orig ON orig.a = copy.original
        WHERE copy.is_copy""")

    # Article-level rows: each article's events are its story's first n_ev events.
    con.execute("""
        CREATE TEMP TABLE g_aev AS
        SELECT t.a, t.content_hash[:16] AS article_id, e.*, s.start_char AS sentence_start,
               s.start_char + s.trigger_in AS trigger_start,
               sha1(t.content_hash[:16] || '|' || (e.k + 1) || '|' || (s.start_char + s.trigger_in)
                    || '|' || e.event_type)[:16] AS event_id
        FROM g_text AS t
        JOIN g_sev AS e ON e.story = t.story AND e.k < t.n_ev
        JOIN g_ssent AS s ON s.story = e.story AND s.sentence_index = e.k + 1""")

    con.execute("""
        INSERT INTO events BY NAME
        SELECT event_id, article_id, k + 1 AS sentence_index,
               sentence_start AS start_char,
               sentence_start + length(s.sentence) AS end_char,
               s.sentence, trigger, event_type, cameo_code, quad_class, intensity, context,
               modality, event_date, date_precision, date_source, confidence,
               'events-0.1' AS extractor_version
        FROM g_aev JOIN g_ssent AS s ON s.story = g_aev.story AND s.sentence_index = g_aev.k + 1
        ORDER BY a, k""")

    con.execute("""
        INSERT INTO event_participants BY NAME
        SELECT e.event_id, p.role, p.actor_id, p.country_code, p.code, p.text
        FROM g_aev AS e JOIN g_spart AS p USING (story, k)
        ORDER BY e.a, e.k, p.p""")

    con.execute("""
        INSERT INTO entity_mentions BY NAME
        SELECT e.article_id, e.k + 1 AS sentence_index,
               e.sentence_start + p.offset_in AS start_char,
               e.sentence_start + p.offset_in + length(p.text) AS end_char,
               p.text, p.label, p.actor_id
        FROM g_aev AS e JOIN g_spart AS p USING (story, k)
        WHERE p.actor_id IS NOT NULL
        ORDER BY e.a, e.k, p.p""")

    con.execute("""
        INSERT INTO timexes BY NAME
        WITH event_timexes AS (
            SELECT e.a, e.article_id, e.k + 1 AS sentence_index,
                   e.sentence_start + s.timex_in AS start_char,
                   e.sentence_start + s.timex_in + length(e.timex_text) AS end_char,
                   e.timex_text AS text, 'DATE' AS timex_type,
                   CASE e.date_precision WHEN 'day' THEN strftime(e.event_date, '%Y-%m-%d')
                        WHEN 'month' THEN strftime(e.event_date, '%Y-%m')
                        ELSE strftime(e.event_date, '%Y') END AS value,
                   e.event_date AS range_start,
                   CASE e.date_precision WHEN 'day' THEN e.event_date
                        WHEN 'month' THEN last_day(e.event_date)
                        ELSE make_date(year(e.event_date), 12, 31) END AS range_end,
                   e.date_precision AS granularity, NULL AS anchor
            FROM g_aev AS e
            JOIN g_ssent AS s ON s.story = e.story AND s.sentence_index = e.k + 1
            WHERE e.timex_text IS NOT NULL
        ),
        dateline_timexes AS (
            SELECT t.a, t.content_hash[:16], 0, 31, 31 + length(dayname(t.story_date)),
                   dayname(t.story_date), 'DATE', strftime(t.story_date, '%Y-%m-%d'),
                   t.story_date, t.story_date, 'day', strftime(t.story_date, '%Y-%m-%d')
            FROM g_text AS t
        )
        SELECT * EXCLUDE (a) FROM (
            SELECT * FROM event_timexes UNION ALL SELECT * FROM dateline_timexes
        ) ORDER BY a, sentence_index""")

    for table in ("g_aev", "g_text", "g_ssent", "g_spart", "g_sev", "g_art"):
        con.execute(f"DROP TABLE {table}")


TABLES = ("articles", "article_duplicates", "actors", "entity_mentions", "timexes", "events",
          "event_participants", "event_dyad_rows")


def generate(out: Path | str, events: int = 1_000_000, seed: int = 7, audit: bool = False,
             docs_dir: Path | None = None, skew: float = 1.0) -> dict:
    """Build the synthetic warehouse at `out` (a file, or a `ducklake:` catalog) the way a
    publish does; returns its shape and the time of each step (seconds)."""
    from entente.warehouse.audit import audit as run_audit, record_audit
    from entente.warehouse.clusters import assign_clusters

    settings = Settings(warehouse=str(out))
    store = open_warehouse(settings)
    timings: dict[str, float] = {}
    info: dict = {}

    def build(con: duckdb.DuckDBPyConnection) -> None:
        start = time.perf_counter()
        info.update(_lookup_tables(con, seed, skew))
        _generate_rows(con, events, seed)
        timings["rows"] = time.perf_counter() - start
        start = time.perf_counter()
        info["clusters"] = assign_clusters(con, settings.sql_dir)
        timings["clusters"] = time.perf_counter() - start
        if audit:
            start = time.perf_counter()
            ids = [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()]
            outcome = run_audit(con, ids, settings.expectations_dir,
                                docs_dir or store.staging.root.parent / "quality",
                                settings.sql_dir)
            record_audit(con, outcome)
            info["audit"] = outcome
            timings["audit"] = time.perf_counter() - start
        checkpoint_start = time.perf_counter()
        info["rows"] = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                        for t in TABLES}
        timings["_before_checkpoint"] = checkpoint_start

    if settings.is_lake:
        if store.exists():
            raise SystemExit(f"{out}: exists; the generator starts from an empty lake")
    else:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        for stale in (out, Path(f"{out}.wal")):
            stale.unlink(missing_ok=True)
    start = time.perf_counter()
    store.publish(build)
    end = time.perf_counter()
    timings["checkpoint_publish"] = end - timings.pop("_before_checkpoint")
    timings["total"] = end - start
    info["timings"] = timings
    info["file_mb"] = storage_bytes(store) / 2**20
    return info


def storage_bytes(warehouse) -> int:
    """Bytes on disk: the DuckDB file, or a DuckLake's catalog file and data folder."""
    if not isinstance(warehouse, DuckLakeWarehouse):
        return warehouse.path.stat().st_size
    catalog = warehouse.address.catalog_file
    total = catalog.stat().st_size if catalog is not None and catalog.exists() else 0
    data = Path(warehouse.data_path)
    return total + sum(f.stat().st_size for f in data.rglob("*") if f.is_file())


@dataclass
class Query:
    view: str
    kind: str          # "all rows", "drill-down", "count"
    sql: str
    params: list


def analyst_queries(warehouse: Path | str, sql_dir: Path | None = None) -> list[Query]:
    """The query timed per view (see the module docstring)."""
    from entente.warehouse.migrate import view_files

    with _reader(warehouse) as con:
        year = con.execute("""
            SELECT coalesce(max(year(event_date))
                                FILTER (WHERE event_date < date_trunc('year', max_date)),
                            max(year(event_date)))
            FROM events, (SELECT max(event_date) AS max_date FROM events)""").fetchall()[0][0]
        a, b = con.execute("""
            SELECT country_a, country_b FROM cooperation_dyads_yearly
            WHERE period = ? ORDER BY events DESC, country_a, country_b LIMIT 1""",
                           [year]).fetchall()[0]
        cluster = con.execute("""
            SELECT cluster_id FROM dyad_evidence
            WHERE country_a = ? AND country_b = ? AND year = ? AND is_cooperation
            GROUP BY cluster_id ORDER BY count(*) DESC, cluster_id LIMIT 1""",
                              [a, b, year]).fetchall()[0][0]
    dyad_year = [a, b, year]
    drill = {
        "event_dyads": ("SELECT * FROM event_dyads WHERE country_a = ? AND country_b = ? "
                        "AND year(event_date) = ?", dyad_year),
        "cooperation_dyads": ("SELECT * FROM cooperation_dyads WHERE country_a = ? "
                              "AND country_b = ? AND year(event_date) = ?", dyad_year),
        "cooperation_events": ("SELECT * FROM cooperation_events WHERE list_has_all(countries, "
                               "[?, ?]) AND year(event_date) = ?", dyad_year),
        "dyad_evidence": ("SELECT * FROM dyad_evidence WHERE country_a = ? AND country_b = ? "
                          "AND year = ? AND is_cooperation", dyad_year),
        "event_provenance": ("SELECT * FROM event_provenance WHERE cluster_id = ?", [cluster]),
        # one row per report / per event: the same drill-downs (one cluster; one dyad-year)
        "report_status": ("SELECT * FROM report_status WHERE cluster_id = ?", [cluster]),
        "counted_events": ("SELECT * FROM counted_events WHERE list_has_all(countries, "
                           "[?, ?]) AND year = ?", dyad_year),
    }
    queries = []
    for path in sorted(view_files(sql_dir or Settings().sql_dir), key=lambda p: p.stem):
        view = path.stem
        if view in drill:
            sql, params = drill[view]
            queries.append(Query(view, "drill-down", sql, params))
            queries.append(Query(view, "count", f"SELECT count(*) FROM {view}", []))
        else:
            queries.append(Query(view, "all rows", f"SELECT * FROM {view}", []))
    return queries


def time_query(warehouse: Path | str, query: Query, runs: int = 5) -> dict:
    """One warm-up, then `runs` timed runs, each on a fresh read-only connection."""
    times, cpus, connects, rows = [], [], [], 0
    for attempt in range(runs + 1):
        start = time.perf_counter()
        with _reader(warehouse) as con:
            connected = time.perf_counter()
            cpu_before = _cpu_seconds()
            result = con.execute(query.sql, query.params).fetchall()
            done = time.perf_counter()
            cpu = _cpu_seconds() - cpu_before
        rows = result[0][0] if query.kind == "count" else len(result)
        del result
        if attempt:
            times.append((done - connected) * 1000)
            cpus.append(cpu * 1000)
            connects.append((connected - start) * 1000)
    return {"view": query.view, "kind": query.kind, "rows": rows,
            "median_ms": statistics.median(times), "max_ms": max(times),
            "cpu_ms": statistics.median(cpus), "connect_ms": statistics.median(connects)}


def _reader(warehouse: Path | str):
    """A fresh read-only connection, as an analyst opens one (`Warehouse.reader()`)."""
    return open_warehouse(Settings(warehouse=str(warehouse))).reader()


def _cpu_seconds() -> float:
    """CPU time of this process, all DuckDB threads included (less sensitive than wall time
    to other work on a shared machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bench(warehouse: Path | str, runs: int = 5, only: list[str] | None = None) -> list[dict]:
    results = []
    for query in analyst_queries(warehouse):
        if only and query.view not in only:
            continue
        result = time_query(warehouse, query, runs)
        result["sql"] = query.sql
        result["params"] = query.params
        results.append(result)
        print(f"  {query.view:32s} {query.kind:10s} {result['rows']:>10,d} rows "
              f"{result['median_ms']:8.1f} ms (max {result['max_ms']:.1f}, "
              f"cpu {result['cpu_ms']:.0f})", flush=True)
    return results


def print_table(results: list[dict], limit_ms: float) -> None:
    print()
    print("| view | query | rows | median ms | max ms | cpu ms | < {:.0f} ms |".format(limit_ms))
    print("|---|---|---:|---:|---:|---:|---|")
    for r in results:
        sql = r["sql"]
        for value in r["params"]:
            sql = sql.replace("?", repr(value), 1)
        verdict = "pass" if r["median_ms"] < limit_ms else "FAIL"
        print(f"| {r['view']} | `{sql}` | {r['rows']:,} | {r['median_ms']:.0f} | "
              f"{r['max_ms']:.0f} | {r['cpu_ms']:.0f} | {verdict} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--country-skew", type=float, default=1.0,
                        help="Zipf exponent of country popularity (default 1.0)")
    parser.add_argument("--out", help="warehouse file or ducklake: catalog (default: a temp dir)")
    parser.add_argument("--backend", choices=("duckdb", "ducklake"), default="duckdb",
                        help="with no --out: a DuckDB file or a DuckLake (SQLite catalog)")
    parser.add_argument("--keep", action="store_true", help="keep the temp warehouse")
    parser.add_argument("--reuse", action="store_true",
                        help="time an existing --out warehouse without generating it")
    parser.add_argument("--audit", action="store_true",
                        help="also run the Great Expectations audit on the generated load")
    parser.add_argument("--generate-only", action="store_true", help="do not time the views")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit-ms", type=float, default=LIMIT_MS)
    parser.add_argument("--view", action="append", help="time only this view (repeatable)")
    args = parser.parse_args(argv)

    tmp = None
    if args.out:
        warehouse = args.out
    else:
        tmp = Path(tempfile.mkdtemp(prefix="entente-bench-views-"))
        warehouse = (f"ducklake:sqlite:{tmp / 'catalog.sqlite'}" if args.backend == "ducklake"
                     else tmp / "warehouse.duckdb")
    try:
        if not args.reuse:
            print(f"generating {args.events:,} events (seed {args.seed}) into {warehouse}",
                  flush=True)
            info = generate(warehouse, args.events, args.seed, audit=args.audit,
                            docs_dir=(tmp or Path(str(warehouse).rpartition(":")[2]).parent) / "quality",
                            skew=args.country_skew)
            t = info["timings"]
            print(f"  generated in {t['total']:.1f} s: rows {t['rows']:.1f} s, clusters "
                  f"(assign_clusters) {t['clusters']:.1f} s, "
                  + (f"audit {t['audit']:.1f} s, " if "audit" in t else "")
                  + f"checkpoint + publish {t['checkpoint_publish']:.1f} s; "
                  f"file {info['file_mb']:.0f} MB")
            print("  " + ", ".join(f"{k} {v:,}" for k, v in info["rows"].items())
                  + f"; {info['clusters']:,} clusters; {info['countries']} countries, "
                  f"{info['organisations']} organisations")
            if "audit" in info:
                outcome = info["audit"]
                print(f"  audit: {'passed' if outcome.success else 'FAILED'}")
                if not outcome.success:
                    print(outcome.failure_message())
                    return 2
        if args.generate_only:
            return 0
        print(f"timing views ({args.runs} runs after a warm-up, fresh read-only connection each)",
              flush=True)
        results = bench(warehouse, args.runs, args.view)
        print_table(results, args.limit_ms)
        failed = [r for r in results if r["median_ms"] >= args.limit_ms]
        print(f"\n{len(results) - len(failed)}/{len(results)} queries under "
              f"{args.limit_ms:.0f} ms")
        return 1 if failed else 0
    finally:
        if tmp is not None and not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
