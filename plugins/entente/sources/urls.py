"""Canonical URLs: tracking parameters, fragments, default ports and case differences removed
(courlan), so the same article reached by two links is recognised before its page is fetched."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from courlan import normalize_url


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters, fragment, default port or host case; None stays None."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if urlsplit(url).scheme not in ("http", "https"):
        return url
    try:
        normalized = normalize_url(url, strict=False)
    except (ValueError, AttributeError):
        normalized = url
    parts = urlsplit(normalized)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))
