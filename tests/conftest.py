"""Shared fixtures: the repository layout and a disposable copy of the fixture glossary."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kb.model import Designation, Glossary, NameKind, TermStatus, TermText
from kb.rules import spelling
from kb.validation import validate_glossary

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_GLOSSARY = FIXTURES / "glossary"


@pytest.fixture(scope="session", autouse=True)
def _kept_results_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """``kb validate`` keeps what it found (kb.file_results) in a folder of the test run's own,
    sealed by a key of its own, never in the user's folders; subprocesses inherit both."""
    before = {name: os.environ.get(name) for name in ("KB_CACHE_DIR", "KB_CONFIG_DIR")}
    os.environ["KB_CACHE_DIR"] = str(tmp_path_factory.mktemp("kb-cache"))
    os.environ["KB_CONFIG_DIR"] = str(tmp_path_factory.mktemp("kb-config"))
    yield
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def _no_hunspell_answers_yet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a new process does, with no Hunspell answers remembered: an answer
    remembered from an earlier test would stand in for what Hunspell says in this one."""
    monkeypatch.setattr(spelling, "_ANSWERS", {})


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    """A writable copy of the small, valid fixture glossary."""
    target = tmp_path / "glossary"
    shutil.copytree(FIXTURE_GLOSSARY, target)
    return target


@pytest.fixture(scope="module")
def fixture_glossary() -> Glossary:
    """The fixture glossary, loaded and valid."""
    result = validate_glossary(FIXTURE_GLOSSARY)
    assert result.errors == []
    return result.glossary


@pytest.fixture(scope="module")
def real_glossary() -> Glossary:
    """The repository's glossary, loaded."""
    return validate_glossary(REPO / "glossary").glossary


def with_names(text: TermText, term: str, *synonyms: str) -> TermText:
    """``text`` with other names: the term preferred, the synonyms admitted."""
    names = [Designation(term, NameKind.TERM, TermStatus.PREFERRED)]
    names += [Designation(synonym, NameKind.SYNONYM, TermStatus.ADMITTED) for synonym in synonyms]
    return dataclasses.replace(text, term=term, synonyms=synonyms, designations=tuple(names))


def assert_matches_golden(text: str, golden: Path) -> None:
    """Compare with a golden file; ``KB_UPDATE_GOLDEN=1`` rewrites it first (then review the diff)."""
    if os.environ.get("KB_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """A built site on a free local port; yields its root URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in a subprocess, as a contributor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture site, built once; tests that change it work on a copy."""
    site = tmp_path_factory.mktemp("fixture-site") / "site"
    result = mkdocs_build(FIXTURES / "site" / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once; tests that change it work on a copy."""
    site = tmp_path_factory.mktemp("real-site") / "site"
    result = mkdocs_build(REPO / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site
