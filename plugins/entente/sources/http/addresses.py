"""Which addresses a source may reach: public ones, unless it allows its private network.

`check_url_allowed` refuses non-http(s) schemes and hosts that resolve to loopback, private or
link-local addresses before a request is made. `PublicOnlyBackend` makes the connection itself
go to an address it checked: it resolves the host once, refuses it if any address is private
and connects to one of the checked addresses, so no second lookup can answer differently (DNS
rebinding). TLS still verifies the certificate for the URL's host name.
"""
from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpcore

from entente.sources.http.errors import FetchError


def resolve_host(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]


def is_public(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_global


def refuse_private(url: str, address: str) -> None:
    if not is_public(address):
        raise FetchError(f"{url}: refusing private/local address {address} "
                         "(set allow_private_network: true on the source to allow it)",
                         kind="blocked")


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
        refuse_private(url, address)


class PrivateAddress(Exception):
    """Raised inside a connection attempt: the host resolved to a private address."""

    def __init__(self, address: str):
        super().__init__(address)
        self.address = address


class PublicOnlyBackend(httpcore.SyncBackend):
    """An httpcore network backend that connects only to public addresses it resolved itself."""

    def __init__(self, resolve=None, allowed=None):
        self._resolve = resolve or resolve_host
        self._allowed = allowed or is_public

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = self._resolve(host, port)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve host: {exc}") from None
        for address in addresses:
            if not self._allowed(address):
                raise PrivateAddress(address)
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error
