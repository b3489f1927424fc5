"""``mkdocs serve`` re-renders a concept page when its YAML file changes."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXTURES, REPO


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.5)
    return False


def serve_options() -> list[str]:
    """The options of ``make serve``'s own command, read from the Makefile."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^\t\$\(BIN\)/mkdocs serve(.*)$", makefile, re.MULTILINE)
    assert match, "no mkdocs serve command in the Makefile"
    return match.group(1).split()


def test_the_preview_follows_edits_keeps_the_last_good_site_and_recovers(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "site", tmp_path / "site", ignore=shutil.ignore_patterns(".kb-docs"))
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    # Strict, as the repository's mkdocs.yml is: make serve's command must work with it.
    config = tmp_path / "site" / "mkdocs.yml"
    config.write_text("strict: true\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *serve_options(), "-a", f"127.0.0.1:{port}", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    root = f"http://127.0.0.1:{port}/"
    concept = tmp_path / "glossary" / "terms" / "outsourcing.yaml"
    try:
        assert wait_for(root + "uk/glossary/outsourcing/", "Передання сторонній компанії", 90), "no server"
        index_size = len(fetch(root + "search/search_index.json") or "")
        assert "Попередній перегляд" in (fetch(root + "uk/") or "")  # the preview says what it does not refresh

        # An edit reaches the concept's page, the glossary index and the tooltips elsewhere.
        text = concept.read_text(encoding="utf-8")
        concept.write_text(text.replace("Paying an outside company", "Paying an external firm"), encoding="utf-8")
        assert wait_for(root + "glossary/outsourcing/", "Paying an external firm", 60)
        assert wait_for(root + "glossary/", "Paying an external firm", 10)
        assert wait_for(root + "concepts/intro/", 'title="Paying an external firm', 10)

        # Invalid YAML: the last good pages stay, and the problem is shown where the preview runs.
        concept.write_text(concept.read_text(encoding="utf-8") + "en: [unclosed\n", encoding="utf-8")
        problems = root + "assets/kb/preview-problems.json"
        assert wait_for(problems, "yaml-syntax", 60), "the problems are not offered to the page"
        assert "Paying an external firm" in (fetch(root + "glossary/outsourcing/") or "")

        # The next good save recovers, without a restart.
        concept.write_text(text.replace("Paying an outside company", "Paying a contractor"), encoding="utf-8")
        assert wait_for(root + "glossary/outsourcing/", "Paying a contractor", 60)
        assert fetch(problems) == "[]"
        # A new concept goes through MkDocs' own dirty build (its pages are new files) ...
        (tmp_path / "glossary" / "terms" / "nearshore.yaml").write_text(
            "id: nearshore\ncategory: markets\nstatus: draft\nsources: [handbook]\n"
            "en:\n  term: nearshore\n  definition: Work sent to a nearby country.\n",
            encoding="utf-8",
        )
        assert wait_for(root + "glossary/nearshore/", "Work sent to a nearby country", 60)
        assert wait_for(root + "glossary/", "nearshore", 10)
        # ... and Material's index (every page is excluded from it) does not grow with it.
        assert len(fetch(root + "search/search_index.json") or "") == index_size
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "outsourcing.yaml" in errors and "yaml-syntax" in errors
