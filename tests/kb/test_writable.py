"""Before writing: every reason a glossary file cannot be replaced, found at once, modes included."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kb.writable import check_writable, is_glossary_file

STAGING = ".kb-transaction"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    glossary = tmp_path / "glossary"
    (glossary / "terms").mkdir(parents=True)
    (glossary / "terms" / "a.yaml").write_text("id: a\n")
    (glossary / "terms" / "b.yaml").write_text("id: b\n")
    return glossary


def messages(root: Path, *names: str) -> list[str]:
    return [problem.message for problem in check_writable(root, [root / name for name in names], root / STAGING)]


def test_writable_files_pass(root: Path) -> None:
    assert messages(root, "terms/a.yaml", "terms/new.yaml") == []


# Each case makes one thing unwritable and states the message it must produce.
CASES: dict[str, tuple[Callable[[Path], object], str, str]] = {
    "a read-only file": (
        lambda root: (root / "terms" / "a.yaml").chmod(0o444),
        "terms/a.yaml",
        "cannot write {root}/terms/a.yaml: expected a writable file; found it read-only (mode 0444)",
    ),
    "a read-only folder": (
        lambda root: (root / "terms").chmod(0o555),
        "terms/a.yaml",
        "cannot write {root}/terms/a.yaml: expected a writable folder {root}/terms/; found it read-only (mode 0555)",
    ),
    "a missing folder": (
        lambda root: None,
        "data/figures.yaml",
        "cannot write {root}/data/figures.yaml: expected the folder {root}/data/; found none",
    ),
    "a file where the folder should be": (
        lambda root: (root / "data").write_text(""),
        "data/figures.yaml",
        "cannot write {root}/data/figures.yaml: expected {root}/data to be a folder; found a file",
    ),
    "a symbolic link": (
        lambda root: (root / "terms" / "link.yaml").symlink_to(root / "terms" / "a.yaml"),
        "terms/link.yaml",
        "cannot write {root}/terms/link.yaml: expected a regular file; found a symbolic link, "
        "which kb would replace by a file",
    ),
    "a folder in place of the file": (
        lambda root: (root / "terms" / "dir.yaml").mkdir(),
        "terms/dir.yaml",
        "cannot write {root}/terms/dir.yaml: expected a regular file; found something else",
    ),
    "a FIFO": (
        lambda root: os.mkfifo(root / "terms" / "fifo.yaml"),
        "terms/fifo.yaml",
        "cannot write {root}/terms/fifo.yaml: expected a regular file; found something else",
    ),
    "a file outside the glossary": (
        lambda root: None,
        "../outside.yaml",
        "cannot write {root}/../outside.yaml: expected a file inside {root}/, not a hidden one; found it elsewhere",
    ),
    "a hidden file": (
        lambda root: None,
        ".kb-transaction/journal.json",
        "cannot write {root}/.kb-transaction/journal.json: expected a file inside {root}/, not a hidden one; "
        "found it elsewhere",
    ),
    "a read-only glossary folder, where the staging folder cannot be made": (
        lambda root: root.chmod(0o555),
        "terms/a.yaml",
        "cannot create {root}/.kb-transaction/: expected a writable glossary folder; "
        "found {root}/ read-only (mode 0555)",
    ),
    "a file in place of the staging folder": (
        lambda root: (root / STAGING).write_text(""),
        "terms/a.yaml",
        "cannot use {root}/.kb-transaction: expected the folder kb makes; found a file or link",
    ),
    "a read-only staging folder": (
        lambda root: (root / STAGING).mkdir(mode=0o555),
        "terms/a.yaml",
        "cannot use {root}/.kb-transaction/: expected a writable folder; found it read-only",
    ),
}


@pytest.mark.parametrize(("make", "name", "message"), CASES.values(), ids=CASES.keys())
def test_each_unwritable_target_is_refused_with_its_reason(
    root: Path, make: Callable[[Path], object], name: str, message: str
) -> None:
    make(root)
    try:
        assert messages(root, name) == [message.format(root=root)]
    finally:
        for path in (root, root / "terms"):
            path.chmod(0o755)


def test_every_problem_is_reported_at_once(root: Path) -> None:
    (root / "terms" / "a.yaml").chmod(0o444)
    (root / "terms" / "b.yaml").chmod(0o400)
    assert [message.split(":")[0] for message in messages(root, "terms/a.yaml", "terms/b.yaml", "data/x.yaml")] == [
        f"cannot write {root}/terms/a.yaml",
        f"cannot write {root}/terms/b.yaml",
        f"cannot write {root}/data/x.yaml",
    ]


@pytest.mark.parametrize(
    ("target", "allowed"),
    [
        ("terms/a.yaml", True),
        ("sources.yaml", True),
        ("terms/аутсорсинг.yaml", True),
        ("../a.yaml", False),
        ("terms/../../a.yaml", False),
        ("/etc/passwd", False),
        (".git/config", False),
        ("terms/.a.yaml.abcdefgh.tmp", False),
        ("", False),
        (".", False),
        ("terms//a.yaml", True),  # PurePosixPath folds the double slash: still terms/a.yaml
        ("terms\\a.yaml", False),
        ("terms/a\x00.yaml", False),
    ],
)
def test_only_visible_files_inside_the_glossary_may_be_replaced(target: str, allowed: bool) -> None:
    assert is_glossary_file(target) is allowed
