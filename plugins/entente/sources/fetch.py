"""One HTTP client for every source: timeouts, size cap, content type, no private addresses.

Issue 3 adds retries, conditional GET, per-host rate limits and robots.txt on top of this.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from entente import __version__

USER_AGENT = f"Entente/{__version__} (+news cooperation research pipeline)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL and the reason."""


@dataclass
class Response:
    url: str
    content: bytes
    content_type: str


def check_url_allowed(url: str, allow_private_network: bool) -> None:
    """Refuse non-http(s) schemes and, unless allowed, hosts on private or local addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs are fetched")
    if allow_private_network:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host: {exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"{url}: refusing private/local address {address} "
                             "(set allow_private_network: true on the source to allow it)")


def fetch(url: str, allow_private_network: bool = False,
          accept: tuple[str, ...] = ("html", "xml", "json", "text")) -> Response:
    """GET a URL, following a few redirects, each hop checked; body capped at MAX_BYTES."""
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=TIMEOUT, headers=headers, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url_allowed(url, allow_private_network)
            with client.stream("GET", url) as response:
                if response.is_redirect:
                    url = str(response.url.join(response.headers.get("location", "")))
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                content_type = response.headers.get("content-type", "")
                if content_type and not any(kind in content_type for kind in accept):
                    raise FetchError(f"{url}: unexpected content type {content_type!r}")
                return Response(url=str(response.url), content=_read_capped(response, url),
                                content_type=content_type)
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _read_capped(response: httpx.Response, url: str) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(f"{url}: body larger than {MAX_BYTES} bytes, aborted")
        chunks.append(chunk)
    return b"".join(chunks)
