"""The HTTP client and the feed/page readers against a real HTTP server on 127.0.0.1:
retries, timeouts, size and redirect caps, robots.txt, conditional GET, charsets, XML bombs."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from locations import PROJECT
from httpfixture import FEEDS, Handler, flaky, stalled, start_server, trickle, with_etag
from entente.sources import collect
from entente.sources.feeds import FeedError, parse_feed
from entente.sources.decoding import decode_body
from entente.sources.http import (FetchError, FetchPolicy, HttpClient, PublicOnlyBackend,
                                  check_url_allowed, fetch)
from entente.sources.http import addresses
from entente.sources.registry import Source

ARTICLE = ("<html><head><title>Grain deal signed</title></head><body><nav>Home | World</nav>"
           "<article><h1>Grain deal signed</h1>"
           + "".join(f"<p>Paragraph {i}: Russia, Ukraine, Turkey and the United Nations signed "
                     "an initiative to export grain through the Black Sea.</p>" for i in range(4))
           + "</article><footer>All rights reserved.</footer></body></html>")
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://x</link>
<description>d</description>
<item><title>Treaty signed</title><link>{base}/article</link>
<pubDate>Fri, 09 Apr 2010 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The United States and Russia signed the treaty in Prague.&lt;/p&gt;</description></item>
<item><title>Gone</title><link>{base}/gone</link>
<description>The summary of a story whose page has disappeared.</description></item>
</channel></rss>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<description>&lol9;</description></item></channel></rss>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title>
<description>&xxe;</description></item></channel></rss>"""
FEDERATION = "La Fédération de Russie et la République française ont signé l'accord."
FAST = FetchPolicy(connect_timeout=1, read_timeout=0.5, deadline=1.0, retries=2, backoff=0.01,
                   host_interval=0, max_bytes=200_000)


