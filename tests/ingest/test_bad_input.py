"""Bad input generated here, beside good articles, through the real stages (inbox and feed
readers, spaCy, DuckDB, Great Expectations): each odd file is processed or quarantined with a
recorded reason, nothing stops the run, and the good articles are published."""
from __future__ import annotations

import json
import shutil

import pytest

from locations import PROJECT
from entente import stages
from entente.settings import Settings
from entente.sources.decoding import decode_file
from entente.sources.registry import Source
from entente.sources.rejects import Rejected
from entente.warehouse import open_warehouse

SAMPLES = PROJECT / "data" / "samples" / "articles"
GOOD = ("1993-09-13-oslo-accords-signed.txt", "1998-11-20-zarya-launch.md")
TREATY = ("The foreign ministers of Norway and Sweden signed a fisheries agreement in Oslo on "
          "Tuesday, committing both governments to share catch data and patrol the border "
          "waters together. Officials said the accord would be reviewed every year.")
FRENCH = ("La Fédération de Russie et la République française ont signé mardi à Paris un accord "
          "de coopération spatiale. Les ministres ont déclaré que la collaboration serait "
          "approfondie d'ici la fin de la décennie, selon un communiqué commun.")
GERMAN = ("Die Bundesregierung und die französische Regierung haben am Dienstag in Paris ein "
          "Abkommen über die gemeinsame Entwicklung eines Kampfflugzeugs unterzeichnet. Die "
          "Minister erklärten, die Zusammenarbeit solle bis zum Ende des Jahrzehnts vertieft werden.")
