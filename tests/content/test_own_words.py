"""The knowledge base writes its own sentences: no run of eight words is shared with the source
articles (../shared/sources/), in any text field of either language or in the hand-written pages.

Words are compared in lower case, without punctuation or apostrophes; figures are compared as
the pages show them ({{fig:…}} formatted), links by their text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import REPO
from kb.model import Glossary
from kb.render.markdown_text import plain_text
from kb.rules.text_fields import all_text_fields

SOURCES = REPO.parent / "shared" / "sources"
RUN = 8
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(re.sub(r"[\u02bc'’]", "", text.lower()))


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


@pytest.fixture(scope="module")
def source_runs() -> dict[str, set[tuple[str, ...]]]:
    texts = sorted(SOURCES.glob("*.txt"))
    assert texts, f"the source articles are missing from {SOURCES}"
    return {path.name: runs(path.read_text(encoding="utf-8")) for path in texts}


def shared(text: str, source_runs: dict[str, set[tuple[str, ...]]]) -> list[str]:
    mine = runs(text)
    return [f"{name}: {' '.join(run)}" for name, theirs in source_runs.items() for run in sorted(mine & theirs)]


def test_the_check_finds_a_copied_sentence(source_runs: dict[str, set[tuple[str, ...]]]) -> None:
    copied = (SOURCES / "bpo-en.txt").read_text(encoding="utf-8").split(".")[0]
    assert shared(copied, source_runs)


def test_no_text_field_shares_a_run_of_eight_words_with_a_source(
    real_glossary: Glossary, source_runs: dict[str, set[tuple[str, ...]]]
) -> None:
    found = []
    for field in all_text_fields(real_glossary):
        text = (
            plain_text(field.text, real_glossary, field.language, limit=1_000_000) if field.is_markdown else field.text
        )
        found += [f"{field.document.path.name} {field.where}: {run}" for run in shared(text, source_runs)]
    labels = [label for figure in real_glossary.figures.values() for label in figure.labels.values()]
    found += [f"figure label: {run}" for label in labels for run in shared(label, source_runs)]
    assert found == []


@pytest.mark.parametrize("page", sorted((REPO / "docs").glob("*/*.md")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_hand_written_page_shares_a_run_of_eight_words_with_a_source(
    page: Path, source_runs: dict[str, set[tuple[str, ...]]]
) -> None:
    assert shared(page.read_text(encoding="utf-8"), source_runs) == []
