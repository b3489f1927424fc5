"""``kb render`` writes the docs folder the site is built from, usable without the kb plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES
from kb.cli import main
from kb.render.docs_folder import MARKER
from kb.site_files import hand_written_files

DOCS = FIXTURES / "site" / "docs"


def render(glossary: Path, output: Path, *extra: str) -> int:
    return main(["render", str(output), "--glossary", str(glossary), "--docs", str(DOCS), *extra])


def test_the_folder_holds_the_hand_written_pages_and_every_generated_one(glossary_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert render(glossary_copy, out) == 0
    files = hand_written_files(out)
    for relative, path in hand_written_files(DOCS).items():
        assert files[relative].read_bytes() == path.read_bytes()
    for language in ("en", "uk"):
        assert f"{language}/glossary/index.md" in files
        assert f"{language}/glossary/outsourcing.md" in files
        assert f"{language}/downloads/index.md" in files
    # Links between pages are plain Markdown links, which any generator resolves.
    page = (out / "en" / "glossary" / "outsourcing.md").read_text(encoding="utf-8")
    assert "](term:" not in page and "](call-centre.md)" in page


def test_the_same_pages_as_the_build_assembles(glossary_copy: Path, fixture_site: Path, tmp_path: Path) -> None:
    # fixture_site's build assembled FIXTURES/site/.kb-docs from the fixture glossary.
    out = tmp_path / "out"
    fixture_glossary = FIXTURES / "glossary"
    assert render(fixture_glossary, out, "--site-url", "http://127.0.0.1:8000/") == 0
    assembled = hand_written_files(FIXTURES / "site" / ".kb-docs")
    rendered = hand_written_files(out)
    assert assembled.keys() == rendered.keys()
    for relative, path in assembled.items():
        assert rendered[relative].read_bytes() == path.read_bytes(), relative


def test_a_plain_mkdocs_builds_the_folder_without_the_kb_plugin(glossary_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert render(glossary_copy, out) == 0
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: plain\ndocs_dir: {out / 'en'}\ntheme: mkdocs\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "glossary" / "outsourcing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../call-centre/"' in page


def test_a_second_render_replaces_the_first_whole(glossary_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert render(glossary_copy, out) == 0
    stray = out / "en" / "left-over.md"
    stray.write_text("# old\n", encoding="utf-8")
    assert render(glossary_copy, out) == 0
    assert not stray.exists() and (out / MARKER).is_file()
    assert not [path for path in tmp_path.iterdir() if path.name.startswith(".")]  # no staging folder left


@pytest.mark.parametrize("kind", ["foreign folder", "file", "link"])
def test_a_destination_it_did_not_write_is_left_alone(
    kind: str, glossary_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    if kind == "foreign folder":
        out.mkdir()
        (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    elif kind == "file":
        out.write_text("mine\n", encoding="utf-8")
    else:
        (tmp_path / "elsewhere").mkdir()
        out.symlink_to(tmp_path / "elsewhere")
    before = sorted(str(path) for path in tmp_path.rglob("*"))
    assert render(glossary_copy, out) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert sorted(str(path) for path in tmp_path.rglob("*")) == before


def test_an_invalid_glossary_writes_nothing(
    glossary_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    concept = glossary_copy / "terms" / "outsourcing.yaml"
    concept.write_text(concept.read_text(encoding="utf-8") + "en: [unclosed\n", encoding="utf-8")
    out = tmp_path / "out"
    assert render(glossary_copy, out) == 1
    assert "outsourcing.yaml" in capsys.readouterr().out
    assert not out.exists()
    shutil.rmtree(glossary_copy)
