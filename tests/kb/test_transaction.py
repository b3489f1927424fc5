"""Multi-file writes: all or nothing at every point a writer (or its recovery) can be killed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb import transaction
from kb.glossary_lock import LOCK_NAME
from kb.transaction import (
    JOURNAL_NAME,
    STAGING_NAME,
    finish_interrupted,
    has_leftovers,
    read_journal,
    recover,
    stray_temporaries,
    write_files,
)

OLD = {"terms/a.yaml": "id: a\n", "terms/b.yaml": "id: b\r\n", "concepts/c.yaml": "id: c\n", "sources.yaml": "s: 1\n"}
NEW = {"terms/a.yaml": "id: a\nnew: true\n", "terms/b.yaml": "id: b\r\nnew: да\r\n", "concepts/c.yaml": "id: c2\n"}


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even ``except OSError`` blocks."""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    glossary = tmp_path / "glossary"
    for name, text in OLD.items():
        (glossary / name).parent.mkdir(parents=True, exist_ok=True)
        (glossary / name).write_bytes(text.encode())
    return glossary


def state(root: Path) -> dict[str, str]:
    """Every file's text, the lock left aside."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes().decode()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != LOCK_NAME
    }


def new_state() -> dict[str, str]:
    return {**OLD, **NEW}


def texts(root: Path) -> dict[Path, str]:
    return {root / name: text for name, text in NEW.items()}


def kill_at_pause(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    """Make the ``step``-th pause (one before each staged file, the journal, each rename) a kill."""
    calls = iter(range(10_000))

    def pause() -> None:
        if next(calls) == step:
            raise Killed

    monkeypatch.setattr(transaction, "_pause", pause)


def test_every_file_is_written_and_nothing_is_left(root: Path) -> None:
    (root / "terms" / "b.yaml").chmod(0o640)
    outcome = write_files(root, texts(root))
    assert outcome.written
    assert state(root) == new_state()
    assert not (root / STAGING_NAME).exists()
    assert (root / "terms" / "b.yaml").stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_usual_mode(root: Path) -> None:
    assert write_files(root, {root / "terms" / "z.yaml": "id: z\n"}).written
    assert (root / "terms" / "z.yaml").stat().st_mode & 0o777 == 0o644


def test_nothing_to_write_touches_nothing(root: Path) -> None:
    outcome = write_files(root, {})
    assert outcome.written
    assert state(root) == OLD
    assert sorted(path.name for path in root.iterdir()) == ["concepts", "sources.yaml", "terms"]


# 3 staged files, the journal, 3 renames, forgetting the journal: 8 points, and one past the end.
@pytest.mark.parametrize("step", range(9))
def test_a_kill_at_any_step_leaves_the_old_or_the_new_state(
    root: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    kill_at_pause(monkeypatch, step)
    try:
        write_files(root, texts(root))
    except Killed:
        pass
    monkeypatch.undo()
    committed = (root / STAGING_NAME / JOURNAL_NAME).exists()
    assert finish_interrupted(root) == []
    expected = new_state() if committed or step == 8 else OLD
    assert state(root) == expected
    assert step < 4 or expected == new_state()  # the journal's rename is the commit point
    assert not has_leftovers(root)


@pytest.mark.parametrize("crash", range(4))
def test_a_kill_during_recovery_is_recovered_from(root: Path, monkeypatch: pytest.MonkeyPatch, crash: int) -> None:
    kill_at_pause(monkeypatch, 4)  # committed, nothing renamed yet
    with pytest.raises(Killed):
        write_files(root, texts(root))
    kill_at_pause(monkeypatch, crash)  # recovery pauses before each rename and before forgetting the journal
    with pytest.raises(Killed):
        finish_interrupted(root)
    monkeypatch.undo()
    assert finish_interrupted(root) == []
    assert finish_interrupted(root) == []
    assert state(root) == new_state()


def test_half_written_staged_files_are_deleted(root: Path) -> None:
    staging = root / STAGING_NAME
    staging.mkdir()
    (staging / "0.staged").write_text("id: a\nne")
    (staging / f"{JOURNAL_NAME}.tmp").write_text('{"format": 1, "renam')
    assert has_leftovers(root)
    assert finish_interrupted(root) == []
    assert state(root) == OLD
    assert not staging.exists()


def test_a_journal_whose_staged_files_are_gone_is_forgotten(root: Path) -> None:
    staging = root / STAGING_NAME
    staging.mkdir()
    journal = {"format": 1, "renames": [{"staged": "0.staged", "target": "terms/a.yaml"}]}
    (staging / JOURNAL_NAME).write_text(json.dumps(journal))
    assert read_journal(root) == ([(staging / "0.staged", root / "terms" / "a.yaml")], [])
    assert finish_interrupted(root) == []
    assert state(root) == OLD
    assert not staging.exists()


# Each journal below is refused: kb cannot know what it would rename, so nothing is touched.
BAD_JOURNALS = {
    "not JSON": b'{"format": 1, "renames": [',
    "not UTF-8": b"\xff\xfe{}",
    "a list": b"[]",
    "another format": b'{"format": 2, "renames": []}',
    "renames not a list": b'{"format": 1, "renames": {"0.staged": "terms/a.yaml"}}',
    "an entry not an object": b'{"format": 1, "renames": [["0.staged", "terms/a.yaml"]]}',
    "a staged name with a folder": b'{"format": 1, "renames": [{"staged": "../0.staged", "target": "terms/a.yaml"}]}',
    "a staged name kb never writes": b'{"format": 1, "renames": [{"staged": "journal.json", "target": "t/a.yaml"}]}',
    "a target outside": b'{"format": 1, "renames": [{"staged": "0.staged", "target": "../outside.yaml"}]}',
    "an absolute target": b'{"format": 1, "renames": [{"staged": "0.staged", "target": "/etc/passwd"}]}',
    "a target climbing out": b'{"format": 1, "renames": [{"staged": "0.staged", "target": "terms/../../x.yaml"}]}',
    "a hidden target": b'{"format": 1, "renames": [{"staged": "0.staged", "target": ".git/config"}]}',
    "the lock as target": b'{"format": 1, "renames": [{"staged": "0.staged", "target": ".kb.lock"}]}',
    "an empty target": b'{"format": 1, "renames": [{"staged": "0.staged", "target": ""}]}',
    "a backslash": b'{"format": 1, "renames": [{"staged": "0.staged", "target": "terms\\\\..\\\\..\\\\x"}]}',
    "a NUL": b'{"format": 1, "renames": [{"staged": "0.staged", "target": "terms/a\\u0000.yaml"}]}',
    "a number as target": b'{"format": 1, "renames": [{"staged": "0.staged", "target": 7}]}',
}


@pytest.mark.parametrize("journal", BAD_JOURNALS.values(), ids=BAD_JOURNALS.keys())
def test_an_untrustworthy_journal_is_reported_and_nothing_is_touched(root: Path, journal: bytes) -> None:
    staging = root / STAGING_NAME
    staging.mkdir()
    (staging / JOURNAL_NAME).write_bytes(journal)
    (staging / "0.staged").write_text("id: x\n")
    (problem,) = finish_interrupted(root)
    assert problem.path == staging / JOURNAL_NAME
    assert "expected a journal written by kb" in problem.message
    assert (staging / JOURNAL_NAME).read_bytes() == journal
    assert (staging / "0.staged").read_text() == "id: x\n"
    assert {name: (root / name).read_bytes().decode() for name in OLD} == OLD
    assert write_files(root, texts(root)).problems == [problem]


def test_a_file_in_place_of_the_staging_folder_is_reported(root: Path) -> None:
    (root / STAGING_NAME).write_text("mine")
    (problem,) = finish_interrupted(root)
    assert "expected the folder kb makes" in problem.message
    assert (root / STAGING_NAME).read_text() == "mine"


def test_stray_temporary_files_of_write_atomically_are_deleted(root: Path) -> None:
    strays = [
        root / "terms" / ".a.yaml.k2j_9x0q.tmp",
        root / ".sources.yaml.abcdefgh.tmp",
        root / "concepts" / ".c.yaml.12345678.tmp",
    ]
    kept = [root / "terms" / ".keep", root / "terms" / "notes.tmp", root / "terms" / ".a.yaml.short.tmp"]
    for path in [*strays, *kept]:
        path.write_text("half")
    (root / "terms" / ".d.yaml.abcdefgh.tmp").mkdir()
    assert stray_temporaries(root) == sorted(strays)
    assert finish_interrupted(root) == []
    assert all(not path.exists() for path in strays)
    assert all(path.exists() for path in kept)
    assert (root / "terms" / ".d.yaml.abcdefgh.tmp").is_dir()


def test_a_failed_staging_write_changes_nothing(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = transaction._write_synced
    calls = iter(range(100))

    def disk_full(path: Path, data: bytes, mode: int) -> None:
        if next(calls) == 1:
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(transaction, "_write_synced", disk_full)
    outcome = write_files(root, texts(root))
    assert not outcome.committed
    assert [problem.message for problem in outcome.problems] == [
        f"could not write {root / 'terms' / 'b.yaml'}: No space left on device; nothing was changed"
    ]
    assert state(root) == OLD
    assert not has_leftovers(root)


def test_a_failed_rename_after_the_commit_is_finished_by_the_next_command(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    calls = iter(range(100))

    def fail_second_target(source: object, target: object) -> None:
        if Path(str(target)).suffix == ".yaml" and next(calls) == 1:
            raise OSError(5, "Input/output error")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(transaction.os, "replace", fail_second_target)
    outcome = write_files(root, texts(root))
    monkeypatch.undo()
    assert outcome.committed
    (problem,) = outcome.problems
    assert problem.message.endswith(
        f"the change is recorded in {root / STAGING_NAME}/ and the next kb command completes it"
    )
    assert recover(root) == []
    assert state(root) == new_state()


def test_recover_takes_no_lock_when_there_is_nothing_to_do(root: Path) -> None:
    root.chmod(0o555)
    try:
        assert recover(root) == []
    finally:
        root.chmod(0o755)
    assert not (root / LOCK_NAME).exists()


HOLD_LOCK = """
import sys, time
from pathlib import Path
from kb.glossary_lock import holding_lock
with holding_lock(Path(sys.argv[1]), "kb test"):
    print("held", flush=True)
    time.sleep(60)
"""


def test_recover_waits_for_the_lock_then_says_who_holds_it(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (root / "terms" / ".a.yaml.abcdefgh.tmp").write_text("half")
    monkeypatch.setenv("KB_LOCK_WAIT", "0.1")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(root)], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        (problem,) = recover(root, "mkdocs build")
    finally:
        holder.kill()
        holder.wait()
    assert problem.path == root / LOCK_NAME
    assert problem.message == (
        f"another kb command (kb test, pid {holder.pid}) is writing {root}/ (lock {root / LOCK_NAME}); "
        "try again when it has finished"
    )
    assert (root / "terms" / ".a.yaml.abcdefgh.tmp").exists()
    assert recover(root) == []
    assert not (root / "terms" / ".a.yaml.abcdefgh.tmp").exists()
