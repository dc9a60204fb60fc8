"""Bad input generated here, beside good articles, through the real stages (inbox and feed
readers, spaCy, DuckDB, Great Expectations): each odd file is processed or quarantined with a
recorded reason, nothing stops the run, and the good articles are published."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import PROJECT
from entente import stages, staging
from entente.quarantine import Rejected, decode_file
from entente.sources.registry import Source
from entente.warehouse.publish import connect_readonly

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
    """Every kind of bad input the issue names, beside two good sample articles."""
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
    warehouse = root / "warehouse.duckdb"
    sources = [Source(name="box", kind="inbox", path=inbox),
               Source(name="laughs", kind="feed", path=inbox / "laughs.xml"),
               Source(name="xxe", kind="feed", path=inbox / "xxe.xml")]
    import os
    os.environ.setdefault("ENTENTE_REPORTS", str(root / "reports"))
    ingested = stages.ingest(sources, warehouse)
    for batch_id in staging.pending_batches(warehouse):
        stages.extract(batch_id, warehouse)
    result = stages.publish(warehouse=warehouse)
    again = stages.ingest(sources, warehouse)            # the same bad input on the next run
    for batch_id in staging.pending_batches(warehouse):
        stages.extract(batch_id, warehouse)
    stages.publish(warehouse=warehouse)
    con = connect_readonly(warehouse)
    yield {"ingested": ingested, "again": again, "result": result, "con": con, "inbox": inbox}
    con.close()


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


def test_pipeline_failure_on_one_article_quarantines_it_and_keeps_the_batch(nlp):
    """The extract/annotate boundary: an article the pipeline raises on is stored unextracted."""
    import pandas as pd

    from entente.extract import extract_articles

    class Boom(Exception):
        pass

    def poisoned(doc):
        if "poison" in doc.text:
            raise Boom("component crashed")
        return doc

    frame = pd.DataFrame([
        {"article_id": f"a{i}", "source": "t", "text": text, "language": "en",
         "published_at": None, "anchor_date": "2024-01-01", "origin": f"f{i}.txt", "url": None,
         "content_hash": "h"}
        for i, text in enumerate([TREATY, "A poison pill. " + TREATY, TREATY + " Again."])])
    from spacy.language import Language

    if not Language.has_factory("entente_test_poison"):
        Language.component("entente_test_poison", func=poisoned)
    nlp.add_pipe("entente_test_poison", last=True)
    try:
        tables = extract_articles(frame, nlp)
    finally:
        nlp.remove_pipe("entente_test_poison")
    quarantine = tables["quarantine"]
    assert list(quarantine["article_id"]) == ["a1"]
    assert list(quarantine["reason_code"]) == ["extraction_failed"]
    assert "component crashed" in quarantine["reason"].iloc[0]
    assert set(tables["entity_mentions"]["article_id"]) == {"a0", "a2"}



def test_an_article_over_the_pipelines_max_length_is_stored_unextracted(nlp):
    """The inbox caps article size before spaCy; if the pipeline's own limit is lower (a smaller
    `max_length` configured), the article is kept without extraction and its neighbours extracted."""
    import pandas as pd

    from entente.extract import extract_articles

    long_text = TREATY + " " + "More words about the treaty. " * 40
    frame = pd.DataFrame([
        {"article_id": f"a{i}", "source": "t", "text": text, "language": "en",
         "published_at": None, "anchor_date": "2024-01-01", "origin": f"f{i}.txt", "url": None,
         "content_hash": "h"}
        for i, text in enumerate([TREATY, long_text])])
    limit, nlp.max_length = nlp.max_length, len(TREATY) + 10
    try:
        tables = extract_articles(frame, nlp)
    finally:
        nlp.max_length = limit
    quarantine = tables["quarantine"]
    assert list(quarantine["article_id"]) == ["a1"]
    assert list(quarantine["reason_code"]) == ["too_long"]
    assert list(quarantine["action"]) == ["not_extracted"]
    assert f"{len(long_text):,} characters is over the pipeline's max_length" in quarantine["reason"].iloc[0]
    assert set(tables["entity_mentions"]["article_id"]) == {"a0"}


def test_rows_that_break_the_audit_rules_are_dropped_and_recorded(nlp, monkeypatch):
    """An NLP bug (offsets that do not index the text, a value that is not TIMEX3) costs the
    row, recorded in quarantine, never the load: the audit would block the whole batch."""
    import pandas as pd

    from entente import extract

    text = TREATY + " Two days later Finland and Estonia agreed to hold talks on March 9, 2024."
    frame = pd.DataFrame([{"article_id": "a0", "source": "t", "text": text, "language": "en",
                           "published_at": None, "anchor_date": "2024-03-01", "origin": "f0.txt",
                           "url": None, "content_hash": "h"}])
    sound = extract.extract_articles(frame, nlp)
    assert len(sound["events"]) >= 2 and len(sound["timexes"]) >= 2 and sound["quarantine"].empty

    real_timexes, real_events = extract.serialize.timex_records, extract.serialize.event_records

    def broken_timexes(doc):
        records = real_timexes(doc)
        return [{**records[0], "value": "PRESENT_RET10:30"}] + records[1:]

    def shifted_events(doc):
        records = real_events(doc)
        return [{**records[0], "start": records[0]["start"] + 1}] + records[1:]

    monkeypatch.setattr(extract.serialize, "timex_records", broken_timexes)
    monkeypatch.setattr(extract.serialize, "event_records", shifted_events)
    tables = extract.extract_articles(frame, nlp)
    assert sorted(tables["quarantine"]["reason_code"]) == ["bad_offsets", "invalid_timex"]
    assert set(tables["quarantine"]["action"]) == {"row_dropped"}
    assert len(tables["timexes"]) == len(sound["timexes"]) - 1
    assert len(tables["events"]) == len(sound["events"]) - 1
    assert set(tables["events"]["event_id"]) < set(sound["events"]["event_id"])
    assert set(tables["event_participants"]["event_id"]) == set(tables["events"]["event_id"])

# ------------------------------------------------------------------ hostile input (security)

@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/",      # cloud metadata (link-local)
    "http://[fd00:ec2::254]/latest/meta-data/",      # AWS IPv6 metadata (unique local)
    "http://[::1]:8080/",                            # IPv6 loopback
    "http://[::ffff:127.0.0.1]/",                    # IPv4-mapped loopback
    "http://127.1/", "http://0.0.0.0/", "http://localhost/",
    "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
    "http://[fe80::1]/",
])
def test_private_loopback_link_local_and_metadata_addresses_are_refused(url):
    from entente.sources.fetch import FetchError, check_url_allowed

    with pytest.raises(FetchError) as refused:
        check_url_allowed(url, allow_private_network=False)
    assert refused.value.kind == "blocked"
    check_url_allowed(url, allow_private_network=True)     # a source may opt in


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/",
                                 "javascript:alert(1)", "data:text/html,<p>x</p>", "//x/y", "x"])
def test_only_http_and_https_are_fetched(url):
    from entente.sources.fetch import FetchError, check_url_allowed

    with pytest.raises(FetchError, match="only http and https"):
        check_url_allowed(url, allow_private_network=True)


def test_inbox_symlinks_leading_out_of_the_folder_are_not_read(tmp_path):
    from entente.sources import collect
    from entente.sources.inbox import inbox_files

    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Secret\n\nPrivate notes that must never be ingested as an article.")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text("Good\n\n" + TREATY)
    (inbox / "leak.txt").symlink_to(secret)                  # a file link out of the folder
    (inbox / "linked-dir").symlink_to(secret.parent)         # a folder link out of it
    (inbox / "sub").mkdir()
    (inbox / "sub" / "up.txt").symlink_to(inbox / ".." / "outside" / "secret.txt")
    (inbox / "inside.txt").symlink_to(inbox / "good.txt")     # a link inside the folder is fine
    assert sorted(p.name for p in inbox_files(inbox)) == ["good.txt", "inside.txt"]
    result = collect([Source(name="box", kind="inbox", path=inbox)])
    assert result.articles and all("Private notes" not in a.text for a in result.articles)


@pytest.mark.parametrize("name", ["../x", "../../etc/passwd", "articles", 'x"; DROP TABLE articles; --',
                                  "cooperation_events/../x", "/tmp/x"])
def test_report_names_outside_the_view_catalog_are_refused(tmp_path, name):
    from entente.reports import ReportError, write_reports
    from entente.warehouse.publish import ensure_warehouse

    warehouse = tmp_path / "w.duckdb"
    ensure_warehouse(warehouse)
    out = tmp_path / "reports" / "inner"
    with pytest.raises(ReportError, match="unknown view"):
        write_reports(warehouse, out, [name])
    assert not (tmp_path / "reports" / "x.csv").exists() and not out.exists()
    con = connect_readonly(warehouse)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    con.close()


def test_formula_text_is_neutralized_in_csv_reports():
    """A title or sentence that a spreadsheet would run (=, +, -, @) is prefixed with a quote."""
    from entente.reports import spreadsheet_safe

    import pandas as pd
    frame = pd.DataFrame({"title": ["=HYPERLINK(\"http://x\",\"click\")", "+1+cmd|' /C calc'!A0",
                                    "@SUM(A1)", "-2+3", "plain"], "n": [1, 2, 3, 4, 5]})
    safe = spreadsheet_safe(frame)
    assert list(safe["title"]) == ["'=HYPERLINK(\"http://x\",\"click\")", "'+1+cmd|' /C calc'!A0",
                                   "'@SUM(A1)", "'-2+3", "plain"]
    assert list(safe["n"]) == [1, 2, 3, 4, 5]


def test_airflow_ui_is_bound_to_localhost_by_default():
    import subprocess

    script = PROJECT / "scripts" / "airflow-env.sh"
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    host = subprocess.run(["bash", "-c", f'source "{script}" >/dev/null 2>&1; '
                                         'echo "$AIRFLOW__API__HOST"'],
                          capture_output=True, text=True, env=env, cwd=PROJECT).stdout.strip()
    assert host == "127.0.0.1"


# ------------------------------------------------------------------ feed credentials

SECRET = "Bearer s3cr3t-token-value"
AUTH_FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><link>http://x</link>"
             "<description>d</description><item><title>Members only</title>"
             "<link>{base}/members/1</link><description>{text}</description></item>"
             "<item><title>Elsewhere</title><link>{other}/echo</link>"
             "<description>Short.</description></item></channel></rss>")


@pytest.fixture
def auth_site():
    from httpfixture import send, start_server

    seen: list[dict] = []

    def guarded(handler):
        seen.append({"path": handler.path, "auth": handler.headers.get("Authorization")})
        if handler.headers.get("Authorization") != SECRET:
            send(handler, 401, "text/plain", b"login required")
            return
        send(handler, 200, "application/rss+xml", AUTH_FEED.format(
            base=base, other=base.replace("127.0.0.1", "localhost"), text=TREATY).encode())

    def echo(handler):
        seen.append({"path": handler.path, "host": handler.headers.get("Host"),
                     "auth": handler.headers.get("Authorization")})
        send(handler, 200, "text/html", b"<html><body><p>Nothing here.</p></body></html>")

    routes = {"/robots.txt": echo, "/feed": guarded, "/members/1": guarded, "/echo": echo}
    httpd, base = start_server(routes)
    yield base, seen
    httpd.shutdown()


def auth_source(base, **auth):
    from entente.sources.registry import _parse_entry
    return _parse_entry({"name": "members", "kind": "feed", "url": f"{base}/feed",
                         "allow_private_network": True, "auth_env": auth}, "test")


def test_feed_credentials_come_from_the_environment_and_stay_on_their_origin(
        auth_site, monkeypatch, caplog):
    from entente.sources import collect
    from entente.sources.fetch import FetchPolicy, HttpClient

    base, seen = auth_site
    monkeypatch.setenv("MEMBERS_TOKEN", SECRET)
    source = auth_source(base, header="Authorization", value="MEMBERS_TOKEN")
    assert SECRET not in repr(source) and SECRET not in repr(source.credentials())
    caplog.set_level("DEBUG")
    with HttpClient(FetchPolicy(host_interval=0, retries=0)) as client:
        result = collect([source], client)
    assert result.failures == [] and [a.title for a in result.articles][:1] == ["Members only"]
    assert {s["auth"] for s in seen if s["path"] in ("/feed",)} == {SECRET}
    other_origin = [s for s in seen if s["path"] in ("/echo", "/robots.txt")]
    assert other_origin and all(s["auth"] is None for s in other_origin)   # never sent elsewhere
    logged = caplog.text + repr(result.fetch_log) + repr(result.failures)
    assert "s3cr3t" not in logged


def test_missing_credentials_fail_the_source_naming_the_variable_not_a_value(auth_site,
                                                                              monkeypatch):
    from entente.sources import collect
    from entente.sources.fetch import FetchPolicy, HttpClient

    base, _ = auth_site
    monkeypatch.delenv("MEMBERS_USER", raising=False)
    source = auth_source(base, username="MEMBERS_USER", password="MEMBERS_PASSWORD")
    with HttpClient(FetchPolicy(host_interval=0, retries=0)) as client:
        result = collect([source], client)
    assert result.articles == []
    assert "environment variable MEMBERS_USER" in result.failures[0].reason


@pytest.mark.parametrize("auth", [{"header": "Authorization", "value": "Bearer abc def"},
                                  {"username": "me"}, "TOKEN",
                                  {"header": "X: y", "value": "TOKEN"}])
def test_sources_file_refuses_credentials_in_place_of_variable_names(auth):
    from entente.sources.registry import SourcesError, _parse_entry

    with pytest.raises(SourcesError, match="auth_env"):
        _parse_entry({"name": "m", "kind": "feed", "url": "http://example.org/f",
                      "auth_env": auth}, "test")
