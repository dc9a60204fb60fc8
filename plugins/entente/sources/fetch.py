"""One HTTP client for every source: polite, bounded, and safe to point at the open web.

- timeouts (connect, read) and an overall deadline per response, so a trickling body ends;
- retries with exponential backoff on 5xx / 429, timeouts and dropped connections;
- conditional GET: ETag / Last-Modified remembered in an `HttpCache`; a 304 is `not_modified`
  and costs no further work;
- a per-host rate limit (robots.txt `Crawl-delay` can only lengthen it);
- robots.txt respected, fetched through this same client (same limits, same SSRF rules);
- a User-Agent naming the project;
- redirects followed by hand, capped, every hop re-checked (scheme, private addresses, robots);
- the body streamed and aborted past `max_bytes`; content type checked; binary bodies refused;
- `decode_body`: a wrong declared charset still gives sensible text.
"""
from __future__ import annotations

import codecs
import ipaddress
import json
import logging
import os
import re
import socket
import time
import uuid
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
import urllib.request
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from entente import __version__

log = logging.getLogger(__name__)

ROBOTS_AGENT = "Entente"
USER_AGENT = f"{ROBOTS_AGENT}/{__version__} (+news cooperation research pipeline)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TEXT_TYPES = ("html", "xml", "json", "text", "rss", "atom")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Magic numbers of formats that are never an article or a feed, whatever the server says.
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"\x1f\x8b", b"PK\x03\x04",
                 b"\x00\x00\x01\x00", b"RIFF", b"\x7fELF", b"OggS", b"ID3")


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL and the reason."""

    def __init__(self, message: str, status: int | None = None, kind: str = "error"):
        super().__init__(message)
        self.status = status    # HTTP status when the server answered
        self.kind = kind        # "error" or "blocked" (robots.txt, private address)


class _Retryable(Exception):
    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.status, self.retry_after = status, retry_after


@dataclass
class FetchPolicy:
    """The client's limits; the defaults are polite for the open web, tests shorten them."""
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0          # whole response, body included
    retries: int = 3                # further attempts after the first
    backoff: float = 1.0            # seconds before the first retry; doubles each time
    max_backoff: float = 30.0
    host_interval: float = float(os.environ.get("ENTENTE_HOST_INTERVAL", "1.0"))
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
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", self.content_type, re.I)
        return match.group(1) if match else None

    def text(self) -> str:
        return decode_body(self.content, self.charset)


class HttpCache:
    """ETag / Last-Modified per URL, in a small JSON file kept between runs."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[str, dict] = {}
        if path and path.exists():
            try:
                self.entries = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                log.warning("HTTP cache %s unreadable; starting empty", path)

    def validators(self, url: str) -> dict[str, str]:
        entry = self.entries.get(url, {})
        headers = {}
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
        return headers

    def remember(self, response: Response) -> None:
        """Keep a 200's validators, under the URL asked for and the one answered."""
        if response.status != 200 or not (response.etag or response.last_modified):
            return
        entry = {"etag": response.etag, "last_modified": response.last_modified}
        for url in {response.url, response.requested_url or response.url}:
            self.entries[url] = entry

    def save(self) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{uuid.uuid4().hex}.partial")
        partial.write_text(json.dumps(self.entries, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.path)


def check_url_allowed(url: str, allow_private_network: bool) -> None:
    """Refuse non-http(s) schemes and, unless allowed, hosts on private or local addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs are fetched", kind="blocked")
    if allow_private_network:
        return
    try:
        addresses = resolve_host(parts.hostname, parts.port or 80)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host: {exc}") from None
    for address in addresses:
        _refuse_private(url, address)


def resolve_host(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]


def _refuse_private(url: str, address: str) -> None:
    if not _is_public(address):
        raise FetchError(f"{url}: refusing private/local address {address} "
                         "(set allow_private_network: true on the source to allow it)",
                         kind="blocked")


class _PrivateAddress(Exception):
    def __init__(self, address: str):
        super().__init__(address)
        self.address = address


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Resolves the host once, refuses it if any address is private, and connects to an address
    it checked: no second lookup can answer differently (DNS rebinding). TLS still verifies
    the certificate for the URL's host name."""

    def __init__(self, resolve=None, allowed=None):
        self._resolve = resolve or (lambda host, port: resolve_host(host, port))
        self._allowed = allowed or _is_public

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = self._resolve(host, port)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve host: {exc}") from None
        for address in addresses:
            if not self._allowed(address):
                raise _PrivateAddress(address)
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error


def _pinned_transport(backend: _PublicOnlyBackend) -> httpx.HTTPTransport:
    """httpx's transport over a connection pool that connects through `backend` (httpx has no
    public setting for the network backend)."""
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                              network_backend=backend)
    return transport


