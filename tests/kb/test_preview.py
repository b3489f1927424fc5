"""The preview's rebuilds: a save rebuilds exactly the pages it changes, and the result is byte
for byte what a full build of the same glossary makes.

One preview (tests/preview_driver.py: ``mkdocs serve --dirty``'s first build, its ``on_serve``
and its builder, without the HTTP server) follows a contributor's session of edits on a copy of
the fixture site. After each save the preview's pages are compared with a first build of a copy
of the same state made by another preview process. Edits of page contents rebuild those pages
only (``pages``); a page added or removed goes through MkDocs' own dirty build (``site``).
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
DRIVER = REPO / "tests" / "preview_driver.py"
#: Static templates, written by every build of the site.
ALWAYS_WRITTEN = {"404.html", "uk/404.html"}
#: The downloads (and so their page's sizes and counts) are made when the preview starts, as
#: the preview's banner says: a first build of a later state has newer ones.
MADE_AT_START = {"downloads/index.html", "uk/downloads/index.html"}


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


BROKEN = "id: outsourcing\n"


def fix_with_edit(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("id: [outsourcing\n", BROKEN).replace("an external firm", "an outside firm"), "utf-8")


#: A contributor's session, in order: (what, edit, how the preview builds it).
STEPS: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "a definition (its tooltips)",
        edit("glossary/terms/outsourcing.yaml", "Paying an outside company", "Paying an external firm"),
        "pages",
    ),
    (
        "a term (which texts link it)",
        edit("glossary/terms/efficiency.yaml", "term: efficiency", "term: productive work"),
        "pages",
    ),
    (
        "a Ukrainian synonym",
        edit("glossary/terms/efficiency.yaml", "ощадливий підхід", "ощадливе виробництво"),
        "pages",
    ),
    (
        "an article",
        edit("glossary/concepts/intro.yaml", "typical outsourced unit", "typical unit that is outsourced"),
        "pages",
    ),
    ("a hand-written page", edit("site/docs/en/index.md", "#", "# Changed:"), "pages"),
    (
        "invalid YAML (the last good pages stay)",
        edit("glossary/terms/outsourcing.yaml", BROKEN, "id: [outsourcing\n"),
        "pages",
    ),
    (
        "the same file fixed, with an edit",
        lambda root: fix_with_edit(root / "glossary/terms/outsourcing.yaml"),
        "pages",
    ),
    ("a new concept", add_concept, "site"),
    ("a removed concept", lambda root: (root / "glossary" / "terms" / "gig-economy.yaml").unlink(), "site"),
    (
        "a definition after the site was built again",
        edit("glossary/terms/outsourcing.yaml", "Paying an outside firm", "Paying another firm"),
        "pages",
    ),
]


@dataclass
class Preview:
    root: Path
    out: Path
    process: subprocess.Popen[str]

    def rebuild(self) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write("rebuild\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()


def once(root: Path, out: Path) -> None:
    """A first build of the preview of ``root``'s site (a copy, so that nothing is shared)."""
    copy = out.with_name(out.name + "-sources")
    shutil.copytree(root / "site", copy / "site", ignore=shutil.ignore_patterns(".kb-docs"))
    shutil.copytree(root / "glossary", copy / "glossary")
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(copy / "site" / "mkdocs.yml"), str(out), "--once"],
        capture_output=True,
        text=True,
        env=ENV,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(FIXTURES / "site", root / "site", ignore=shutil.ignore_patterns(".kb-docs"))
    shutil.copytree(FIXTURES / "glossary", root / "glossary")
    out = root / "out"
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(root / "site" / "mkdocs.yml"), str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    yield Preview(root, out, process)
    assert process.stdin is not None
    process.stdin.write("quit\n")
    process.stdin.close()
    process.wait(timeout=60)


@pytest.mark.parametrize("step", range(len(STEPS)), ids=[what for what, _, _ in STEPS])
def test_a_save_rebuilds_exactly_what_changed(preview: Preview, step: int, tmp_path: Path) -> None:
    what, change, expected_kind = STEPS[step]
    before = {path: file.read_bytes() for path, file in html_files(preview.out).items()}
    time.sleep(0.05)
    started = time.time()
    change(preview.root)
    assert preview.rebuild() == expected_kind

    after = html_files(preview.out)
    rebuilt = {path for path, file in after.items() if file.stat().st_mtime >= started} - ALWAYS_WRITTEN
    changed = {path for path, file in after.items() if before.get(path) != file.read_bytes()}
    changed |= set(before) - set(after)  # removed
    rebuilt |= set(before) - set(after)
    assert rebuilt == changed, (sorted(rebuilt - changed), sorted(changed - rebuilt))
    problems = json.loads((preview.out / "assets" / "kb" / "preview-problems.json").read_text(encoding="utf-8"))
    if "invalid" in what:
        assert changed == set() and any("outsourcing.yaml" in line for line in problems), problems
        return
    assert problems == [] and changed, "the edit changed no page"
    # Byte for byte what a first build of the same state makes; a removed concept's pages are gone.
    once(preview.root, tmp_path / "full")
    expected = html_files(tmp_path / "full")
    assert sorted(after) == sorted(expected)
    differing = [path for path in expected if not filecmp.cmp(expected[path], after[path], shallow=False)]
    assert sorted(set(differing) - MADE_AT_START) == []
    if "definition" in what:  # the pages that link the concept show its new tooltip
        article = (preview.out / "concepts" / "intro" / "index.html").read_text(encoding="utf-8")
        assert 'title="Paying an' in article and "Paying an outside company" not in article
