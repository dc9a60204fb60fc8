"""Fetching feeds and pages from a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from entente.sources import collect
from entente.sources.fetch import FetchError, check_url_allowed, fetch
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
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 (http.server API)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"missing"))
        if status in (301, 302):
            self.send_response(status)
            self.send_header("Location", body)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
        "/feed.xml": (200, "application/rss+xml", RSS.format(base=base).encode()),
        "/image": (200, "image/png", b"\x89PNG...."),
        "/loop": (302, "", "/loop"),
        "/moved": (301, "", "/article"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


def test_page_source_gives_main_text_and_title(server):
    source = Source(name="p", kind="page", url=f"{server}/article", allow_private_network=True)
    result = collect([source])
    assert result.failures == []
    [article] = result.articles
    assert article.title == "Grain deal signed"
    assert "Black Sea" in article.text and "Home | World" not in article.text


def test_feed_source_reads_items_with_dates(server):
    source = Source(name="f", kind="feed", url=f"{server}/feed.xml", allow_private_network=True)
    [article] = collect([source]).articles
    assert article.title == "Treaty signed"
    assert article.text == "The United States and Russia signed the treaty in Prague."
    assert article.published_at.isoformat() == "2010-04-09T10:00:00+00:00"


def test_loopback_is_refused_unless_the_source_allows_it(server):
    result = collect([Source(name="p", kind="page", url=f"{server}/article")])
    assert result.articles == []
    assert "refusing private/local address 127.0.0.1" in result.failures[0].reason
    with pytest.raises(FetchError, match="only http and https"):
        check_url_allowed("file:///etc/passwd", allow_private_network=True)


def test_http_errors_redirects_and_content_types(server):
    assert "Grain deal" in fetch(f"{server}/moved", allow_private_network=True).content.decode()
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/nothing", allow_private_network=True)
    with pytest.raises(FetchError, match="redirects"):
        fetch(f"{server}/loop", allow_private_network=True)
    with pytest.raises(FetchError, match="unexpected content type"):
        fetch(f"{server}/image", allow_private_network=True)


def test_one_failing_source_does_not_stop_the_others(server):
    sources = [Source(name="bad", kind="page", url=f"{server}/nothing", allow_private_network=True),
               Source(name="good", kind="page", url=f"{server}/article", allow_private_network=True)]
    result = collect(sources)
    assert [a.source for a in result.articles] == ["good"]
    assert [f.source for f in result.failures] == ["bad"]