def _proxies_from_environment() -> bool:
    """HTTP_PROXY / HTTPS_PROXY / ALL_PROXY set: httpx sends requests through them (a custom
    transport would turn that off, so the pinned one is not used then)."""
    proxies = urllib.request.getproxies()
    return any(proxies.get(scheme) for scheme in ("http", "https", "all"))


def _is_public(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_global


class HttpClient:
    """Use one per run (`with HttpClient(...) as client`): it keeps connections, rate-limit
    clocks and robots.txt rules per host."""

    def __init__(self, policy: FetchPolicy | None = None, cache: HttpCache | None = None,
                 user_agent: str = USER_AGENT, backend: _PublicOnlyBackend | None = None):
        self.policy = policy or FetchPolicy()
        self.cache = cache or HttpCache()
        self.user_agent = user_agent
        self.requests = 0
        settings = dict(
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False)
        if _proxies_from_environment():
            # the proxy is the peer (and may well be private): only the check before the request
            self._http = httpx.Client(**settings)
        else:
            self._http = httpx.Client(transport=_pinned_transport(backend or _PublicOnlyBackend()),
                                      **settings)
        self._http_private = httpx.Client(**settings)   # sources with allow_private_network
        self._last_request: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()
        self._http_private.close()

    def get(self, url: str, allow_private_network: bool = False,
            accept: tuple[str, ...] | None = TEXT_TYPES, conditional: bool = False,
            robots: bool = True, credentials: Credentials | None = None) -> Response:
        """GET a URL; with `conditional`, a stored ETag/Last-Modified may give a 304 Response.
        `credentials` are sent on the hops that stay on their origin."""
        requested = url
        for _ in range(self.policy.max_redirects + 1):
            check_url_allowed(url, allow_private_network)
            if robots and self.policy.respect_robots:
                self._check_robots(url, allow_private_network)
            headers = self.cache.validators(url) if conditional else {}
            if credentials is not None:
                headers.update(credentials.for_url(url))
            response = self._get_with_retries(url, headers, accept, allow_private_network)
            if isinstance(response, str):       # a redirect: the next hop's URL
                url = response
                continue
            response.requested_url = requested
            return response
        raise FetchError(f"{requested}: more than {self.policy.max_redirects} redirects")

    # -- one hop, retried -------------------------------------------------------------
    def _get_with_retries(self, url: str, headers: dict, accept,
                          allow_private_network: bool = False) -> Response | str:
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            self._wait_for_host(url)
            try:
                return self._get_once(url, headers, accept, allow_private_network)
            except _Retryable as exc:
                if attempt + 1 == attempts:
                    raise FetchError(f"{url}: {exc} (gave up after {attempts} attempts)",
                                     status=exc.status) from None
                pause = min(self.policy.backoff * 2 ** attempt, self.policy.max_backoff)
                if exc.retry_after is not None:
                    pause = min(max(pause, exc.retry_after), self.policy.max_backoff)
                log.info("%s: %s; retrying in %.2fs", url, exc, pause)
                time.sleep(pause)
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict, accept,
                  allow_private_network: bool = False) -> Response | str:
        self.requests += 1
        try:
            http = self._http_private if allow_private_network else self._http
            with http.stream("GET", url, headers=headers) as response:
                return self._handle(url, response, accept)
        except _PrivateAddress as exc:
            _refuse_private(url, exc.address)
            raise AssertionError("unreachable") from None
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timed out ({type(exc).__name__})") from None
        except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError) as exc:
            raise _Retryable(f"connection dropped: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None

    def _handle(self, url: str, response: httpx.Response, accept) -> Response | str:
        status = response.status_code
        if status == 304:
            return Response(url=url, content=b"", content_type="", status=304)
        if status in (301, 302, 303, 307, 308):
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"{url}: HTTP {status} without a Location", status=status)
            return str(response.url.join(location))
        if status in RETRY_STATUSES:
            raise _Retryable(f"HTTP {status}", status, _retry_after(response))
        if status >= 400:
            raise FetchError(f"{url}: HTTP {status}", status=status)
        content_type = response.headers.get("content-type", "")
        if accept and content_type and not any(kind in content_type.lower() for kind in accept):
            raise FetchError(f"{url}: unexpected content type {content_type!r}", status=status)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_bytes:
            raise FetchError(f"{url}: body of {declared} bytes is over the "
                             f"{self.policy.max_bytes}-byte cap", status=status)
        content = self._read_capped(response, url)
        if accept and _looks_binary(content):
            raise FetchError(f"{url}: binary content, not a text document", status=status)
        return Response(url=str(response.url), content=content, content_type=content_type,
                        status=status, etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"))

    def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        chunks, size = [], 0
        deadline = time.monotonic() + self.policy.deadline
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise FetchError(f"{url}: body larger than {self.policy.max_bytes} bytes, aborted",
                                 status=response.status_code)
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: body still arriving after {self.policy.deadline:g}s, "
                                 "aborted", status=response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    # -- politeness -------------------------------------------------------------------
    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        interval = self._host_interval.get(host, self.policy.host_interval)
        last = self._last_request.get(host)
        if last is not None:
            pause = last + interval - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str, allow_private_network: bool) -> None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin, allow_private_network)
        rules = self._robots[origin]
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"{url}: disallowed by robots.txt", kind="blocked")

    def _load_robots(self, origin: str, allow_private_network: bool) -> RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has none or they are unreachable."""
        rules = RobotFileParser(f"{origin}/robots.txt")
        try:
            response = self.get(f"{origin}/robots.txt", allow_private_network, accept=None,
                                robots=False)
        except FetchError as exc:
            if exc.status in (401, 403):        # RFC 9309: access denied → treat as disallow all
                rules.disallow_all = True
                return rules
            log.debug("no robots.txt rules for %s: %s", origin, exc)
            return None
        rules.parse(response.text().splitlines())
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            host = urlsplit(origin).netloc.lower()
            self._host_interval[host] = max(self.policy.host_interval,
                                            min(float(delay), self.policy.max_crawl_delay))
        return rules


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _looks_binary(content: bytes) -> bool:
    head = content[:1024]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# WHATWG: labels that browsers decode as windows-1252.
_AS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "iso8859-1"}


def decode_body(content: bytes, declared: str | None = None) -> str:
    """Bytes → text. Valid UTF-8 wins (a wrong header must not turn it into mojibake), then the
    declared charset (header, <meta> or XML declaration) if it decodes cleanly, then detection."""
    if content.startswith(codecs.BOM_UTF8):
        return content[3:].decode("utf-8", errors="replace")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = content[:4096]
    candidates = [declared] + [m.group(1).decode("ascii", "ignore")
                               for m in (_META_CHARSET.search(head), _XML_ENCODING.search(head)) if m]
    for label in candidates:
        if not label:
            continue
        label = "cp1252" if label.lower() in _AS_CP1252 else label
        try:
            if codecs.lookup(label).name not in ("utf-8",):
                return content.decode(label)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return content.decode(best.encoding, errors="replace")
    return content.decode("cp1252", errors="replace")


def fetch(url: str, allow_private_network: bool = False,
          accept: tuple[str, ...] | None = TEXT_TYPES, client: HttpClient | None = None) -> Response:
    """One GET with a throwaway client (prefer a shared `HttpClient` for a whole run)."""
    if client is not None:
        return client.get(url, allow_private_network, accept)
    with HttpClient() as own:
        return own.get(url, allow_private_network, accept)
