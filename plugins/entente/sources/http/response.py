"""What a fetch is told (the policy, a source's credentials) and what it returns (a Response)."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from entente.sources.decoding import charset_of, decode_body

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass
class FetchPolicy:
    """The client's limits; the defaults are polite for the open web, tests shorten them."""
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0          # whole response, body included
    retries: int = 3                # further attempts after the first
    backoff: float = 1.0            # seconds before the first retry; doubles each time
    max_backoff: float = 30.0
    host_interval: float = 1.0      # seconds between requests to one host (Settings.host_interval)
    max_crawl_delay: float = 10.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    respect_robots: bool = True
    item_pages: bool = True         # fetch the linked page of a summary-only feed item


@dataclass(frozen=True)
class Credentials:
    """Headers a source sends only to its own origin (never across a redirect to another host,
    never for robots.txt). repr() hides the values, so they cannot reach a log."""
    origin: str
    headers: dict = field(repr=False, hash=False, compare=False)

    def for_url(self, url: str) -> dict:
        parts = urlsplit(url)
        same = f"{parts.scheme}://{parts.netloc}".lower() == self.origin
        return dict(self.headers) if same else {}


@dataclass
class Response:
    url: str                        # final URL, after redirects
    content: bytes
    content_type: str
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    requested_url: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        return charset_of(self.content_type)

    def text(self) -> str:
        return decode_body(self.content, self.charset)
