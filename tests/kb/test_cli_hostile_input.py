"""Hostile input through the command line: exit code, stdout and stderr, exactly; never a traceback.

Each kind of bad input (unsafe characters, numbers that are not finite or out of bounds, ids that
take a generated page's place, links and special files, broken schemas, hostile file names, bad
output paths, hostile site folders) is answered with a message naming the file, line and column,
what was expected and what was found, exit code 1, or 2 for a bad command line.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from kb import yamlwrite
from kb.cli import main

WARNINGS = (
    "glossary/terms/call-centre.yaml:6:1: warning missing-translation: expected a 'uk' section translating 'en'; "
    "found none (the site shows the 'en' text with a notice)\n"
    "glossary/terms/contact-centre.yaml:11:1: warning missing-translation: uk.notes: expected a translation of "
    "en.notes; found none\n"
)
READ_ONCE = "expected a regular file (symbolic links are never followed); found"


@pytest.fixture
def workdir(glossary_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(glossary_copy.parent)
    return glossary_copy


@pytest.fixture
def never_blocks() -> Iterator[None]:
    """Fails the test instead of hanging it if a FIFO is opened after all."""

    def interrupt(signum: int, frame: object) -> None:
        raise TimeoutError("blocked: a FIFO was opened")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unsafe_characters_raw_and_escaped(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(workdir / "terms" / "outsourcing.yaml", "term: outsourcing", 'term: "out\\u202esourcing"')
    edit(workdir / "terms" / "yield.yaml", "id: yield", "id: yield  # \x1b[2J")
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert out == WARNINGS + (
        "glossary/terms/outsourcing.yaml:7:13: error bidi-control: expected text without bidirectional controls "
        "(they make text display in another order); found U+202E (RIGHT-TO-LEFT OVERRIDE), "
        "written as the escape \\u202e\n"
        "glossary/terms/yield.yaml:1:14: error control-character: expected text without control characters; "
        "found U+001B (ESCAPE)\n"
    )
    assert err == "2 errors, 2 warnings\n"


def test_numbers_that_are_not_finite_or_out_of_bounds(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    figures = workdir / "data" / "figures.yaml"
    edit(figures, "value: 22.9", "value: .nan")
    edit(figures, "value: -14", "value: 1.0e+308")
    assert main(["validate", "glossary/data"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "glossary/data/figures.yaml:3:12: error not-finite: expected a finite number; found '.nan' (not a number)\n"
        "glossary/data/figures.yaml:12:12: error out-of-range: figures.workforce-change.value: expected at most 1000 "
        "(a percentage, from -100 to 1,000); found the number 1e+308\n"
    )
    assert err == "2 errors, 0 warnings\n"


def test_ids_that_would_replace_a_generated_page(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "terms" / "index.yaml").write_text(
        "id: index\ncategory: quality\nstatus: reviewed\nsources: [handbook]\n"
        "en:\n  term: index\n  definition: A list.\nuk:\n  term: покажчик\n  definition: Перелік.\n",
        encoding="utf-8",
    )
    shutil.copyfile(workdir / "concepts" / "intro.yaml", workdir / "concepts" / "outsourcing.yaml")
    edit(workdir / "concepts" / "outsourcing.yaml", "id: intro", "id: outsourcing")
    assert main(["validate", "glossary/terms/index.yaml", "glossary/concepts/outsourcing.yaml"]) == 1
    out, _ = capsys.readouterr()
    assert out == (
        "glossary/concepts/outsourcing.yaml:1:5: error duplicate-id: expected an article id that no concept has "
        "(kb stamp takes either kind of id); found 'outsourcing', the id of terms/outsourcing.yaml too\n"
        "glossary/terms/index.yaml:1:5: error reserved-id: expected another id; found 'index', whose page would "
        "replace the glossary's index page (glossary/index.md)\n"
    )


def test_links_and_special_files_are_named_never_read(
    workdir: Path, capsys: pytest.CaptureFixture[str], never_blocks: None
) -> None:
    terms = workdir / "terms"
    (terms / "passwd.yaml").symlink_to("/etc/passwd")
    (terms / "loop.yaml").symlink_to("loop.yaml")
    (terms / "gone.yaml").symlink_to("nowhere.yaml")
    (terms / "folder.yaml").mkdir()
    os.mkfifo(terms / "pipe.yaml")
    (workdir / "concepts" / "elsewhere.yaml").symlink_to(REPO / "glossary" / "concepts")
    (terms / ".outsourcing.yaml.swp").write_bytes(b"\x00 swap file")
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"glossary/concepts/elsewhere.yaml:1:1: error not-a-regular-file: {READ_ONCE} a symbolic link to the "
        f"folder {str(REPO / 'glossary' / 'concepts')!r}\n"
        + WARNINGS
        + f"glossary/terms/folder.yaml:1:1: error not-a-regular-file: {READ_ONCE} a folder, whose files would never "
        "be read (a glossary file is a .yaml file in this folder)\n"
        f"glossary/terms/gone.yaml:1:1: error not-a-regular-file: {READ_ONCE} a dangling symbolic link to "
        "'nowhere.yaml', which does not exist\n"
        f"glossary/terms/loop.yaml:1:1: error not-a-regular-file: {READ_ONCE} a symbolic link that loops "
        "('loop.yaml')\n"
        f"glossary/terms/passwd.yaml:1:1: error not-a-regular-file: {READ_ONCE} a symbolic link to the file "
        "'/etc/passwd'\n"
        f"glossary/terms/pipe.yaml:1:1: error not-a-regular-file: {READ_ONCE} a FIFO (named pipe)\n"
    )
    assert err == "6 errors, 2 warnings\n"


@pytest.mark.parametrize(
    ("name", "make", "found"),
    [
        ("loop.yaml", lambda path: path.symlink_to("loop.yaml"), "a symbolic link that loops ('loop.yaml')"),
        ("gone.yaml", lambda path: path.symlink_to("x"), "a dangling symbolic link to 'x', which does not exist"),
        ("passwd.yaml", lambda path: path.symlink_to("/etc/passwd"), "a symbolic link to the file '/etc/passwd'"),
    ],
)
def test_a_link_named_on_the_command_line_is_reported_not_followed(
    workdir: Path, capsys: pytest.CaptureFixture[str], name: str, make, found: str
) -> None:
    make(workdir / "terms" / name)
    assert main(["validate", f"glossary/terms/{name}"]) == 1
    out, err = capsys.readouterr()
    assert out == f"glossary/terms/{name}:1:1: error not-a-regular-file: {READ_ONCE} {found}\n"
    assert err == "1 error, 0 warnings\n"


def test_a_broken_schema_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(REPO / "glossary" / "schema", workdir / "schema")
    edit(workdir / "schema" / "figures.schema.json", '"type": "object",', '"type": "object"')
    assert main(["validate"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "glossary/schema/figures.schema.json:7:3: error bad-schema: expected valid JSON; found an error: "
        "Expecting ',' delimiter\n" + WARNINGS
    )
    assert err == "1 error, 2 warnings\n"
    assert main(["export", "--format", "json"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("glossary/schema/figures.schema.json:7:3: error bad-schema:")
    assert err == "kb: the glossary has 1 error(s); fix them first (kb validate)\n"


HOSTILE_NAME = "out\x1b[2J\u202esourcing\udcff.yaml"
SHOWN_NAME = "out\\x1b[2J\\u202esourcing\\udcff.yaml"


def test_hostile_file_names_are_escaped_in_every_format(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "terms" / HOSTILE_NAME).write_bytes(b"id: x\n")
    # repr() escapes the name in the message already.
    message = f"expected a file name of lowercase words joined by hyphens, equal to the id; found {HOSTILE_NAME!r}"
    assert main(["validate", "--format", "text", f"glossary/terms/{HOSTILE_NAME}"]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == f"glossary/terms/{SHOWN_NAME}:1:1: error bad-file-name: {message}"
    assert out.isascii() and "\x1b" not in out

    assert main(["validate", "--format", "github", f"glossary/terms/{HOSTILE_NAME}"]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == (
        f"::error file=glossary/terms/{SHOWN_NAME},line=1,col=1,title=bad-file-name::{message}"
    )

    assert main(["validate", "--format", "json", f"glossary/terms/{HOSTILE_NAME}"]) == 1
    out, _ = capsys.readouterr()
    assert out.isascii() and "\x1b" not in out
    assert json.loads(out)["problems"][0]["path"] == f"glossary/terms/{HOSTILE_NAME}"


def test_a_hostile_name_given_on_the_command_line_is_escaped(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "\x1b[2Jnowhere.yaml"]) == 2
    assert capsys.readouterr().err == "kb validate: error: no such file or folder: \\x1b[2Jnowhere.yaml\n"


@pytest.mark.parametrize(
    ("output", "make", "message"),
    [
        (
            "missing/glossary.tbx",
            None,
            "-o missing/glossary.tbx: expected a file in an existing folder; found no folder missing",
        ),
        ("folder", lambda path: path.mkdir(), "-o folder: expected a new or a regular file; found a folder"),
        ("pipe.tbx", os.mkfifo, "-o pipe.tbx: expected a new or a regular file; found a FIFO (named pipe)"),
        (
            "link.tbx",
            lambda path: path.symlink_to("elsewhere.tbx"),
            "-o link.tbx: expected a new or a regular file; found a dangling symbolic link to 'elsewhere.tbx', "
            "which does not exist",
        ),
        ("\x1b[2J/x.tbx", None, "-o \\x1b[2J/x.tbx: expected a file in an existing folder; found no folder \\x1b[2J"),
    ],
)
def test_export_to_a_path_it_cannot_take_is_a_usage_error(
    workdir: Path, capsys: pytest.CaptureFixture[str], never_blocks: None, output: str, make, message: str
) -> None:
    target = workdir.parent / output
    if make is not None:
        make(target)
    before = sorted(path.name for path in workdir.parent.iterdir())
    assert main(["export", "--format", "tbx", "-o", output]) == 2
    assert capsys.readouterr() == ("", f"kb export: error: {message}\n")
    assert sorted(path.name for path in workdir.parent.iterdir()) == before


def test_export_that_cannot_be_written_leaves_no_file(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(yamlwrite, "write_atomically", full_disk)  # the export command imports it when run
    assert main(["export", "--format", "csv", "-o", "glossary.csv"]) == 1
    assert capsys.readouterr() == (
        "",
        "kb export: error: cannot write glossary.csv: No space left on device; no file was written\n",
    )
    assert not (workdir.parent / "glossary.csv").exists()


def test_export_refuses_a_glossary_with_unsafe_characters(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(workdir / "terms" / "yield.yaml", "definition: The share", 'definition: "\\x07The share')
    edit(workdir / "terms" / "yield.yaml", "the standard.", 'the standard."')
    assert main(["export", "--format", "tbx"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "glossary/terms/yield.yaml:7:16: error control-character: expected text without control characters; "
        "found U+0007 (BELL), written as the escape \\x07\n"
    )
    assert err == "kb: the glossary has 1 error(s); fix them first (kb validate)\n"


def test_links_never_follows_or_opens_what_is_not_a_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], never_blocks: None
) -> None:
    (tmp_path / "index.html").write_text('<a href="a/">a</a> <a href="b.html">b</a>\n', encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>a</p>\n", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to("loop")
    (tmp_path / "a" / "pipe.html").symlink_to("../pipe")
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "b.html").symlink_to("/etc/passwd")
    (tmp_path / "up").symlink_to("..")
    (tmp_path / "\x1b[2J.html").write_text("<p>x</p>\n", encoding="utf-8")
    assert main(["links", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    expected = "expected a regular file or folder (symbolic links are never followed); found"
    assert out == (
        f"a/loop: not checked: {expected} a symbolic link that loops ('loop')\n"
        f"a/pipe.html: not checked: {expected} a symbolic link to a FIFO (named pipe) '../pipe'\n"
        f"b.html: not checked: {expected} a symbolic link to the file '/etc/passwd'\n"
        f"pipe: not checked: {expected} a FIFO (named pipe)\n"
        f"up: not checked: {expected} a symbolic link to the folder '..'\n"
        "index.html:1: broken link → b.html (no such file)\n"
    )
    assert err == "1 broken link(s), 5 entry(ies) not checked\n"
    assert main(["links", "--format", "github", str(tmp_path)]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == (
        f"::error file=site/a/loop,title=not-a-regular-file::{expected} a symbolic link that loops ('loop')"
    )


def test_links_on_a_missing_folder_escapes_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", str(tmp_path / "\x1b[2J")]) == 2
    assert capsys.readouterr().err == f"kb links: error: no such folder: {tmp_path}/\\x1b[2J\n"


def test_export_to_a_closed_pipe_is_a_message_not_a_traceback(glossary_copy: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kb.cli", "export", "--format", "json", "--glossary", str(glossary_copy)],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert done.returncode == 1
    assert done.stderr.startswith("kb export: error: cannot write to standard output:")
    assert "Traceback" not in done.stderr


def test_import_ignores_a_hidden_fifo_in_the_glossary(glossary_copy: Path, tmp_path: Path) -> None:
    os.mkfifo(glossary_copy / "terms" / ".editor-pipe")
    sheet = tmp_path / "sheet.csv"
    export = subprocess.run(
        [sys.executable, "-m", "kb.cli", "export", "--format", "csv", "--glossary", str(glossary_copy)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    sheet.write_text(export.stdout.replace("Обсяг роботи", "Обсяг праці", 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "kb.cli", "import", str(sheet), "--glossary", str(glossary_copy)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Обсяг праці" in (glossary_copy / "terms" / "yield.yaml").read_text(encoding="utf-8")
