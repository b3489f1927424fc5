"""Shared fixtures: the repository layout and a disposable copy of the fixture glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_GLOSSARY = FIXTURES / "glossary"


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    """A writable copy of the small, valid fixture glossary."""
    target = tmp_path / "glossary"
    shutil.copytree(FIXTURE_GLOSSARY, target)
    return target
