"""A real HTTP server on 127.0.0.1 for the fetch and ingest tests: fixed routes, the public eval
feeds and pages (read from ../shared/eval at request time, never copied), and generated faults."""
from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from typing import Callable

from locations import EVAL

FEEDS = EVAL / "feeds" / "feedjira_sample_feeds"
PAGES = EVAL / "html" / "pages"


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, object] = {}
    hits: Counter = Counter()
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server API)
        path = urlsplit(self.path).path
        self.hits[path] += 1
        route = self.routes.get(path)
        if route is None:
            route = _eval_route(path)
        if callable(route):
            route(self)
            return
        status, content_type, body = route or (404, "text/plain", b"missing")
        if status in (301, 302, 307):
            self.send_response(status)
            self.send_header("Location", body)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        send(self, status, content_type, body)

    def log_message(self, *args):
        pass


def send(handler, status: int, content_type: str, body: bytes, headers: dict | None = None):
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def _eval_route(path: str):
    if path.startswith("/eval/feeds/") and FEEDS.is_dir():
        file = FEEDS / Path(path).name
        if file.is_file():
            kind = "application/feed+json" if file.suffix == ".json" else "application/xml"
            return 200, kind, file.read_bytes()
    if path.startswith("/eval/pages/") and PAGES.is_dir():
        file = PAGES / f"{Path(path).stem}.html.gz"
        if file.is_file():
            return 200, "text/html; charset=utf-8", gzip.decompress(file.read_bytes())
    return None


# ---------------------------------------------------------------- generated faults

def flaky(times: int, body: bytes, content_type: str = "text/html") -> Callable:
    """500 for the first `times` requests, then the body."""
    count = {"n": 0}

    def route(handler):
        count["n"] += 1
        if count["n"] <= times:
            send(handler, 500, "text/plain", b"oops")
        else:
            send(handler, 200, content_type, body)
    return route


def stalled(seconds: float) -> Callable:
    def route(handler):
        time.sleep(seconds)
        try:
            send(handler, 200, "text/html", b"<html>late</html>")
        except OSError:
            pass
    return route


def trickle(interval: float, chunk: bytes = b"<p>slow</p>", total: int | None = None) -> Callable:
    """A body sent piece by piece (forever when `total` is None): slow or endless bodies."""
    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Connection", "close")
        handler.end_headers()
        sent = 0
        try:
            while total is None or sent < total:
                handler.wfile.write(chunk)
                handler.wfile.flush()
                sent += len(chunk)
                if interval:
                    time.sleep(interval)
        except OSError:
            pass
        handler.close_connection = True
    return route


def with_etag(body: bytes, etag: str, content_type: str = "application/xml") -> Callable:
    def route(handler):
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            send(handler, 200, content_type, body, {"ETag": etag,
                                                   "Last-Modified": "Fri, 09 Apr 2010 10:00:00 GMT"})
    return route


def start_server(routes: dict) -> tuple[ThreadingHTTPServer, str]:
    """A server of its own routes (several may run at once); hits are counted in Handler.hits."""
    Handler.hits = Counter()
    handler = type("RoutesHandler", (Handler,), {"routes": routes})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
