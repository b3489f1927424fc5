"""make site replaces site/ only when the whole build and its checks passed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    for name in ("Makefile", "mkdocs.yml", "pyproject.toml"):
        shutil.copy(REPO / name, tmp_path / name)
    for name in ("docs", "glossary"):
        shutil.copytree(REPO / name, tmp_path / name)
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "index.html").write_text("the previous site\n", encoding="utf-8")
    return tmp_path


def make_site(checkout: Path) -> subprocess.CompletedProcess[str]:
    # The venv running these tests stands in for .venv; STAMP= skips creating another one.
    bin_dir = Path(sys.executable).parent
    return subprocess.run(
        ["make", "--no-print-directory", "site", f"BIN={bin_dir}", "STAMP="],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_validation_error_leaves_the_previous_site_intact(checkout: Path) -> None:
    concept = checkout / "glossary" / "terms" / "outsourcing.yaml"
    concept.write_text(
        concept.read_text(encoding="utf-8").replace("category: fundamentals", "category: basics"), encoding="utf-8"
    )
    result = make_site(checkout)
    assert result.returncode != 0
    assert "outsourcing.yaml:3:11: error not-allowed-value" in result.stdout
    assert (checkout / "site" / "index.html").read_text(encoding="utf-8") == "the previous site\n"


def test_a_broken_link_leaves_the_previous_site_intact(checkout: Path) -> None:
    page = checkout / "docs" / "en" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[broken](glossary/no-such-concept.md)\n", encoding="utf-8")
    result = make_site(checkout)
    assert result.returncode != 0
    assert "no-such-concept" in result.stdout + result.stderr
    assert sorted(p.name for p in (checkout / "site").iterdir()) == ["index.html"]


def test_a_good_build_replaces_the_site(checkout: Path) -> None:
    result = make_site(checkout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (checkout / "site" / "glossary" / "outsourcing" / "index.html").is_file()
    assert not (checkout / ".site-build").exists()
