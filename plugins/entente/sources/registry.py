"""The sources file (`data/sources.yml`): parse and check it, with errors that point at the fault."""
from __future__ import annotations

import re
from base64 import b64encode
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import yaml

from entente import settings
from entente.sources.http import Credentials, FetchError

KINDS = ("feed", "page", "inbox")


class SourcesError(ValueError):
    """The sources file is unreadable or an entry is wrong; the message names file and entry."""


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    url: str | None = None
    path: Path | None = None
    enabled: bool = True
    allow_private_network: bool = False
    # Names of environment variables holding credentials, never the credentials themselves:
    # (("header", "X-Api-Key"), ("value", "WIRE_KEY")) or (("username", ...), ("password", ...)).
    auth_env: tuple[tuple[str, str], ...] | None = None

    def credentials(self, secret: Callable[[str], str | None] = settings.secret
                    ) -> Credentials | None:
        """The source's credentials, looked up now by the names in auth_env (`secret` reads one
        from the environment); None without auth_env."""
        if not self.auth_env:
            return None
        names = dict(self.auth_env)
        values = {}
        for key in ("value", "username", "password"):
            if key in names:
                value = secret(names[key])
                if not value:
                    raise FetchError(f"{self.name}: environment variable {names[key]} (auth_env "
                                     f"{key}) is not set", kind="error")
                values[key] = value
        if "header" in names:
            headers = {names["header"]: values["value"]}
        else:
            token = b64encode(f"{values['username']}:{values['password']}".encode()).decode()
            headers = {"Authorization": f"Basic {token}"}
        parts = urlsplit(self.url or "")
        return Credentials(origin=f"{parts.scheme}://{parts.netloc}".lower(), headers=headers)


_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")


def load_sources(path: Path, base_dir: Path) -> list[Source]:
    """Enabled sources from a sources file; relative paths resolve against `base_dir` (the
    project folder)."""
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: sources file not found") from None
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise SourcesError(f"{path}: expected a top-level 'sources:' list")
    sources = [_parse_entry(entry, f"{path}: sources[{i}]", base_dir)
               for i, entry in enumerate(document["sources"])]
    _check_unique_names(sources, path)
    return [source for source in sources if source.enabled]


def _parse_entry(entry: object, where: str, base_dir: Path) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: expected a mapping with name, kind and url or path")
    unknown = set(entry) - {"name", "kind", "url", "path", "enabled", "allow_private_network",
                            "auth_env"}
    if unknown:
        raise SourcesError(f"{where}: unknown field(s) {sorted(unknown)}")
    name, kind = entry.get("name"), entry.get("kind")
    if not name or not isinstance(name, str):
        raise SourcesError(f"{where}: 'name' is required")
    if kind not in KINDS:
        raise SourcesError(f"{where} ({name}): 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    url, path = entry.get("url"), entry.get("path")
    if bool(url) == bool(path):
        raise SourcesError(f"{where} ({name}): give exactly one of 'url' or 'path'")
    if kind == "inbox" and url:
        raise SourcesError(f"{where} ({name}): an inbox reads a folder 'path', not a url")
    if kind == "page" and path:
        raise SourcesError(f"{where} ({name}): a page source needs a 'url'")
    return Source(name=name, kind=kind, url=url, path=_resolve(path, base_dir) if path else None,
                  enabled=bool(entry.get("enabled", True)),
                  allow_private_network=bool(entry.get("allow_private_network", False)),
                  auth_env=_parse_auth_env(entry.get("auth_env"), url, f"{where} ({name})"))


def _parse_auth_env(value, url: str | None, where: str) -> tuple[tuple[str, str], ...] | None:
    """`auth_env: {header: X-Api-Key, value: ENV}` or `{username: ENV, password: ENV}`."""
    if value is None:
        return None
    if not url:
        raise SourcesError(f"{where}: auth_env needs a 'url' source")
    if not isinstance(value, dict) or set(value) not in ({"header", "value"},
                                                         {"username", "password"}):
        raise SourcesError(f"{where}: auth_env must be {{header, value}} or "
                           "{username, password}, each naming an environment variable")
    for key, name in value.items():
        pattern = _HEADER_NAME if key == "header" else _ENV_NAME
        if not isinstance(name, str) or not pattern.match(name):
            raise SourcesError(f"{where}: auth_env {key} must be "
                               f"{'a header name' if key == 'header' else 'an environment variable name'}"
                               " (credentials themselves never go in the sources file)")
    return tuple(sorted(value.items()))


def _resolve(path: str, base_dir: Path) -> Path:
    candidate = Path(path).expanduser()
    return candidate if candidate.is_absolute() else base_dir / candidate


def _check_unique_names(sources: list[Source], path: Path) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise SourcesError(f"{path}: source name {source.name!r} is used twice")
        seen.add(source.name)


def inbox_sources(folders: list[Path]) -> list[Source]:
    """Ad-hoc inbox sources for `entente run --inbox DIR`."""
    return [Source(name=f"inbox:{Path(folder).name}", kind="inbox", path=Path(folder).resolve())
            for folder in folders]
