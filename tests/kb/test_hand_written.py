"""The hand-written pages of a site get the language checks the glossary's texts get."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURE_GLOSSARY
from kb.hand_written import prose
from kb.validation import validate_glossary


def site_with_pages(tmp_path: Path, pages: dict[str, str]) -> Path:
    shutil.copytree(FIXTURE_GLOSSARY, tmp_path / "glossary")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "glossary"


def test_code_link_targets_and_comments_are_not_prose() -> None:
    text = "---\ntitle: x\n---\nA `kоl` word [link](obʼ'x.md) <!-- ob'x -->\n```\nob'x\n```\nend"
    kept = prose(text)
    assert len(kept) == len(text) and kept.count("\n") == text.count("\n")
    assert "kоl" not in kept and "ob'x" not in kept and kept.startswith(" ") and kept.endswith("end")
    assert "A" in kept and "word" in kept and "[link" in kept


def test_pages_are_checked_in_their_language(tmp_path: Path) -> None:
    root = site_with_pages(
        tmp_path,
        {
            "uk/index.md": "# Вступ\n\nНаш обов'язок — `обов'язок` у коді.\n\nКомпанії вдаються до аутсорсу.\n",
            "en/index.md": "# Intro\n\nA mixed wоrd here.\n\n```yaml\nterm: wоrd\n```\n",
        },
    )
    found = {
        (p.path.relative_to(tmp_path).as_posix(), p.line, p.column, p.rule)
        for p in validate_glossary(root).problems
        if "docs" in p.path.parts
    }
    assert found == {
        ("docs/uk/index.md", 3, 8, "apostrophe"),
        ("docs/uk/index.md", 5, 22, "deprecated-term"),
        ("docs/en/index.md", 3, 9, "mixed-script"),
    }


def test_a_glossary_outside_a_site_has_no_pages(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_GLOSSARY, tmp_path / "glossary")
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "index.md").write_text("A mixed wоrd.\n", encoding="utf-8")
    assert validate_glossary(tmp_path / "glossary").glossary.pages == ()
