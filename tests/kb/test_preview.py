"""The preview's dirty builds: an edit rebuilds exactly the pages it changes, and the result is
byte for byte what a full build of the same glossary makes.

Each case edits a copy of the fixture site, runs ``mkdocs build --dirty`` (as ``mkdocs serve
--dirty`` rebuilds), then a full build of the same state into another folder, and compares.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
#: Static templates, written by every build.
ALWAYS_WRITTEN = {"404.html", "uk/404.html"}


def build(site: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", *extra, "-f", str(site / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        timeout=300,
    )


def html_files(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*.html")}


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def add_concept(root: Path) -> None:
    (root / "glossary" / "terms" / "nearshore.yaml").write_text(
        "id: nearshore\ncategory: markets\nstatus: draft\nsources: [handbook]\n"
        "en:\n  term: nearshore\n  definition: Work sent to a nearby country.\n",
        encoding="utf-8",
    )


EDITS = {
    "a definition (its tooltips)": edit(
        "glossary/terms/outsourcing.yaml", "Paying an outside company", "Paying an external firm"
    ),
    "a term (which texts link it)": edit("glossary/terms/efficiency.yaml", "term: efficiency", "term: productive work"),
    "a Ukrainian synonym": edit("glossary/terms/efficiency.yaml", "ощадливий підхід", "ощадливе виробництво"),
    "an article": edit("glossary/concepts/intro.yaml", "typical outsourced unit", "typical unit that is outsourced"),
    "a new concept": add_concept,
    "a removed concept": lambda root: (root / "glossary" / "terms" / "gig-economy.yaml").unlink(),
    "a hand-written page": edit("site/docs/en/index.md", "#", "# Changed:"),
}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site and its first build, made once: each case edits a copy."""
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(FIXTURES / "site", root / "site", ignore=shutil.ignore_patterns(".kb-docs"))
    shutil.copytree(FIXTURES / "glossary", root / "glossary")
    first = build(root / "site", root / "preview")
    assert first.returncode == 0, first.stderr
    return root


@pytest.fixture
def built(first_build: Path, tmp_path: Path) -> tuple[Path, Path]:
    # copytree keeps modification times, which the dirty build compares.
    root = tmp_path / "copy"
    shutil.copytree(first_build, root, symlinks=True)
    return root, root / "preview"


@pytest.mark.parametrize("change", sorted(EDITS))
def test_a_dirty_build_rebuilds_exactly_what_changed(built: tuple[Path, Path], change: str) -> None:
    root, preview = built
    before = {path: file.read_bytes() for path, file in html_files(preview).items()}
    time.sleep(0.05)
    started = time.time()
    EDITS[change](root)
    dirty = build(root / "site", preview, "--dirty")
    assert dirty.returncode == 0, dirty.stderr
    full = build(root / "site", root / "full")
    assert full.returncode == 0, full.stderr

    after = html_files(preview)
    rebuilt = {path for path, file in after.items() if file.stat().st_mtime >= started} - ALWAYS_WRITTEN
    changed = {path for path, file in after.items() if before.get(path) != file.read_bytes()}
    changed |= set(before) - set(after)  # removed
    rebuilt |= set(before) - set(after)
    assert rebuilt == changed, (sorted(rebuilt - changed), sorted(changed - rebuilt))
    assert changed, "the edit changed no page"
    # Byte for byte what a full build makes, and the pages of a removed concept are gone.
    expected = html_files(root / "full")
    assert sorted(after) == sorted(expected)
    differing = [path for path in expected if not filecmp.cmp(expected[path], after[path], shallow=False)]
    assert differing == []


def test_an_edited_tooltip_reaches_the_pages_that_show_it(built: tuple[Path, Path]) -> None:
    root, preview = built
    EDITS["a definition (its tooltips)"](root)
    assert build(root / "site", preview, "--dirty").returncode == 0
    article = (preview / "concepts" / "intro" / "index.html").read_text(encoding="utf-8")
    assert 'title="Paying an external firm' in article
