"""Hostile input at the sources: private and metadata addresses, other URL schemes, inbox
symlinks out of the folder, and credentials (read from the environment by name, sent only to
their own origin, never logged)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from entente.sources import collect
from entente.sources.http import FetchError, FetchPolicy, HttpClient, check_url_allowed
from entente.sources.inbox import inbox_files
from entente.sources.registry import Source, SourcesError, load_sources
from httpfixture import send, start_server

TREATY = ("The foreign ministers of Norway and Sweden signed a fisheries agreement in Oslo on "
          "Tuesday, committing both governments to share catch data and patrol the border "
          "waters together. Officials said the accord would be reviewed every year.")
SECRET = "Bearer s3cr3t-token-value"
AUTH_FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><link>http://x</link>"
             "<description>d</description><item><title>Members only</title>"
             "<link>{base}/members/1</link><description>{text}</description></item>"
             "<item><title>Elsewhere</title><link>{other}/echo</link>"
             "<description>Short.</description></item></channel></rss>")

@pytest.mark.parametrize("url", [
    "http://169.254.169.254/latest/meta-data/",      # cloud metadata (link-local)
    "http://[fd00:ec2::254]/latest/meta-data/",      # AWS IPv6 metadata (unique local)
    "http://[::1]:8080/",                            # IPv6 loopback
    "http://[::ffff:127.0.0.1]/",                    # IPv4-mapped loopback
    "http://127.1/", "http://0.0.0.0/", "http://localhost/",
    "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/",
    "http://[fe80::1]/",
])
def test_private_loopback_link_local_and_metadata_addresses_are_refused(url):
    with pytest.raises(FetchError) as refused:
        check_url_allowed(url, allow_private_network=False)
    assert refused.value.kind == "blocked"
    check_url_allowed(url, allow_private_network=True)     # a source may opt in


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/",
                                 "javascript:alert(1)", "data:text/html,<p>x</p>", "//x/y", "x"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchError, match="only http and https"):
        check_url_allowed(url, allow_private_network=True)


def test_inbox_symlinks_leading_out_of_the_folder_are_not_read(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Secret\n\nPrivate notes that must never be ingested as an article.")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text("Good\n\n" + TREATY)
    (inbox / "leak.txt").symlink_to(secret)                  # a file link out of the folder
    (inbox / "linked-dir").symlink_to(secret.parent)         # a folder link out of it
    (inbox / "sub").mkdir()
    (inbox / "sub" / "up.txt").symlink_to(inbox / ".." / "outside" / "secret.txt")
    (inbox / "inside.txt").symlink_to(inbox / "good.txt")     # a link inside the folder is fine
    assert sorted(p.name for p in inbox_files(inbox)) == ["good.txt", "inside.txt"]
    result = collect([Source(name="box", kind="inbox", path=inbox)])
    assert result.articles and all("Private notes" not in a.text for a in result.articles)


@pytest.fixture
def auth_site():
    seen: list[dict] = []

    def guarded(handler):
        seen.append({"path": handler.path, "auth": handler.headers.get("Authorization")})
        if handler.headers.get("Authorization") != SECRET:
            send(handler, 401, "text/plain", b"login required")
            return
        send(handler, 200, "application/rss+xml", AUTH_FEED.format(
            base=base, other=base.replace("127.0.0.1", "localhost"), text=TREATY).encode())

    def echo(handler):
        seen.append({"path": handler.path, "host": handler.headers.get("Host"),
                     "auth": handler.headers.get("Authorization")})
        send(handler, 200, "text/html", b"<html><body><p>Nothing here.</p></body></html>")

    routes = {"/robots.txt": echo, "/feed": guarded, "/members/1": guarded, "/echo": echo}
    httpd, base = start_server(routes)
    yield base, seen
    httpd.shutdown()


def sources_file(tmp_path, entry: dict) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text(yaml.safe_dump({"sources": [entry]}), encoding="utf-8")
    return path


def auth_source(tmp_path, base, **auth):
    [source] = load_sources(sources_file(tmp_path, {
        "name": "members", "kind": "feed", "url": f"{base}/feed",
        "allow_private_network": True, "auth_env": auth}), tmp_path)
    return source


def test_feed_credentials_come_from_the_environment_and_stay_on_their_origin(
        auth_site, monkeypatch, caplog, tmp_path):
    base, seen = auth_site
    monkeypatch.setenv("MEMBERS_TOKEN", SECRET)
    source = auth_source(tmp_path, base, header="Authorization", value="MEMBERS_TOKEN")
    assert SECRET not in repr(source) and SECRET not in repr(source.credentials())
    caplog.set_level("DEBUG")
    with HttpClient(FetchPolicy(host_interval=0, retries=0)) as client:
        result = collect([source], client)
    assert result.failures == [] and [a.title for a in result.articles][:1] == ["Members only"]
    assert {s["auth"] for s in seen if s["path"] in ("/feed",)} == {SECRET}
    other_origin = [s for s in seen if s["path"] in ("/echo", "/robots.txt")]
    assert other_origin and all(s["auth"] is None for s in other_origin)   # never sent elsewhere
    logged = caplog.text + repr(result.fetch_log) + repr(result.failures)
    assert "s3cr3t" not in logged


def test_missing_credentials_fail_the_source_naming_the_variable_not_a_value(auth_site,
                                                                              monkeypatch,
                                                                              tmp_path):
    base, _ = auth_site
    monkeypatch.delenv("MEMBERS_USER", raising=False)
    source = auth_source(tmp_path, base, username="MEMBERS_USER", password="MEMBERS_PASSWORD")
    with HttpClient(FetchPolicy(host_interval=0, retries=0)) as client:
        result = collect([source], client)
    assert result.articles == []
    assert "environment variable MEMBERS_USER" in result.failures[0].reason


@pytest.mark.parametrize("auth", [{"header": "Authorization", "value": "Bearer abc def"},
                                  {"username": "me"}, "TOKEN",
                                  {"header": "X: y", "value": "TOKEN"}])
def test_sources_file_refuses_credentials_in_place_of_variable_names(auth, tmp_path):
    path = sources_file(tmp_path, {"name": "m", "kind": "feed", "url": "http://example.org/f",
                                   "auth_env": auth})
    with pytest.raises(SourcesError, match="auth_env"):
        load_sources(path, tmp_path)
