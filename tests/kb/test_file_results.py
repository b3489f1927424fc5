"""Results kept between runs of ``kb validate`` (kb.file_results): the same problems as a fresh
run, whatever changed in between; only changed files read again; nothing run from a pack."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from kb import file_results, loader
from kb.cli import main
from kb.file_results import open_file_results
from kb.model import Language
from kb.rules import spelling, text_fields, typography
from kb.validation import validate_glossary
from kb.yamldoc import read_document

BAD = FIXTURES / "bad"


@pytest.fixture
def cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.mktemp("outside") / "cache"  # not beside the glossary: see below
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def messy_glossary(glossary_copy: Path) -> Path:
    """The fixture glossary with every bad term, article and figure file in it at once."""
    for kind in ("terms", "concepts", "data"):
        for fixture in sorted((BAD / kind).glob("*.yaml")):
            shutil.copyfile(fixture, glossary_copy / kind / f"bad-{fixture.name}")
    shutil.copyfile(BAD / "sources" / "bad-url.yaml", glossary_copy / "sources.yaml")
    return glossary_copy


class Counted:
    """Counts the calls of a function it stands in for."""

    def __init__(self, function) -> None:  # type: ignore[no-untyped-def]
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.function(*args, **kwargs)


def fresh(root: Path) -> list:
    return validate_glossary(root).problems


def kept(root: Path) -> list:
    return validate_glossary(root, keep_results=True).problems


def test_kept_results_are_those_of_a_fresh_run(messy_glossary: Path, cache: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    expected = fresh(messy_glossary)
    assert len({p.rule for p in expected}) > 40  # the whole range of problems is in the comparison
    assert kept(messy_glossary) == expected  # first run: everything read, then kept
    parsed = Counted(loader._model)
    checked = Counted(typography.check_fields)
    monkeypatch.setattr(loader, "_model", parsed)
    monkeypatch.setattr(typography, "check_fields", checked)
    assert kept(messy_glossary) == expected  # second run: from what was kept
    assert parsed.calls == 0 and checked.calls == 0


def test_an_edit_reads_again_only_that_file(messy_glossary: Path, cache: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    kept(messy_glossary)
    edited = messy_glossary / "terms" / "call-centre.yaml"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("definition: ", "definition: Оutsorcing ʼ <b>x</b> ", 1),
        encoding="utf-8",
    )
    expected = fresh(messy_glossary)
    assert {"mixed-script", "raw-html"} <= {p.rule for p in expected if p.path == edited}
    parsed = Counted(loader._model)
    monkeypatch.setattr(loader, "_model", parsed)
    assert kept(messy_glossary) == expected
    assert parsed.calls == 1
    (messy_glossary / "terms" / "bad-misspelling.yaml").unlink()
    assert kept(messy_glossary) == fresh(messy_glossary)


def test_a_word_list_change_is_a_change_of_every_files_misspellings(glossary_copy: Path, cache: Path) -> None:
    term = glossary_copy / "terms" / "call-centre.yaml"
    term.write_text(
        term.read_text(encoding="utf-8").replace("definition: ", "definition: Frobnicated ", 1), encoding="utf-8"
    )
    assert "misspelling" in [p.rule for p in kept(glossary_copy)]
    with (glossary_copy / "wordlist.en.txt").open("a", encoding="utf-8") as words:
        words.write("Frobnicated\n")
    after = kept(glossary_copy)
    assert after == fresh(glossary_copy) and "misspelling" not in [p.rule for p in after]


def _edited_schemas(root: Path) -> None:
    shutil.copytree(REPO / "glossary" / "schema", root / "schema")
    schema = root / "schema" / "term.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "data" / "figures.yaml").write_text(
            (root / "data" / "figures.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
        ),
        lambda root: (root / "sources.yaml").write_text(
            (root / "sources.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
        ),
        lambda root: (root / "wordlist.uk.txt").write_text("слово\n", encoding="utf-8"),
        lambda root: _edited_schemas(root),
    ],
    ids=["figures", "sources", "word-list", "schemas"],
)
def test_what_every_file_depends_on_names_another_folder(glossary_copy: Path, cache: Path, change) -> None:  # type: ignore[no-untyped-def]
    before = file_results._fingerprint(glossary_copy)
    assert file_results._fingerprint(glossary_copy) == before
    change(glossary_copy)
    assert file_results._fingerprint(glossary_copy) != before


def test_positions_come_back_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  b: [1, {c: 'd'}]\n  e: |\n    text here\n", encoding="utf-8")
    document, _ = read_document(path)
    assert document is not None
    restored = pickle.loads(pickle.dumps(document))
    assert restored.root is None and restored.data == document.data
    for keys in ([], ["a"], ["a", "b"], ["a", "b", 1, "c"], ["a", "e"], ["missing"]):
        assert restored.position(keys) == document.position(keys)
        assert restored.position(keys, key=True) == document.position(keys, key=True)
    assert restored.position_of_text(["a", "e"], "here") == document.position_of_text(["a", "e"], "here")


class _RunsCode:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {MARKER}",))


MARKER = Path("/tmp/kb-file-results-marker-never-made")


@pytest.mark.parametrize(
    "payload",
    [
        pickle.dumps({"x": _RunsCode()}),
        pickle.dumps({"x": _RunsCode()}, protocol=0),
        file_results._sealed(pickle.dumps({"x": _RunsCode()}), b"k" * 32),  # sealed, by another key
        file_results._MAGIC + b"\0" * 32 + pickle.dumps({"x": _RunsCode()}),
        b"\x80\x05garbage",
        b"",
        pickle.dumps({"x": pickle.loads(pickle.dumps(Path("/etc/passwd")))}),
    ],
    ids=["code", "code-protocol-0", "other-key", "no-seal", "truncated", "empty", "foreign-value"],
)
def test_a_pack_that_is_not_ours_is_read_as_nothing(glossary_copy: Path, cache: Path, payload: bytes) -> None:
    MARKER.unlink(missing_ok=True)
    expected = fresh(glossary_copy)
    kept(glossary_copy)
    folder = open_file_results(glossary_copy).folder  # type: ignore[union-attr]
    for name in ("entries.pack", "more-00000000000000000001-1.pack"):
        (folder / name).write_bytes(payload)
    assert kept(glossary_copy) == expected
    assert not MARKER.exists()
    assert kept(glossary_copy) == expected  # and the packs were written again, usable


@pytest.mark.parametrize("how", ["others-may-write", "link", "a-file"])
def test_a_folder_that_is_not_private_is_not_used(glossary_copy: Path, tmp_path_factory, monkeypatch, how: str) -> None:  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("outside")
    base = tmp_path / "cache"
    if how == "others-may-write":
        base.mkdir()
        base.chmod(0o777)
    elif how == "link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        base.symlink_to(tmp_path / "elsewhere")
    else:
        base.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("KB_CACHE_DIR", str(base))
    assert open_file_results(glossary_copy) is None
    assert kept(glossary_copy) == fresh(glossary_copy)
    assert not any((tmp_path / "elsewhere").iterdir()) if how == "link" else True


def test_gone_glossaries_are_forgotten(glossary_copy: Path, tmp_path: Path, cache: Path) -> None:
    other = tmp_path / "other" / "glossary"
    shutil.copytree(glossary_copy, other)
    kept(other)
    assert len(list(cache.iterdir())) == 1
    shutil.rmtree(other)
    kept(glossary_copy)
    folders = list(cache.iterdir())
    assert len(folders) == 1 and (folders[0] / "glossary-path").read_bytes() == os.fsencode(glossary_copy.resolve())


def test_many_small_runs_are_compacted_into_one_pack(glossary_copy: Path, cache: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(file_results, "_MAX_PACKS", 4)
    term = glossary_copy / "terms" / "call-centre.yaml"
    original = term.read_text(encoding="utf-8")
    for edit in range(13):
        term.write_text(original.replace("definition: ", f"definition: Edit {edit} ", 1), encoding="utf-8")
        assert kept(glossary_copy) == fresh(glossary_copy)
    results = open_file_results(glossary_copy)
    assert results is not None
    assert len(list(results.folder.glob("*.pack"))) <= 4
    # this run's entries, and those of files changed by the few runs since the last compaction
    stored = results._entries()
    assert len(stored) <= len(list(glossary_copy.rglob("*.yaml"))) + 1 + 6 + 4


def test_the_command_keeps_results_unless_told_not_to(glossary_copy: Path, cache: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", "--no-cache", str(glossary_copy)]) == 0
    assert not cache.exists()
    first = capsys.readouterr()
    assert main(["validate", str(glossary_copy)]) == 0
    assert list(cache.rglob("entries.pack"))
    assert main(["validate", str(glossary_copy)]) == 0
    assert capsys.readouterr() == (first.out * 2, first.err * 2)


def test_without_a_home_folder_nothing_is_kept(glossary_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("KB_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert open_file_results(glossary_copy) is None
    assert kept(glossary_copy) == fresh(glossary_copy)


def test_a_broken_schema_is_reported_by_every_run(glossary_copy: Path, cache: Path) -> None:
    shutil.copytree(REPO / "glossary" / "schema", glossary_copy / "schema")
    (glossary_copy / "schema" / "concept.schema.json").write_text("{not json", encoding="utf-8")
    expected = fresh(glossary_copy)
    assert any(p.path.name == "concept.schema.json" for p in expected)
    assert kept(glossary_copy) == expected
    assert kept(glossary_copy) == expected  # the schemas are not compiled: their problems are kept


@pytest.mark.parametrize("where", ["beside-the-glossary", "inside-it", "relative"])
def test_a_folder_in_the_working_tree_is_never_used(glossary_copy: Path, monkeypatch, where: str) -> None:  # type: ignore[no-untyped-def]
    folder = {
        "beside-the-glossary": glossary_copy.parent / ".kb-cache",
        "inside-it": glossary_copy / "terms" / ".cache",
        "relative": Path("kb-cache"),
    }[where]
    monkeypatch.setenv("KB_CACHE_DIR", str(folder))
    monkeypatch.chdir(glossary_copy.parent)
    assert open_file_results(glossary_copy) is None
    assert kept(glossary_copy) == fresh(glossary_copy)
    assert not (glossary_copy.parent / folder).exists()


def test_a_key_others_can_read_is_not_used(glossary_copy: Path, cache: Path, tmp_path_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("KB_CONFIG_DIR", str(config))
    assert open_file_results(glossary_copy) is not None
    (config / "results.key").chmod(0o644)
    assert open_file_results(glossary_copy) is None
    (config / "results.key").chmod(0o600)
    (config / "results.key").write_bytes(b"short")
    assert open_file_results(glossary_copy) is None
    assert kept(glossary_copy) == fresh(glossary_copy)


def test_packs_sealed_by_another_key_are_work_done_again(
    glossary_copy: Path, cache: Path, tmp_path_factory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    kept(glossary_copy)
    monkeypatch.setenv("KB_CONFIG_DIR", str(tmp_path_factory.mktemp("another-user")))
    parsed = Counted(loader._model)
    monkeypatch.setattr(loader, "_model", parsed)
    assert kept(glossary_copy) == fresh(glossary_copy)
    assert parsed.calls > 0


@pytest.mark.parametrize("case", ["schema-link", "huge-figures", "word-list-link"])
def test_files_refused_by_the_loader_are_refused_by_the_fingerprint_too(
    glossary_copy: Path, cache: Path, case: str
) -> None:
    if case == "schema-link":
        shutil.copytree(REPO / "glossary" / "schema", glossary_copy / "schema")
        (glossary_copy / "schema" / "extra.json").symlink_to(glossary_copy / "schema" / "term.schema.json")
    elif case == "huge-figures":
        (glossary_copy / "data" / "huge.yaml").write_bytes(b"# " + b"x" * 11_000_000 + b"\n")
    else:
        (glossary_copy / "wordlist.en.txt").unlink()
        (glossary_copy / "wordlist.en.txt").symlink_to("/dev/zero")
    expected = fresh(glossary_copy)
    assert kept(glossary_copy) == expected
    assert kept(glossary_copy) == expected


def test_a_folder_removed_while_running_is_work_done_again(glossary_copy: Path, cache: Path) -> None:
    results = open_file_results(glossary_copy)
    assert results is not None
    shutil.rmtree(results.folder)  # as another run with other inputs does
    loaded = loader.load_glossary(glossary_copy, results)
    results.save()
    assert loaded.problems == loader.load_glossary(glossary_copy).problems


@pytest.mark.parametrize("place", ["home", "relative-root", "working-directory"])
def test_spelling_ignores_the_users_own_dictionary(
    glossary_copy: Path, cache: Path, tmp_path_factory, monkeypatch, place: str
) -> None:  # type: ignore[no-untyped-def]
    """Hunspell reads ~/.hunspell_en_GB, looks for a relative word list under $HOME and for the
    dictionary under the working directory first: none of these may know a word for the project."""
    term = glossary_copy / "terms" / "call-centre.yaml"
    term.write_text(term.read_text(encoding="utf-8").replace("definition: ", "definition: Frobnicated ", 1), "utf-8")
    expected = _said(fresh(glossary_copy))
    assert any(rule == "misspelling" and "Frobnicated" in message for rule, *_, message in expected)
    monkeypatch.setattr(spelling, "_ANSWERS", {})
    home = tmp_path_factory.mktemp("home")
    root = glossary_copy
    if place == "home":
        (home / ".hunspell_en_GB").write_text("Frobnicated\n", encoding="utf-8")
        monkeypatch.setenv("WORDLIST", str(home / ".hunspell_en_GB"))
        monkeypatch.chdir(home)
    elif place == "relative-root":
        (home / "glossary").mkdir()
        (home / "glossary" / "wordlist.en.txt").write_text("Frobnicated\n", encoding="utf-8")
        monkeypatch.chdir(glossary_copy.parent)
        root = Path("glossary")
    else:  # a dictionary that knows only "Frobnicated", where Hunspell looks first
        installed = spelling._dictionary(Language.EN)
        assert installed is not None
        planted = home / installed.relative_to("/")
        planted.parent.mkdir(parents=True)
        shutil.copyfile(f"{installed}.aff", f"{planted}.aff")
        Path(f"{planted}.dic").write_text("1\nFrobnicated\n", encoding="utf-8")
        monkeypatch.chdir(home)
    monkeypatch.setenv("HOME", str(home))
    assert _said(fresh(root)) == expected
    assert _said(kept(root)) == expected


def _said(problems: list) -> list[tuple]:
    """What a run says, wherever it was run from (a relative root gives relative paths)."""
    return [(p.rule, p.path.name, p.line, p.column, p.message) for p in problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_run_walks_no_text_and_asks_hunspell_nothing(
    glossary_copy: Path, cache: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    expected = kept(glossary_copy)
    monkeypatch.setattr(spelling, "_ANSWERS", {})  # as a new process starts
    walked = Counted(text_fields.concept_fields)
    asked = _asked_hunspell(monkeypatch)
    monkeypatch.setattr(text_fields, "concept_fields", walked)
    assert kept(glossary_copy) == expected
    assert walked.calls == 0 and asked == []


def _asked_hunspell(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The words each Hunspell process is asked about, from now on."""
    asked: list[list[str]] = []
    original = subprocess.Popen.communicate

    def communicate(self, input=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append((input or "").split())
        return original(self, input, *args, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "communicate", communicate)
    return asked


def test_hunspell_is_asked_only_about_words_no_run_asked_before(glossary_copy: Path, cache: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    kept(glossary_copy)
    term = glossary_copy / "terms" / "call-centre.yaml"
    _edit(term, "definition: A unit", "definition: Frobnicated telephone unit")
    monkeypatch.setattr(spelling, "_ANSWERS", {})  # as a new process starts
    asked = _asked_hunspell(monkeypatch)
    found = kept(glossary_copy)
    assert asked == [["Frobnicated"]]  # "telephone" was in the file before: its answer was kept
    assert found == fresh(glossary_copy) and "misspelling" in [p.rule for p in found]
    monkeypatch.setattr(spelling, "_ANSWERS", {})
    _edit(term, "Frobnicated telephone", "Frobnicated, telephone")
    assert kept(glossary_copy) == found and asked == [["Frobnicated"]]  # and an unknown word's too


@pytest.mark.parametrize(
    "change",
    [
        # the same names in another order: the first of two names with the same words wins
        (
            "outsourcing.yaml",
            "{text: zorbed, status: deprecated}, {text: zorbing, status: deprecated}",
            "{text: zorbing, status: deprecated}, {text: zorbed, status: deprecated}",
        ),
        # the same names in another file order (a file renamed): another concept's name wins
        ("outsourcing.yaml", None, "zz-outsourcing.yaml"),
    ],
)
def test_deprecated_terms_follow_the_order_of_the_discouraged_names(glossary_copy: Path, cache: Path, change) -> None:  # type: ignore[no-untyped-def]
    _edit(
        glossary_copy / "terms" / "outsourcing.yaml",
        "synonyms: [contracting out]",
        "synonyms: [contracting out, {text: zorbed, status: deprecated}, {text: zorbing, status: deprecated}]",
    )
    _edit(
        glossary_copy / "terms" / "yield.yaml",
        "synonyms: [{text: throughput yield, status: obsolete}]",
        "synonyms: [{text: throughput yield, status: obsolete}, {text: zorbs, status: deprecated}]",
    )
    _edit(glossary_copy / "terms" / "call-centre.yaml", "handles large volumes", "handles zorbing and large volumes")
    before = kept(glossary_copy)
    assert before == fresh(glossary_copy)
    assert [p.rule for p in before if p.path.name == "call-centre.yaml"].count("deprecated-term") == 1
    name, old, new = change
    if old is None:
        (glossary_copy / "terms" / name).rename(glossary_copy / "terms" / new)
    else:
        _edit(glossary_copy / "terms" / name, old, new)
    after = kept(glossary_copy)
    assert _said(after) == _said(fresh(glossary_copy))
    assert [p.message for p in after if p.rule == "deprecated-term"] != [
        p.message for p in before if p.rule == "deprecated-term"
    ]


@pytest.mark.parametrize(
    "change",
    [
        ("outsourcing.yaml", "status: deprecated", "status: admitted"),  # no longer discouraged
        ("outsourcing.yaml", "text: аутсорсинг,", "text: зовнішній підряд,"),  # another preferred term
        ("outsourcing.yaml", "text: аутсорс,", "text: аутсорсинг-послуга,"),  # another discouraged name
        ("yield.yaml", "status: obsolete", "status: deprecated"),  # another status
    ],
)
def test_deprecated_terms_follow_the_discouraged_names_of_other_files(glossary_copy: Path, cache: Path, change) -> None:  # type: ignore[no-untyped-def]
    using = glossary_copy / "terms" / "contact-centre.yaml"
    _edit(using, "що також опрацьовує", "що на аутсорсі також опрацьовує")
    _edit(using, "Preferred over", "Throughput yield is preferred over")
    before = kept(glossary_copy)
    assert {p.path for p in before if p.rule == "deprecated-term"} == {using}
    name, old, new = change
    _edit(glossary_copy / "terms" / name, old, new)
    after = kept(glossary_copy)
    assert after == fresh(glossary_copy) and after != before
