"""``mkdocs serve`` re-renders a concept page when its YAML file changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import FIXTURES


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


def test_serve_rerenders_after_a_yaml_edit(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "site", tmp_path / "site")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(tmp_path / "site" / "mkdocs.yml"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        url = f"http://127.0.0.1:{port}/uk/glossary/outsourcing/"
        assert wait_for(url, "Передання сторонній компанії", 60), "the server did not come up"
        concept = tmp_path / "glossary" / "terms" / "outsourcing.yaml"
        concept.write_text(
            concept.read_text(encoding="utf-8").replace("Передання сторонній компанії", "Доручення зовнішній компанії"),
            encoding="utf-8",
        )
        assert wait_for(url, "Доручення зовнішній компанії", 60), "the page was not re-rendered"
    finally:
        server.terminate()
        server.wait(timeout=20)