@pytest.fixture(scope="module")
def server():
    routes = {
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
        "/private/article": (200, "text/html", ARTICLE.encode()),
        "/image": (200, "image/png", b"\x89PNG...."),
        "/binary.html": (200, "text/html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(500)),
        "/gzip.html": (200, "text/html", b"\x1f\x8b\x08\x00" + bytes(200)),
        "/loop": (302, "", "/loop"),
        "/moved": (301, "", "/article"),
        "/to-private": (302, "", "/private/article"),
        "/flaky": flaky(2, ARTICLE.encode()),
        "/always500": flaky(1000, b""),
        "/stalled": stalled(2.0),
        "/slow-body": trickle(0.2),
        "/endless": trickle(0, chunk=b"<p>" + b"x" * 8000 + b"</p>"),
        "/latin1-said-utf8": (200, "text/html; charset=utf-8",
                              f"<p>{FEDERATION}</p>".encode("latin-1")),
        "/utf8-said-latin1": (200, "text/html; charset=iso-8859-1",
                              f"<p>{FEDERATION}</p>".encode("utf-8")),
        "/etag": with_etag(ARTICLE.encode(), '"v1"', "text/html"),
        "/laughs.xml": (200, "application/rss+xml", LAUGHS),
        "/xxe.xml": (200, "application/rss+xml", XXE),
        "/malformed.xml": (200, "application/rss+xml", b"<rss><channel><item><title>broken<<</"),
        "/not-a-feed.xml": (200, "text/html", b"<html><body>Just a page &amp; nothing else"),
    }
    httpd, base = start_server(routes)
    routes["/feed.xml"] = (200, "application/rss+xml", RSS.format(base=base).encode())
    yield base
    httpd.shutdown()


@pytest.fixture
def client():
    with HttpClient(FAST) as client:
        yield client


def get(client, url, **kwargs):
    return client.get(url, allow_private_network=True, **kwargs)


def test_page_source_gives_main_text_and_title(server, client):
    source = Source(name="p", kind="page", url=f"{server}/article", allow_private_network=True)
    result = collect([source], client)
    assert result.failures == []
    [article] = result.articles
    assert article.title == "Grain deal signed"
    assert "Black Sea" in article.text and "Home | World" not in article.text
    assert [(r.kind, r.status, r.http_status) for r in result.fetch_log] == [("page", "ok", 200)]


def test_feed_item_with_only_a_summary_gets_its_page_or_keeps_the_summary(server, client):
    source = Source(name="f", kind="feed", url=f"{server}/feed.xml", allow_private_network=True)
    result = collect([source], client)
    full, gone = result.articles
    assert full.title == "Treaty signed" and "Black Sea" in full.text   # the linked page's text
    assert full.published_at.isoformat() == "2010-04-09T10:00:00+00:00"
    assert full.date_source == "feed"
    assert gone.text == "The summary of a story whose page has disappeared."
    fallback = [r for r in result.fetch_log if r.status == "fallback"]
    assert len(fallback) == 1 and "HTTP 404" in fallback[0].reason and "summary kept" in fallback[0].reason
    assert result.failures == []            # a fallback is not a failed source


def test_loopback_is_refused_unless_the_source_allows_it(server, client):
    result = collect([Source(name="p", kind="page", url=f"{server}/article")], client)
    assert result.articles == []
    assert "refusing private/local address 127.0.0.1" in result.failures[0].reason
    assert result.fetch_log[0].status == "blocked"
    with pytest.raises(FetchError, match="only http and https"):
        check_url_allowed("file:///etc/passwd", allow_private_network=True)


def _no_proxy_env(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
                 "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_a_host_that_rebinds_to_a_private_address_is_refused_at_connection(server, monkeypatch):
    """DNS rebinding: the first lookup (the check) says public, the one the connection uses says
    127.0.0.1. The connection resolves once and refuses: nothing is sent."""
    _no_proxy_env(monkeypatch)
    monkeypatch.setattr(addresses, "resolve_host", lambda host, port: ["93.184.216.34"])
    rebinding = PublicOnlyBackend(resolve=lambda host, port: ["127.0.0.1"])
    port = server.rsplit(":", 1)[1]
    Handler.hits.clear()
    policy = FetchPolicy(host_interval=0, retries=0, respect_robots=False)
    with HttpClient(policy, backend=rebinding) as client:
        with pytest.raises(FetchError, match="refusing private/local address 127.0.0.1") as error:
            client.get(f"http://news.example.org:{port}/article")
    assert error.value.kind == "blocked"
    assert Handler.hits["/article"] == 0


def test_the_connection_goes_to_the_address_that_was_checked(server, monkeypatch):
    """The address is pinned: a host no DNS knows is reached at the address the check resolved."""
    _no_proxy_env(monkeypatch)
    monkeypatch.setattr(addresses, "resolve_host", lambda host, port: ["93.184.216.34"])
    checked = PublicOnlyBackend(resolve=lambda host, port: ["127.0.0.1"],
                                allowed=lambda address: True)
    port = server.rsplit(":", 1)[1]
    policy = FetchPolicy(host_interval=0, retries=0, respect_robots=False)
    with HttpClient(policy, backend=checked) as client:
        assert "Grain deal" in client.get(f"http://news.invalid:{port}/article").text()


def test_behind_a_proxy_the_proxy_is_the_peer_and_may_be_private(server, monkeypatch):
    """A company proxy on a private address must not block every fetch: the target host is
    still checked before the request, the proxy connection is not."""
    _no_proxy_env(monkeypatch)
    monkeypatch.setenv("HTTP_PROXY", server)        # our loopback server plays the proxy
    monkeypatch.setattr(addresses, "resolve_host", lambda host, port: ["93.184.216.34"])
    Handler.hits.clear()
    policy = FetchPolicy(host_interval=0, retries=0, respect_robots=False)
    # were the proxy bypassed, this backend would refuse rather than connect anywhere
    never = PublicOnlyBackend(resolve=lambda host, port: ["127.0.0.1"])
    with HttpClient(policy, backend=never) as client:
        assert "Grain deal" in client.get("http://news.example.org/article").text()
    assert Handler.hits["/article"] == 1
    monkeypatch.setattr(addresses, "resolve_host", lambda host, port: ["10.0.0.7"])
    with HttpClient(policy) as client:
        with pytest.raises(FetchError, match="refusing private/local address 10.0.0.7"):
            client.get("http://intranet.example.org/article")


def test_every_redirect_hop_is_checked(server, client):
    assert "Grain deal" in get(client, f"{server}/moved").text()
    with pytest.raises(FetchError, match="redirects"):
        get(client, f"{server}/loop")
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        get(client, f"{server}/to-private")


def test_http_errors_and_content_types(server, client):
    with pytest.raises(FetchError, match="HTTP 404") as error:
        get(client, f"{server}/nothing")
    assert error.value.status == 404
    with pytest.raises(FetchError, match="unexpected content type"):
        get(client, f"{server}/image")
    for name in ("binary.html", "gzip.html"):
        with pytest.raises(FetchError, match="binary content"):
            get(client, f"{server}/{name}")


def test_server_errors_are_retried_with_backoff(server, client):
    assert "Grain deal" in get(client, f"{server}/flaky").text()
    assert Handler.hits["/flaky"] == 3
    with pytest.raises(FetchError, match=r"HTTP 500 \(gave up after 3 attempts\)"):
        get(client, f"{server}/always500")


def test_timeouts_slow_and_endless_bodies_are_cut_short(server, client):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        get(client, f"{server}/stalled")
    assert Handler.hits["/stalled"] == 3                    # timeouts are retried too
    with pytest.raises(FetchError, match="still arriving"):
        get(client, f"{server}/slow-body")
    with pytest.raises(FetchError, match="larger than 200000 bytes"):
        get(client, f"{server}/endless")
    assert time.monotonic() - started < 6


def test_robots_txt_is_respected(server, client):
    with pytest.raises(FetchError, match="disallowed by robots.txt") as error:
        get(client, f"{server}/private/article")
    assert error.value.kind == "blocked"
    assert Handler.hits["/private/article"] == 0


@pytest.fixture
def wildcard_site():
    """A site whose robots.txt uses the `*` and `$` wildcards and asks for a crawl delay."""
    robots = (b"User-agent: *\nDisallow: /*/private\nDisallow: /*.pdf$\n"
              b"Allow: /news/private-briefing-open\nCrawl-delay: 0.4\n")
    page = (200, "text/html", ARTICLE.encode())
    httpd, base = start_server({"/robots.txt": (200, "text/plain", robots), "/a/private": page,
                                "/news/private-briefing-open": page, "/report.pdf": page,
                                "/report.pdf.html": page, "/a/public": page})
    yield base
    httpd.shutdown()


@pytest.mark.parametrize("path, allowed", [
    ("/a/private", False),                      # `*` matches any path segment
    ("/report.pdf", False),                     # `$` anchors the end
    ("/report.pdf.html", True),
    ("/news/private-briefing-open", True),      # the longer Allow rule wins
    ("/a/public", True),
])
def test_robots_txt_wildcards_are_honoured(wildcard_site, path, allowed):
    with HttpClient(FetchPolicy(host_interval=0, retries=0)) as client:
        if allowed:
            assert get(client, f"{wildcard_site}{path}").status == 200
        else:
            with pytest.raises(FetchError, match="disallowed by robots.txt"):
                get(client, f"{wildcard_site}{path}")


def test_robots_txt_crawl_delay_lengthens_the_host_interval(wildcard_site):
    with HttpClient(FetchPolicy(host_interval=0, retries=0)) as client:
        started = time.monotonic()
        for _ in range(3):
            get(client, f"{wildcard_site}/a/public")
        assert time.monotonic() - started >= 0.8          # robots.txt, then 3 pages 0.4 s apart


def test_conditional_get_gives_304_on_the_second_request(server, client):
    first = get(client, f"{server}/etag", conditional=True)
    assert first.status == 200 and first.etag == '"v1"'
    client.cache.remember(first)
    second = get(client, f"{server}/etag", conditional=True)
    assert second.not_modified and second.content == b""


def test_per_host_rate_limit(server):
    with HttpClient(FetchPolicy(host_interval=0.15, retries=0)) as slow:
        started = time.monotonic()
        for _ in range(3):
            slow.get(f"{server}/article", allow_private_network=True)
        assert time.monotonic() - started >= 0.3     # robots.txt + 3 pages = 3 waits


@pytest.mark.parametrize("path", ["/latin1-said-utf8", "/utf8-said-latin1"])
def test_wrong_declared_charset_still_decodes(server, client, path):
    assert FEDERATION in get(client, f"{server}{path}").text()


def test_decode_body_uses_meta_charset_and_detection():
    html = '<meta charset="windows-1251"><p>Москва и Пекин подписали соглашение</p>'
    assert "Москва" in decode_body(html.encode("cp1251"))
    assert "Москва" in decode_body(html.encode("cp1251"), "utf-8")


@pytest.mark.parametrize("path, message", [
    ("/laughs.xml", "declares XML entities; refused"),
    ("/xxe.xml", "declares XML entities; refused"),
    ("/not-a-feed.xml", "not a readable feed"),
])
def test_hostile_or_broken_feeds_fail_alone(server, client, path, message):
    started = time.monotonic()
    sources = [Source(name="bad", kind="feed", url=f"{server}{path}", allow_private_network=True),
               Source(name="good", kind="page", url=f"{server}/article", allow_private_network=True)]
    result = collect(sources, client)
    assert time.monotonic() - started < 3
    assert [a.source for a in result.articles] == ["good"]
    [failure] = result.failures
    assert failure.source == "bad" and message in failure.reason
    assert all("lol" not in a.text and "root:" not in a.text for a in result.articles)


def test_malformed_feed_keeps_what_can_be_recovered_and_says_so(server, client):
    sources = [Source(name="bad", kind="feed", url=f"{server}/malformed.xml", allow_private_network=True),
               Source(name="good", kind="page", url=f"{server}/article", allow_private_network=True)]
    result = collect(sources, client)
    assert [a.source for a in result.articles] == ["good"]
    assert "malformed feed, 1 items recovered" in result.fetch_log[0].reason


def test_entities_are_stripped_even_when_a_doctype_hides_them():
    with pytest.raises(FeedError, match="refused"):
        parse_feed(LAUGHS.replace(b"<!DOCTYPE lolz [", b"<!DOCTYPE lolz SYSTEM 'x' ["), "x")
    plain = b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" ' \
            b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel>' \
            b"<title>t</title><item><title>A</title><link>http://e.org/a</link>" \
            b"<description>Text</description></item></channel></rss>"
    [item] = parse_feed(plain, "rss091")
    assert item.title == "A" and item.html == "Text"


def test_one_failing_source_does_not_stop_the_others(server, client):
    sources = [Source(name="bad", kind="page", url=f"{server}/nothing", allow_private_network=True),
               Source(name="good", kind="page", url=f"{server}/article", allow_private_network=True)]
    result = collect(sources, client)
    assert [a.source for a in result.articles] == ["good"]
    assert [f.source for f in result.failures] == ["bad"]
    assert [r.status for r in result.fetch_log] == ["error", "ok"]


def test_fetch_without_a_client_still_works(server):
    assert "Grain deal" in fetch(f"{server}/article", allow_private_network=True).text()


# ---------------------------------------------------------------- the public sample feeds

FRAGMENTS = {"AmazonWebServicesBlogFirstEntryContent.xml", "HREFConsideredHarmfulFirstEntry.xml",
             "PaulDixExplainsNothingFirstEntryContent.xml", "TechCrunchFirstEntry.xml",
             "TechCrunchFirstEntryDescription.xml", "TenderLovemakingFirstEntry.xml"}


def test_sample_feeds_over_http(server, eval_dir):
    """Every real RSS/Atom/JSON feed parses; the *FirstEntry* files are entry fragments, not feeds."""
    files = sorted(p.name for p in FEEDS.iterdir() if p.suffix in (".xml", ".json"))
    sources = [Source(name=name, kind="feed", url=f"{server}/eval/feeds/{name}",
                      allow_private_network=True) for name in files]
    policy = FetchPolicy(host_interval=0, retries=0, item_pages=False)
    with HttpClient(policy) as client:
        result = collect(sources, client)
    assert {f.source for f in result.failures} == FRAGMENTS
    feeds = {r.source: r for r in result.fetch_log if r.kind == "feed"}
    assert sum(r.items for r in feeds.values()) == 322
    assert feeds["json_feed.json"].items == 20 and feeds["TechCrunch.xml"].items == 20
    assert feeds["RSSWithComments.xml"].items == 30 and feeds["youtube_atom.xml"].items == 15
    per_feed = {name: sum(1 for a in result.articles if a.source == name) for name in files}
    assert per_feed["CRE.xml"] == 30 and per_feed["SamRuby.xml"] == 20
    dated = [a for a in result.articles if a.published_at]
    assert len(dated) / len(result.articles) > 0.9
    assert all(a.published_at.utcoffset().total_seconds() == 0 for a in dated)


def test_feed_items_script_counts_items_per_feed_and_names_the_refused(tmp_path):
    rss = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
           + "".join(f"<item><title>Item {i}</title><link>https://example.org/{i}</link>"
                     f"<description>Short {i}</description>"
                     f"<pubDate>Mon, 0{i} Jun 2020 10:00:00 GMT</pubDate></item>" for i in range(1, 4))
           + "</channel></rss>")
    (tmp_path / "three.xml").write_text(rss)
    (tmp_path / "broken.xml").write_text("<html><body><p>No feed here</p></body></html>")
    done = subprocess.run([sys.executable, str(PROJECT / "scripts" / "feed_items.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(None, 1) for line in done.stdout.splitlines()[:-1])
    assert lines["three.xml"].split()[:6] == ["3", "items", "3", "dated", "3", "summary-only"]
    assert lines["broken.xml"].startswith("refused: not a readable feed")
    assert done.stdout.splitlines()[-1] == "2 files, 1 feeds with items, 3 items (3 dated, 3 summary-only)"
