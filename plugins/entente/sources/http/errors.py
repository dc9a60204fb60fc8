"""The one error a fetch raises: it names the URL and the reason."""
from __future__ import annotations


class FetchError(RuntimeError):
    """A URL could not be fetched; the message names the URL and the reason."""

    def __init__(self, message: str, status: int | None = None, kind: str = "error"):
        super().__init__(message)
        self.status = status    # HTTP status when the server answered
        self.kind = kind        # "error" or "blocked" (robots.txt, private address)
