"""kb coverage and kb stamp on the fixture glossary: missing, stale and both directions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.cli import main


@pytest.fixture
def workdir(glossary_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(glossary_copy.parent)
    return glossary_copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unstamped_translations_are_stale(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--fail-on-stale"]) == 1
    out, err = capsys.readouterr()
    assert "uk: 84.2% translated (16/19 fields), 16 stale, 3 missing\n" in out
    assert err == "kb coverage: uk: 16 stale field(s), expected none\n"


def test_missing_fields_are_listed_with_path_and_line(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stamp", "--all"]) == 0
    capsys.readouterr()
    assert main(["coverage", "--min", "100", "--fail-on-stale"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-3:] == [
        "glossary/terms/call-centre.yaml:1:1: missing uk.term (concept call-centre)",
        "glossary/terms/call-centre.yaml:1:1: missing uk.definition (concept call-centre)",
        "glossary/terms/contact-centre.yaml:11:1: missing uk.notes (concept contact-centre)",
    ]
    assert err == "kb coverage: uk: 84.2% translated, expected at least 100%\n"


def test_editing_the_source_makes_exactly_that_translation_stale(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stamp", "--all"]) == 0
    edit(workdir / "terms" / "outsourcing.yaml", "could be done in-house", "could be done by its own staff")
    capsys.readouterr()
    assert main(["coverage", "--format", "json", "--fail-on-stale"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["languages"]["uk"]["stale"] == [
        {
            "path": "glossary/terms/outsourcing.yaml",
            "line": 13,
            "column": 15,
            "id": "outsourcing",
            "kind": "concept",
            "field": "uk.definition",
        }
    ]
    assert main(["stamp", "outsourcing"]) == 0
    capsys.readouterr()
    assert main(["coverage", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["languages"]["uk"]["stale"] == []


def test_ukrainian_can_be_the_source(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    concept = workdir / "terms" / "efficiency.yaml"
    edit(concept, "status: reviewed\n", "status: reviewed\nsource_language: uk\n")
    assert main(["stamp", "efficiency"]) == 0
    assert "  translated_from:\n    term: " in concept.read_text(encoding="utf-8").split("uk:")[0]
    edit(concept, "Виконання роботи меншими ресурсами.", "Виконання роботи з меншими витратами.")
    capsys.readouterr()
    main(["coverage", "--format", "json"])
    stale = json.loads(capsys.readouterr().out)["languages"]["en"]["stale"]
    assert [(item["id"], item["field"]) for item in stale] == [("efficiency", "en.definition")]


def test_stamp_only_adds_hashes_and_is_idempotent(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    concept = workdir / "terms" / "outsourcing.yaml"
    edit(concept, "id: outsourcing\n", "# A comment that must survive.\nid: outsourcing\n")
    before = concept.read_text(encoding="utf-8")
    assert main(["stamp", "outsourcing"]) == 0
    after = concept.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :].startswith("  translated_from:\n    term: ")
    assert main(["stamp", "outsourcing"]) == 0
    assert concept.read_text(encoding="utf-8") == after
    assert capsys.readouterr().err.endswith("0 file(s) changed\n")


def test_stamp_usage_errors(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stamp"]) == 2
    assert main(["stamp", "no-such-id"]) == 1
    assert "no concept or article with the id 'no-such-id'" in capsys.readouterr().err


def test_markdown_and_github_formats(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["stamp", "--all"])
    capsys.readouterr()
    main(["coverage", "--format", "markdown"])
    assert "| uk | 84.2% | 19 | 0 | 3 |" in capsys.readouterr().out
    main(["coverage", "--format", "github", "--min", "100"])
    assert (
        "::error file=glossary/terms/contact-centre.yaml,line=11,col=1,title=translation-missing::"
        "uk.notes of concept contact-centre is missing\n"
    ) in capsys.readouterr().out
