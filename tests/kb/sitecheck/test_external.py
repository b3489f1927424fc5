"""kb links --external against servers on 127.0.0.1: answers, failures, timeout and the cache."""

from __future__ import annotations

import http.server
import socket
import threading
from pathlib import Path

import pytest

from kb.cli import main
from kb.sitecheck.external import check_external
from kb.sitecheck.links import read_site


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            self.send_error(405)
            return
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path == "/no-head" else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():  # type: ignore[no-untyped-def]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_site(tmp_path: Path, base: str, dead: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<a href="{base}/ok">ok</a>\n<a href="{base}/missing">gone</a>\n<a href="{base}/no-head#x">get only</a>\n'
        f'<a href="{dead}/anything">dead host</a>\n<a href="index.html">internal</a>\n',
        encoding="utf-8",
    )
    return site


def test_external_links_are_checked_and_cached(tmp_path: Path, server: str) -> None:
    dead = f"http://127.0.0.1:{closed_port()}"
    site = make_site(tmp_path, server, dead)
    cache = tmp_path / "cache.json"
    broken = check_external(read_site(site), None, cache, timeout=2, now=1000.0)
    assert [(b.line, b.target, b.reason.split(":")[0]) for b in broken] == [
        (2, f"{server}/missing", "HTTP 404"),
        (4, f"{dead}/anything", "unreachable"),
    ]
    # Within a day the cache answers, even with the server gone; after a day it asks again.
    (site / "index.html").write_text(f'<a href="{server}/ok">ok</a>\n', encoding="utf-8")
    assert check_external(read_site(site), None, cache, timeout=2, now=2000.0) == []
    assert cache.read_text(encoding="utf-8").count('"checked": 1000.0') == 4


def test_cli_external_is_opt_in(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path, server, f"http://127.0.0.1:{closed_port()}")
    assert main(["links", str(site)]) == 0
    assert main(["links", str(site), "--external", "--timeout", "2", "--cache", str(tmp_path / "c.json")]) == 1
    out = capsys.readouterr().out
    assert f"index.html:2: broken link → {server}/missing (HTTP 404)" in out
