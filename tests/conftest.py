"""Shared fixtures: the repository layout and a disposable copy of the fixture glossary."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kb.model import Glossary
from kb.validation import validate_glossary

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_GLOSSARY = FIXTURES / "glossary"


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


def assert_matches_golden(text: str, golden: Path) -> None:
    """Compare with a golden file; ``KB_UPDATE_GOLDEN=1`` rewrites it first (then review the diff)."""
    if os.environ.get("KB_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
