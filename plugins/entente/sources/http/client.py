"""One HTTP client for every source: polite, bounded, and safe to point at the open web.

- timeouts (connect, read) and an overall deadline per response, so a trickling body ends;
- retries with exponential backoff (tenacity) on 5xx / 429, timeouts and dropped connections,
  honouring Retry-After;
- conditional GET: ETag / Last-Modified remembered in an `HttpCache`; a 304 is `not_modified`
  and costs no further work;
- a per-host rate limit (robots.txt `Crawl-delay` can only lengthen it);
- robots.txt respected (Protego), fetched through this same client (same limits, same rules);
- a User-Agent naming the project;
- redirects followed by hand, capped, every hop re-checked (scheme, private addresses, robots);
- connections only to public addresses the client checked itself (addresses.py);
- the body streamed and aborted past `max_bytes`; content type checked; binary bodies refused.
"""
from __future__ import annotations

import logging
import time
import urllib.request
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from entente import __version__
from entente.sources.decoding import looks_binary
from entente.sources.http.addresses import (PrivateAddress, PublicOnlyBackend,
                                            check_url_allowed, refuse_private)
from entente.sources.http.cache import HttpCache
from entente.sources.http.errors import FetchError
from entente.sources.http.response import Credentials, FetchPolicy, Response
from entente.sources.http.robots import AGENT, RobotsRules
from entente.sources.http.transport import BackendTransport

log = logging.getLogger(__name__)

USER_AGENT = f"{AGENT}/{__version__} (+news cooperation research pipeline)"
TEXT_TYPES = ("html", "xml", "json", "text", "rss", "atom")
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class _Retryable(Exception):
    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.status, self.retry_after = status, retry_after


def _proxies_from_environment() -> bool:
    """HTTP_PROXY / HTTPS_PROXY / ALL_PROXY set: httpx sends requests through them (a custom
    transport would turn that off, so the pinned one is not used then)."""
    proxies = urllib.request.getproxies()
    return any(proxies.get(scheme) for scheme in ("http", "https", "all"))


class HttpClient:
    """Use one per run (`with HttpClient(...) as client`): it keeps connections, rate-limit
    clocks and robots.txt rules per host."""

    def __init__(self, policy: FetchPolicy | None = None, cache: HttpCache | None = None,
                 user_agent: str = USER_AGENT, backend: PublicOnlyBackend | None = None):
        self.policy = policy or FetchPolicy()
        self.cache = cache or HttpCache()
        self.requests = 0
        settings = dict(
            timeout=httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout),
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=False)
        if _proxies_from_environment():
            # the proxy is the peer (and may well be private): only the check before the request
            self._http = httpx.Client(**settings)
        else:
            transport = BackendTransport(backend or PublicOnlyBackend())
            self._http = httpx.Client(transport=transport, **settings)
        self._http_private = httpx.Client(**settings)   # sources with allow_private_network
        self._last_request: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}
        self._robots: dict[str, RobotsRules | None] = {}

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
                          allow_private_network: bool) -> Response | str:
        attempts = self.policy.retries + 1
        retrying = Retrying(stop=stop_after_attempt(attempts), wait=self._pause,
                            retry=retry_if_exception_type(_Retryable), reraise=True,
                            before_sleep=lambda state: log.info(
                                "%s: %s; retrying in %.2fs", url, state.outcome.exception(),
                                state.upcoming_sleep))
        try:
            return retrying(self._get_once, url, headers, accept, allow_private_network)
        except _Retryable as exc:
            raise FetchError(f"{url}: {exc} (gave up after {attempts} attempts)",
                             status=exc.status) from None

    def _pause(self, state) -> float:
        """Exponential backoff, lengthened (never beyond max_backoff) by a Retry-After."""
        pause = min(self.policy.backoff * 2 ** (state.attempt_number - 1), self.policy.max_backoff)
        retry_after = getattr(state.outcome.exception(), "retry_after", None)
        if retry_after is not None:
            pause = min(max(pause, retry_after), self.policy.max_backoff)
        return pause

    def _get_once(self, url: str, headers: dict, accept,
                  allow_private_network: bool) -> Response | str:
        self._wait_for_host(url)
        self.requests += 1
        try:
            http = self._http_private if allow_private_network else self._http
            with http.stream("GET", url, headers=headers) as response:
                return self._handle(url, response, accept)
        except PrivateAddress as exc:
            refuse_private(url, exc.address)
            raise
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
        if status in REDIRECT_STATUSES:
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
        if accept and looks_binary(content):
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
        if rules is not None and not rules.allows(url):
            raise FetchError(f"{url}: disallowed by robots.txt", kind="blocked")

    def _load_robots(self, origin: str, allow_private_network: bool) -> RobotsRules | None:
        """The site's rules; None (everything allowed) when it has none or they are unreachable."""
        try:
            response = self.get(f"{origin}/robots.txt", allow_private_network, accept=None,
                                robots=False)
        except FetchError as exc:
            if exc.status in (401, 403):        # RFC 9309: access denied → treat as disallow all
                return RobotsRules.disallow_all()
            log.debug("no robots.txt rules for %s: %s", origin, exc)
            return None
        rules = RobotsRules(response.text())
        if rules.crawl_delay:
            host = urlsplit(origin).netloc.lower()
            self._host_interval[host] = max(self.policy.host_interval,
                                            min(rules.crawl_delay, self.policy.max_crawl_delay))
        return rules


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def fetch(url: str, allow_private_network: bool = False,
          accept: tuple[str, ...] | None = TEXT_TYPES, client: HttpClient | None = None) -> Response:
    """One GET with a throwaway client (prefer a shared `HttpClient` for a whole run)."""
    if client is not None:
        return client.get(url, allow_private_network, accept)
    with HttpClient() as own:
        return own.get(url, allow_private_network, accept)
