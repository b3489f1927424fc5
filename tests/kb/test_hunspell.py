"""Hunspell runs that read only the dictionary and word list they are given (kb.hunspell)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kb import hunspell, spelling_variants

WORDS = "Frobnicated\ntelephone\ncentre\n"


def _unknown(word_list: Path | None = None) -> list[str]:
    done = subprocess.run(
        hunspell.command("en_GB", word_list),
        input=WORDS,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        **hunspell.isolated(),
    )
    return done.stdout.split()


def _plant_dictionary(folder: Path, name: str, words: str) -> Path:
    """A dictionary called ``name`` that knows only ``words``, at the installed one's path
    under ``folder``."""
    installed = hunspell.dictionary(name)
    assert installed is not None
    planted = folder / installed.relative_to("/")
    planted.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(f"{installed}.aff", f"{planted}.aff")
    Path(f"{planted}.dic").write_text(f"{len(words.split())}\n{words}", encoding="utf-8")
    return planted


@pytest.mark.parametrize("trap", ["home-word-list", "WORDLIST", "relative-word-list", "working-directory", "DICPATH"])
def test_the_answers_do_not_depend_on_where_or_by_whom_hunspell_is_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trap: str
) -> None:
    expected = _unknown()
    assert expected == ["Frobnicated"]
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    word_list = None
    if trap == "home-word-list":
        (home / ".hunspell_en_GB").write_text("Frobnicated\n", encoding="utf-8")
        (home / ".hunspell_default").write_text("Frobnicated\n", encoding="utf-8")
    elif trap == "WORDLIST":
        (home / "mine.txt").write_text("Frobnicated\n", encoding="utf-8")
        monkeypatch.setenv("WORDLIST", str(home / "mine.txt"))
    elif trap == "relative-word-list":
        (tmp_path / "words.txt").write_text("Frobnicated\n", encoding="utf-8")
        (home / "words.txt").write_text("", encoding="utf-8")  # where Hunspell looks first
        monkeypatch.chdir(tmp_path)
        word_list = Path("words.txt")
        expected = []  # the word list named knows the word
    elif trap == "working-directory":
        _plant_dictionary(home, "en_GB", "Frobnicated\n")  # a dictionary that knows one word
        monkeypatch.chdir(home)
    else:
        planted = _plant_dictionary(home, "en_GB", "Frobnicated\n")
        monkeypatch.setenv("DICPATH", str(planted.parent))
    assert _unknown(word_list) == expected


def test_the_american_spellings_do_not_depend_on_the_users_word_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spelling_variants, "_AMERICAN_OF", {})
    expected = spelling_variants.american_to_british({"centre"})
    assert expected == {"center": "centre"}
    monkeypatch.setattr(spelling_variants, "_AMERICAN_OF", {})
    (tmp_path / ".hunspell_en_US").write_text("centre\n", encoding="utf-8")  # would make it American
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    assert spelling_variants.american_to_british({"centre"}) == expected
