"""Reading articles: boilerplate removal, inbox formats, the sources file, feeds."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from locations import PROJECT, SAMPLE_SEED
from entente.sources import collect
from entente.sources.boilerplate import strip_boilerplate
from entente.sources.inbox import InboxFileError, inbox_files, read_inbox_file
from entente.sources.registry import Source, SourcesError, load_sources

BOILERPLATE_LINES = ["Previous Article", "Winter Rain and Brakes: Safe Steps for Cold Conditions",
                     "Next Article", "Russia’s football bans: potential return to European competition",
                     "Write a Comment", "Leave a Comment"]


def test_seed_article_loses_its_navigation_and_comment_lines():
    title, _, body = SAMPLE_SEED.read_text(encoding="utf-8").partition("\n")
    cleaned = strip_boilerplate(body)
    lines = {line.strip() for line in cleaned.splitlines()}
    for boilerplate in BOILERPLATE_LINES:
        assert boilerplate not in lines
    assert cleaned.startswith("Roscosmos entered into a series of expanded collaborations")
    assert cleaned.endswith("evolving space infrastructure and mission objectives.")


def test_body_sentences_that_mention_comments_are_kept():
    text = "The minister said comments were welcome.\n\nShare this with your friends"
    assert strip_boilerplate(text) == "The minister said comments were welcome."


def test_txt_file_title_is_line_one(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title here\n\nBody sentence one. Body two.\n\nNext Article\nOther story\n")
    [article] = read_inbox_file(path, "inbox")
    assert article.title == "Title here"
    assert article.text == "Body sentence one. Body two."
    assert article.published_at is None


def test_markdown_front_matter_gives_title_date_and_url(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: New START signed\npublished: 2010-04-09\n"
                    "url: https://example.org/x\n---\nThe treaty was signed.\n")
    [article] = read_inbox_file(path, "inbox")
    assert (article.title, article.url) == ("New START signed", "https://example.org/x")
    assert article.published_at.isoformat() == "2010-04-09T00:00:00+00:00"
    assert article.anchor_date() == "2010-04-09"


def test_jsonl_error_names_file_and_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps({"text": "ok", "title": "t"}) + "\n{broken\n")
    with pytest.raises(InboxFileError, match=r"batch.jsonl:2: invalid JSON"):
        list(read_inbox_file(path, "inbox"))


def test_html_page_keeps_article_and_drops_navigation(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Deal signed</title>"
        "<meta property='article:published_time' content='2015-12-13T09:00:00Z'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World news</a></nav><article><h1>Deal signed</h1>"
        + "".join(f"<p>Paragraph {i}: the negotiators from many nations agreed on a text "
                  "that commits every party to cut emissions.</p>" for i in range(4))
        + "</article><footer>Copyright 2015 Example News. Cookie settings.</footer></body></html>")
    [article] = read_inbox_file(path, "inbox")
    assert "Paragraph 3" in article.text and "Cookie settings" not in article.text
    assert article.published_at.date().isoformat() == "2015-12-13"


def test_inbox_ignores_other_files_and_bad_file_does_not_stop_the_folder(tmp_path):
    (tmp_path / "good.txt").write_text("Good\n\nA good article about a treaty.")
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [p.name for p in inbox_files(tmp_path)] == ["bad.json", "good.txt"]
    result = collect([Source(name="box", kind="inbox", path=tmp_path)])
    assert [a.title for a in result.articles] == ["Good"]
    assert len(result.failures) == 1 and "bad.json" in result.failures[0].location


def test_missing_inbox_is_a_recorded_failure_not_a_crash(tmp_path):
    result = collect([Source(name="gone", kind="inbox", path=tmp_path / "nope")])
    assert result.articles == [] and "inbox folder not found" in result.failures[0].reason


@pytest.mark.parametrize("content, message", [
    ("sources: [{name: a, kind: rss, url: 'http://x'}]", "'kind' must be one of"),
    ("sources: [{name: a, kind: page}]", "exactly one of 'url' or 'path'"),
    ("sources: [{name: a, kind: inbox, path: x}, {name: a, kind: inbox, path: y}]", "used twice"),
    ("sources: [{name: a, kind: inbox, path: x, colour: red}]", "unknown field"),
    ("items: []", "top-level 'sources:' list"),
    ("sources: [oops", "not valid YAML"),
])
def test_sources_file_errors_name_the_file_and_entry(tmp_path, content, message):
    path = tmp_path / "sources.yml"
    path.write_text(content)
    with pytest.raises(SourcesError, match=message) as error:
        load_sources(path, tmp_path)
    assert str(path) in str(error.value)


def test_default_sources_cover_every_sample_format():
    sources = load_sources(PROJECT / "data" / "sources.yml", PROJECT)
    assert {s.kind for s in sources} == {"inbox", "feed"}
    result = collect(sources)
    assert result.failures == []
    suffixes = {Path(a.origin).suffix for a in result.articles if a.origin}
    assert {".txt", ".md", ".html", ".xml"} <= suffixes
    assert len(result.articles) >= 26
    assert len({a.article_id for a in result.articles}) == len(result.articles)
    seed = [a for a in result.articles if a.title == "Roscosmos and NASA Collaborate on ISS Missions Today"]
    assert len(seed) == 1 and "Write a Comment" not in seed[0].text
