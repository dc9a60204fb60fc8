"""Hand-made staged articles and extractions, as ingest and the NLP stage would write them,
for tests of the warehouse, the reports and the CLI that need no spaCy."""
from __future__ import annotations

from datetime import datetime, timezone

from entente import EXTRACTOR_VERSION
from entente.extract import extraction_tables
from entente.ingest.frames import article_frame
from entente.sources.article import Article

TEXT = ("On April 8, 2010, the United States and Russia signed the New START treaty in Prague. "
        "Both sides praised the deal.")
TABLES = ("entity_mentions", "timexes", "events", "event_participants", "actors")


def stage_article(warehouse, text=TEXT, event_type="AGREE", quad_class=1, end=None,
                  event_date="2010-04-08"):
    """Stage one article and an extraction of it as the NLP stage would write it."""
    article = Article(source="test", title="New START signed", text=text,
                      published_at=datetime(2010, 4, 9, tzinfo=timezone.utc))
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    warehouse.staging.write_extracted(batch_id, extraction_tables(
        extraction_of(article, text, event_type, quad_class, end, event_date)))
    return article, batch_id


def extraction_of(article, text, event_type, quad_class, end, event_date) -> dict:
    sentence = text[:text.index(".") + 1]
    event = f"e-{article.article_id}"
    return {
        "entity_mentions": [
            {"article_id": article.article_id, "sentence_index": 0, "start_char": 22,
             "end_char": 39, "text": text[22:39], "label": "GPE", "actor_id": "USA"},
            {"article_id": article.article_id, "sentence_index": 0, "start_char": 44,
             "end_char": 50, "text": text[44:50], "label": "GPE", "actor_id": "RUS"}],
        "timexes": [{"article_id": article.article_id, "sentence_index": 0, "start_char": 3,
                     "end_char": 16, "text": text[3:16], "timex_type": "DATE",
                     "value": "2010-04-08", "range_start": "2010-04-08",
                     "range_end": "2010-04-08", "granularity": "day", "anchor": None}],
        "events": [{"event_id": event, "article_id": article.article_id, "sentence_index": 0,
                    "start_char": 0, "end_char": end or len(sentence), "sentence": sentence,
                    "trigger": "signed", "event_type": event_type, "cameo_code": "057",
                    "quad_class": quad_class, "intensity": 6.5, "context": "military",
                    "modality": "asserted", "event_date": event_date,
                    "date_precision": "day", "date_source": "timex", "confidence": 0.9,
                    "extractor_version": EXTRACTOR_VERSION}],
        "event_participants": [
            {"event_id": event, "role": "actor", "actor_id": "USA", "country_code": "USA",
             "code": "USA", "text": "the United States"},
            {"event_id": event, "role": "actor", "actor_id": "RUS", "country_code": "RUS",
             "code": "RUS", "text": "Russia"}],
        "actors": [{"actor_id": "USA", "name": "United States", "actor_type": "country",
                    "country_code": "USA", "code": "USA"},
                   {"actor_id": "RUS", "name": "Russia", "actor_type": "country",
                    "country_code": "RUS", "code": "RUS"}],
    }


def empty_events():
    return extraction_tables({k: [] for k in TABLES})["events"]


def table_counts(warehouse) -> dict[str, int]:
    with warehouse.reader() as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "entity_mentions", "timexes", "events",
                          "event_participants", "actors")}


# --- stories: several articles with hand-coded events, for the figures and the report pages --

# Every actor the stories use: actor_id → (name, actor_type, country_code).
STORY_ACTORS = {
    "USA": ("United States", "country", "USA"), "RUS": ("Russia", "country", "RUS"),
    "FRA": ("France", "country", "FRA"), "GBR": ("United Kingdom", "country", "GBR"),
    "DEU": ("Germany", "country", "DEU"), "IRN": ("Iran", "country", "IRN"),
    "IRQ": ("Iraq", "country", "IRQ"), "SUN": ("Soviet Union", "country", "SUN"),
    "DDR": ("East Germany", "country", "DDR"), "IGOWHO": ("WHO", "igo", None),
    "IGOEUR": ("European Union", "igo", None), "IGOUNO": ("United Nations", "igo", None),
}
CATEGORY_QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "AID": 2, "COOPERATE": 2,
                 "DEMAND": 3, "ACCUSE": 3, "SANCTION": 4}