NAMES = ("Barack Obama Vladimir Putin Angela Merkel Xi Jinping Emmanuel Macron Narendra Modi "
         "Recep Tayyip Erdogan Jacinda Ardern Justin Trudeau Cyril Ramaphosa Lula da Silva")
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title>
<description>&lol3;</description></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title>
<description>&xxe;</description></item></channel></rss>"""


def write_bad_inbox(folder):
    """Every kind of bad input we guard against, beside two good sample articles."""
    folder.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
    files = {
        "empty.txt": b"",
        "blank.md": b"  \n\n\t \n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "random.txt": bytes((i * 7919) % 256 for i in range(6000)),
        "invalid-utf8.txt": ("Accord signé\n\n" + TREATY.replace("Oslo", "Tromsø")).encode()
                            + b" \xff\xfe broken tail.",
        "latin-1.txt": ("Accord de coopération\n\n" + FRENCH).encode("latin-1"),
        "nul-bytes.txt": ("Fisheries accord\n\n" + TREATY.replace("Tuesday", "Tues\x00day")
                          + "\x00\x00").encode(),
        "five-megabytes.txt": ("Huge\n\n" + (TREATY + "\n\n") * (5_000_000 // len(TREATY))).encode(),
        "one-line.txt": ("Line\n" + "word " * 220_000).encode(),
        "no-body.html": b"<html><head><title>Only a head</title></head></html>",
        "1900.md": ("---\ntitle: Old\npublished: 1900-06-01\n---\nIn June 1900 the United "
                    "Kingdom and Japan began talks on a naval agreement in London.").encode(),
        "2100.md": ("---\ntitle: Future\npublished: 2100-01-01\n---\n" + TREATY.replace(
                    "Norway", "Finland")).encode(),
        "dates-in-text.txt": ("Dates\n\nIn 1850, Britain and France signed a treaty of "
                              "friendship in Paris. By 2100 the two countries plan a joint "
                              "mission, the ministers agreed on 3 March 2024.").encode(),
        "copy-a.txt": ("Copy\n\n" + TREATY.replace("Sweden", "Denmark")).encode(),
        "copy-b.txt": ("Copy again\n\n" + TREATY.replace("Sweden", "Denmark")).encode(),
        "records.jsonl": "\n".join([
            json.dumps({"title": "A", "url": "https://example.org/a", "text": TREATY.replace(
                "Norway", "Iceland")}),
            json.dumps({"title": "A, edited", "url": "https://example.org/a?utm_source=x",
                        "text": TREATY.replace("Norway", "Iceland") + " Updated."}),
            "{not json",
            json.dumps({"title": 7, "text": TREATY.replace("Norway", "Estonia")}),
            json.dumps({"text": None}),
        ]).encode(),
        "german.txt": ("Abkommen\n\n" + GERMAN).encode(),
        "names.txt": ("Names\n\n" + NAMES).encode(),
        "utf16.txt": ("UTF-16\n\n" + TREATY.replace("Norway", "Latvia")).encode("utf-16"),
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / "laughs.xml").write_bytes(LAUGHS)
    (folder / "xxe.xml").write_bytes(XXE)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-input")
    inbox = root / "inbox"
    write_bad_inbox(inbox)
    settings = Settings(warehouse=str(root / "warehouse.duckdb"), reports=root / "reports")
    warehouse = open_warehouse(settings)
    sources = [Source(name="box", kind="inbox", path=inbox),
               Source(name="laughs", kind="feed", path=inbox / "laughs.xml"),
               Source(name="xxe", kind="feed", path=inbox / "xxe.xml")]
    ingested = stages.ingest(settings, warehouse, sources)
    for batch_id in warehouse.staging.pending_batches():
        stages.extract(settings, warehouse, batch_id)
    result = stages.publish(settings, warehouse)
    again = stages.ingest(settings, warehouse, sources)  # the same bad input on the next run
    for batch_id in warehouse.staging.pending_batches():
        stages.extract(settings, warehouse, batch_id)
    stages.publish(settings, warehouse)
    with warehouse.reader() as con:
        yield {"ingested": ingested, "again": again, "result": result, "con": con,
               "inbox": inbox}


def quarantined(con, name: str) -> list[tuple]:
    return con.execute("SELECT reason_code, action FROM quarantine WHERE location LIKE ? "
                       "ORDER BY reason_code", [f"%{name}%"]).fetchall()


def article(con, name: str):
    return con.execute("SELECT a.article_id, a.text, a.published_at, a.language, a.title "
                       "FROM articles a JOIN quarantine q USING (article_id) "
                       "WHERE q.location LIKE ? LIMIT 1", [f"%{name}%"]).fetchone()


def test_the_run_publishes_and_keeps_the_good_articles(published):
    assert published["result"].published
    titles = {row[0] for row in published["con"].execute("SELECT title FROM articles").fetchall()}
    assert {"Israel and the PLO Sign Declaration of Principles at the White House",
            "First space station module Zarya reaches orbit"} <= titles
    events = published["con"].execute("SELECT count(*) FROM events").fetchone()[0]
    assert events > 0
    assert published["ingested"].quarantined >= 15
    assert published["ingested"].rejected >= 8


@pytest.mark.parametrize("name, expected", [
    ("empty.txt", [("empty", "rejected")]),
    ("blank.md", [("empty", "rejected")]),
    ("image.txt", [("binary", "rejected")]),
    ("random.txt", [("binary", "rejected")]),
    ("five-megabytes.txt", [("too_long", "rejected")]),
    ("one-line.txt", [("too_long", "rejected")]),
    ("no-body.html", [("no_text", "rejected")]),
    ("records.jsonl:3", [("invalid_record", "rejected")]),
    ("records.jsonl:5", [("invalid_record", "rejected")]),
    ("records.jsonl:2", [("duplicate_url", "rejected")]),
    ("laughs.xml", [("unsafe_xml", "rejected")]),
    ("xxe.xml", [("unsafe_xml", "rejected")]),
])
def test_unusable_input_is_quarantined_with_its_reason(published, name, expected):
    assert quarantined(published["con"], name) == expected


def test_rejected_input_keeps_a_hash_size_and_printable_sample(published):
    row = published["con"].execute(
        "SELECT content_hash, size_bytes, sample, reason FROM quarantine "
        "WHERE location LIKE '%image.txt'").fetchone()
    assert len(row[0]) == 64 and row[1] == 8 + 256 * 8
    assert row[2].startswith("\\x89PNG") and "\x00" not in row[2]
    assert "binary" in row[3]


@pytest.mark.parametrize("name, code, expected_text", [
    ("invalid-utf8.txt", "invalid_utf8", "Tromsø"),
    ("latin-1.txt", "legacy_encoding", "Fédération"),
    ("nul-bytes.txt", "control_characters", "Tuesday"),
])
def test_repairable_text_is_repaired_stored_and_recorded(published, name, code, expected_text):
    assert quarantined(published["con"], name) == [(code, "repaired")]
    _, text, *_ = article(published["con"], name)
    assert expected_text in text and "\x00" not in text


def test_implausible_publication_dates_are_dropped_and_recorded(published):
    con = published["con"]
    assert quarantined(con, "2100.md") == [("implausible_date", "repaired")]
    assert article(con, "2100.md")[2] is None
    old = con.execute("SELECT published_at FROM articles WHERE title = 'Old'").fetchone()
    assert old[0].year == 1900 and quarantined(con, "1900.md") == []


def test_event_dates_outside_the_audited_range_are_undated_not_blocking(published):
    con = published["con"]
    rows = con.execute("SELECT reason_code, action FROM quarantine WHERE stage = 'extract' "
                       "AND reason_code = 'implausible_event_date'").fetchall()
    assert rows and set(rows) == {("implausible_event_date", "repaired")}
    years = con.execute("SELECT min(year(event_date)), max(year(event_date)) FROM events").fetchone()
    assert 1900 <= years[0] and years[1] <= 2100


def test_duplicates_non_english_names_and_utf16_are_processed(published):
    con = published["con"]
    copies = con.execute("SELECT count(*) FROM articles WHERE text LIKE '%Norway and Denmark%'")
    assert copies.fetchone()[0] == 1                      # two files, one article
    languages = dict(con.execute("SELECT title, language FROM articles "
                                 "WHERE title IN ('Abkommen', 'Names', 'UTF-16', '7')").fetchall())
    assert languages == {"Abkommen": "de", "Names": "en", "UTF-16": "en", "7": "en"}
    german = con.execute("SELECT count(*) FROM events e JOIN articles a USING (article_id) "
                         "WHERE a.language <> 'en'").fetchone()[0]
    assert german == 0                                     # stored, not run through English NLP


def test_the_same_bad_input_on_the_next_run_is_recorded_once(published):
    con = published["con"]
    again = published["again"]
    assert again.new_articles == 0 and again.quarantined >= 10
    total, distinct = con.execute("SELECT count(*), count(DISTINCT quarantine_id) "
                                  "FROM quarantine").fetchone()
    assert total == distinct


def test_quarantine_rows_pass_their_suite(published):
    runs = published["con"].execute("SELECT success FROM quality_runs WHERE suite = 'quarantine'")
    assert [row[0] for row in runs.fetchall()] == [True, True]


@pytest.mark.parametrize("raw, code", [(b"", "empty"), (b" \n", "empty"),
                                       (b"%PDF-1.4 ...", "binary"), (bytes(500), "binary")])
def test_decode_file_rejects(raw, code):
    with pytest.raises(Rejected) as rejected:
        decode_file(raw)
    assert rejected.value.code == code
