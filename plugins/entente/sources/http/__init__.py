"""HTTP for the sources: one polite, bounded client (client.py), its conditional-GET cache,
robots.txt rules and the address checks that keep it off private networks."""
from entente.sources.http.addresses import PublicOnlyBackend, check_url_allowed
from entente.sources.http.cache import HttpCache
from entente.sources.http.client import TEXT_TYPES, USER_AGENT, HttpClient, fetch
from entente.sources.http.errors import FetchError
from entente.sources.http.response import Credentials, FetchPolicy, Response

__all__ = ["TEXT_TYPES", "USER_AGENT", "Credentials", "FetchError", "FetchPolicy", "HttpCache",
           "HttpClient", "PublicOnlyBackend", "Response", "check_url_allowed", "fetch"]
