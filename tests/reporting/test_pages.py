"""The drill-down pages of the known stories (tests/conftest.py): one per pair and
country, the evidence behind each number, escaped, with safe links; far-dated reports in the
data-quality section and off the axes."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from entente.reporting import evidence, paths
from entente.reporting.evidence import Sentence, mark_trigger, safe_href
from entente.reporting.names import CountryNames
from entente.reporting.pages import write_pages


def page_of(known, path: str):
    settings, _ = known
    return lxml.html.parse(str(settings.reports_dir / path)).getroot()


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def local_targets(page_path: Path) -> list[tuple[str, str]]:
    """(href or src, anchor) of every link and image of a page that is not a web address."""
    page = lxml.html.parse(str(page_path)).getroot()
    found = [a.get("href") for a in page.xpath("//a[@href]")] + [
        img.get("src") for img in page.xpath("//img")]
    return [(ref, unquote(ref).partition("#")[2]) for ref in found if not urlsplit(ref).scheme]


def broken_targets(out: Path, page_path: Path) -> list[str]:
    """The links and images of a page that do not open from disk: no such file, a file outside
    the reports folder, or an anchor the target page lacks."""
    broken = []
    for ref, anchor in local_targets(page_path):
        path = unquote(ref).partition("#")[0]
        target = (page_path.parent / path).resolve() if path else page_path
        if not target.is_file() or not target.is_relative_to(out.resolve()):
            broken.append(f"{page_path.name}: {ref}")
        elif anchor and not lxml.html.parse(str(target)).getroot().xpath(
                "//*[@id=$anchor]", anchor=anchor):
            broken.append(f"{page_path.name}: {ref} (no #{anchor})")
    return broken


def test_every_link_and_image_of_every_page_opens_from_disk(known):
    settings, _ = known
    out = settings.reports_dir
    pages = [p for p in out.rglob("*.html") if p.relative_to(out).parts[0] != "quality"]
    assert len(pages) > 15 and {"index.html", "pairs.html", "articles.html"} <= {
        p.name for p in pages}
    assert sum(len(local_targets(p)) for p in pages) > 100
    assert [b for p in sorted(pages) for b in broken_targets(out, p)] == []


def test_the_top_pairs_numbers_link_to_as_many_events(known):
    index = page_of(known, "index.html")
    cells = index.xpath('//table[@id="pairs"]//td[@class="n"]/a')
    assert [c.get("href") for c in cells] == ["dyads/RUS-USA.html#cooperation",
                                              "dyads/RUS-USA.html#conflict",
                                              "dyads/RUS-USA.html#multilateral"]
    for cell in cells:
        path, _, anchor = cell.get("href").partition("#")
        heading = page_of(known, path).xpath("//h2[@id=$anchor]", anchor=anchor)[0]
        table = heading.getnext()
        shown = len(table.xpath(".//tr")) - 1 if table.tag == "table" else 0
        assert shown == int(cell.text), cell.get("href")


def test_the_index_says_which_run_made_it(known):
    meta = text_of(page_of(known, "index.html").xpath('//p[@class="meta"]')[0])
    assert meta.endswith(" UTC) by test.") and "from publication " in meta


def test_every_pair_and_country_has_its_page(known):
    settings, warehouse = known
    out = settings.reports_dir
    with warehouse.reader() as con:
        pairs = con.execute("SELECT country_a, country_b FROM dyad_totals").fetchall()
        countries = {c for (c,) in con.execute(
            "SELECT DISTINCT unnest(countries) FROM counted_events").fetchall()}
    assert sorted(p.name for p in (out / "dyads").glob("*.html")) == sorted(
        f"{a}-{b}.html" for a, b in pairs)
    assert sorted(p.stem for p in (out / "countries").glob("*.html")) == sorted(countries)


def test_a_pair_page_shows_each_event_once_with_its_reports_and_sources(known):
    page = page_of(known, "dyads/RUS-USA.html")
    assert text_of(page.xpath("//h1")[0]) == "Russia – United States"
    rows = page.xpath('//h2[@id="cooperation"]/following-sibling::table[1]//tr')[1:]
    assert len(rows) == 1                                   # two reports, one event
    row = rows[0]
    assert "2010-04-08 (day)" in text_of(row) and "AGREE" in text_of(row)
    assert [text_of(m) for m in row.xpath(".//mark")] == ["signed", "signed"]
    assert "1 more report" in text_of(row) and "2 sources" in text_of(row)
    link = row.xpath('.//a[@href="https://example.org/new-start"]')[0]
    assert link.get("rel") == "noopener noreferrer"
    timeline = page.xpath('//table[@id="timeline"]//a')
    assert [(a.get("href"), a.text) for a in timeline] == [("#cooperation-2010", "1")]
    assert page.xpath('//*[@id="cooperation-2010"]')             # the year's anchor exists


def test_historical_states_keep_their_names_and_data_is_escaped(known):
    page = page_of(known, "dyads/DDR-DEU.html")
    assert text_of(page.xpath("//h1")[0]) == "East Germany – West Germany"
    meta = text_of(page.xpath('//p[@class="meta"]')[0])
    assert "DDR is East Germany" in meta and "succeeded by DEU" in meta
    row = page.xpath('//h2[@id="conflict"]/following-sibling::table[1]//tr')[1]
    assert "<b>Cold</b> war & peace" in text_of(row)             # shown as text, not markup
    assert not row.xpath(".//b")
    assert not row.xpath('.//a[starts-with(@href, "javascript")]')
    multilateral = page_of(known, "dyads/FRA-SUN.html")
    assert text_of(multilateral.xpath("//h1")[0]) == "France – Soviet Union"
    assert multilateral.xpath('//h2[@id="multilateral"]/following-sibling::table[1]')


def test_a_country_page_lists_partners_and_the_events_naming_it_alone(known):
    page = page_of(known, "countries/RUS.html")
    partners = [text_of(a) for a in page.xpath('//h2[@id="partners"]/following-sibling::table[1]'
                                                 '//tr/td[1]/a')]
    assert partners == ["United States"]
    alone = text_of(page.xpath('//h2[@id="alone"]/following-sibling::table[1]')[0])
    assert "Russia launched a weather satellite" in alone
    assert "1911" not in alone                                  # far-dated: not an event


def test_far_dated_reports_are_listed_in_data_quality_and_stay_off_the_axes(known):
    settings, warehouse = known
    index = page_of(known, "index.html")
    listed = index.xpath('//h3[@id="far-dated"]/following-sibling::table[1]')[0]
    assert "France paid the bonds Russia issued in 1911." in text_of(listed)
    assert "1911-01-01 (year)" in text_of(listed) and "1987-06-01" in text_of(listed)
    failed = text_of(index.xpath('//table[@id="failed-expectations"]')[0])
    assert "_far_dated" in failed and "warning" in failed
    with warehouse.reader() as con:
        assert con.execute("SELECT min(year) FROM counted_events").fetchone()[0] == 1987
        assert con.execute("SELECT min(period) FROM cooperation_by_category_yearly"
                           ).fetchone()[0] == 1989
    section = page_of(known, "events/reports.html").xpath(
        '//h2[@id="far_dated"]/following-sibling::table[1]')[0]
    assert "far_dated" in text_of(section) and "1911" in text_of(section)


def test_a_long_list_says_how_many_it_leaves_out(known, tmp_path, monkeypatch):
    _, warehouse = known
    monkeypatch.setattr(evidence, "PAGE_EVENTS", 2)
    with warehouse.reader() as con:
        write_pages(con, tmp_path, CountryNames.read(con))
    page = lxml.html.parse(str(tmp_path / paths.REPORTS_PAGE)).getroot()
    counted = page.xpath('//h2[@id="counted"]/following-sibling::table[1]//tr')[1:]
    assert len(counted) == 2
    assert "Showing the 2 most recent of 7" in text_of(page)


def test_pages_of_pairs_without_events_are_removed(known, tmp_path):
    _, warehouse = known
    stale = tmp_path / "dyads" / "AAA-BBB.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("old")
    with warehouse.reader() as con:
        write_pages(con, tmp_path, CountryNames.read(con))
    assert not stale.exists() and (tmp_path / "dyads" / "RUS-USA.html").exists()


@pytest.mark.parametrize("sentence, trigger, expected", [
    ("Russia and China signed a deal.", "signed", ("Russia and China ", "signed", " a deal.")),
    ("Signed today: a deal.", "signed", ("", "Signed", " today: a deal.")),      # any case
    ("They resigned after they signed.", "signed", ("They resigned after they ", "signed", ".")),
    ("A 5+3 deal.", "5+3", ("A ", "5+3", " deal.")),                            # no regex
    ("Nothing here.", "signed", ("Nothing here.", "", "")),
    ("Nothing here.", None, ("Nothing here.", "", "")),
])
def test_the_trigger_is_marked_as_a_whole_word(sentence, trigger, expected):
    assert mark_trigger(sentence, trigger) == Sentence(*expected)


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"),
    (" HTTP://example.org ", "HTTP://example.org"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None),
    ("data:text/html,<script>x</script>", None), ("/etc/passwd", None),
    ("file:///etc/passwd", None), ("", None), (None, None), ("http://[::1", None),
])
def test_only_http_links_are_links(url, expected):
    assert safe_href(url) == expected


@pytest.mark.parametrize("target, page, expected", [
    ("dyads/RUS-USA.html", "index.html", "dyads/RUS-USA.html"),
    ("dyads/RUS-USA.html#cooperation", "countries/RUS.html", "../dyads/RUS-USA.html#cooperation"),
    ("index.html", "events/reports.html", "../index.html"),
    (paths.dyad_page("USA", "RUS"), "index.html", "dyads/RUS-USA.html"),        # sorted pair
    (paths.country_page("A/B"), "index.html", "countries/A~2fB.html"),         # no escape
])
def test_pages_link_to_each_other_relatively(target, page, expected):
    assert paths.relative(target, page) == expected