def stage_story(warehouse, sentences: list[str], events: list[dict], published=None,
                source="wire", title="A story", url=None):
    """Stage one article made of `sentences` and its coded `events`: each event names its
    sentence (index), trigger, category, actors and recipients (actor ids of STORY_ACTORS),
    date and precision, modality (default asserted) and is_multilateral (default False)."""
    text = " ".join(sentences)
    article = Article(source=source, title=title, text=text, url=url, published_at=published,
                      fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    batch_id = warehouse.staging.stage_batch(article_frame([article], {}))
    rows = {k: [] for k in TABLES}
    starts = [sum(len(s) + 1 for s in sentences[:i]) for i in range(len(sentences))]
    for number, spec in enumerate(events):
        _story_event(rows, article, sentences, starts, number, spec)
    used = {p["actor_id"] for p in rows["event_participants"]}
    rows["actors"] = [{"actor_id": a, "name": STORY_ACTORS[a][0], "actor_type": STORY_ACTORS[a][1],
                       "country_code": STORY_ACTORS[a][2], "code": a} for a in sorted(used)]
    warehouse.staging.write_extracted(batch_id, extraction_tables(rows))
    return article


def _story_event(rows: dict, article, sentences, starts, number: int, spec: dict) -> None:
    index = spec.get("sentence", 0)
    event_id = f"e-{article.article_id}-{number}"
    category = spec["type"]
    rows["events"].append({
        "event_id": event_id, "article_id": article.article_id, "sentence_index": index,
        "start_char": starts[index], "end_char": starts[index] + len(sentences[index]),
        "sentence": sentences[index], "trigger": spec["trigger"], "event_type": category,
        "cameo_code": None, "quad_class": CATEGORY_QUAD[category], "intensity": 1.0,
        "context": None, "modality": spec.get("modality", "asserted"),
        "event_date": spec.get("date"), "date_precision": spec.get("precision", "day"),
        "date_source": "timex" if spec.get("date") else "publication", "confidence": 0.9,
        "extractor_version": EXTRACTOR_VERSION, "is_multilateral": spec.get("multilateral", False)})
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        for code in spec.get(key, []):
            rows["event_participants"].append({
                "event_id": event_id, "role": role, "actor_id": code,
                "country_code": STORY_ACTORS[code][2], "code": code, "text": STORY_ACTORS[code][0]})


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def stage_known_stories(warehouse) -> None:
    """Seven articles whose events are known (tests/reporting/test_figures.py counts them):
    one signing reported by two outlets (one event, two reports), a negated and a hypothetical
    report, an undated one, one dated 76 years before its article, an event naming one country,
    a multilateral one, a West German–East German conflict, one between IGOs only, and one with
    two countries on one side only."""
    signing = "On April 8, 2010, the United States and Russia signed the New START treaty."
    stage_story(warehouse, [signing, "Russia did not sign a second accord with the United States."],
                [{"trigger": "signed", "type": "AGREE", "actors": ["USA", "RUS"],
                  "date": "2010-04-08"},
                 {"sentence": 1, "trigger": "sign", "type": "AGREE", "actors": ["RUS"],
                  "recipients": ["USA"], "date": "2010-04-09", "modality": "negated"}],
                published=utc(2010, 4, 9), source="wire-a", title="New START signed",
                url="https://example.org/new-start")
    stage_story(warehouse, [signing.replace("treaty.", "treaty in Prague."),
                            "If Iran signed, France would help."],
                [{"trigger": "signed", "type": "AGREE", "actors": ["RUS", "USA"],
                  "date": "2010-04-08"},
                 {"sentence": 1, "trigger": "help", "type": "AID", "actors": ["FRA"],
                  "recipients": ["IRN"], "date": "2010-04-10", "modality": "hypothetical"}],
                published=utc(2010, 4, 10), source="wire-b", title="Treaty in Prague")
    stage_story(warehouse, ["France paid the bonds Russia issued in 1911.",
                            "Russia launched a weather satellite on May 30."],
                [{"trigger": "paid", "type": "AID", "actors": ["FRA"], "recipients": ["RUS"],
                  "date": "1911-01-01", "precision": "year"},
                 {"sentence": 1, "trigger": "launched", "type": "COOPERATE", "actors": ["RUS"],
                  "date": "1987-05-30"}],
                published=utc(1987, 6, 1), source="wire-a", title="Old bonds")
    stage_story(warehouse, ["Britain, France and West Germany agreed with the Soviet Union "
                            "on May 31.", "West Germany accused East Germany of spying."],
                [{"trigger": "agreed", "type": "AGREE", "actors": ["GBR", "FRA", "DEU"],
                  "recipients": ["SUN"], "date": "1989-05-31", "multilateral": True},
                 {"sentence": 1, "trigger": "accused", "type": "ACCUSE", "actors": ["DEU"],
                  "recipients": ["DDR"], "date": "1989-05-30"}],
                published=utc(1989, 6, 1), source="wire-b", title="<b>Cold</b> war & peace",
                url="javascript:alert(1)")
    stage_story(warehouse, ["The WHO and the EU agreed on a vaccine plan.",
                            "The UN urged Iran and Iraq to talk."],
                [{"trigger": "agreed", "type": "AGREE", "actors": ["IGOWHO", "IGOEUR"],
                  "date": "2021-03-01"},
                 {"sentence": 1, "trigger": "urged", "type": "DEMAND", "actors": ["IGOUNO"],
                  "recipients": ["IRN", "IRQ"], "date": "2021-03-02"}],
                published=utc(2021, 3, 3), source="wire-c", title="Vaccines and talks")
    stage_story(warehouse, ["Officials said Russia would cooperate with France."],
                [{"trigger": "cooperate", "type": "COOPERATE", "actors": ["RUS"],
                  "recipients": ["FRA"], "date": None}],
                published=None, source="inbox", title="Undated note")
