"""robots.txt rules, parsed by Protego (Scrapy's parser): `*` and `$` wildcards, Allow/Disallow
precedence by length, Crawl-delay. RFC 9309: a robots.txt answered with 401 or 403 disallows
everything; a missing or unreachable one allows everything."""
from __future__ import annotations

from protego import Protego

AGENT = "Entente"
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"


class RobotsRules:
    """One site's rules for Entente's user agent."""

    def __init__(self, text: str):
        self._rules = Protego.parse(text)

    @classmethod
    def disallow_all(cls) -> RobotsRules:
        return cls(DISALLOW_ALL)

    def allows(self, url: str) -> bool:
        return self._rules.can_fetch(url, AGENT)

    @property
    def crawl_delay(self) -> float | None:
        delay = self._rules.crawl_delay(AGENT)
        return float(delay) if delay else None
