"""Several glossary files written as one change: every later command sees all of it or none.

A change is prepared in ``.kb-transaction/`` at the glossary root, a folder the loader never
reads:

1. each new text is written there as ``N.staged`` and synced to disk;
2. the plan, ``journal.json`` (``{"format": 1, "renames": [{"staged": "0.staged", "target":
   "terms/x.yaml"}]}``), is written as ``journal.json.tmp``, synced and renamed into place; that
   rename is the commit point;
3. each staged file is renamed over its target, and the targets' folders are synced;
4. the journal is deleted, then the folder.

:func:`finish_interrupted` completes what a killed writer left: with a journal it redoes the
renames whose staged file is still there (the new state); without one it deletes the staged
files (the old state). It also deletes the ``.NAME.XXXXXXXX.tmp`` files a killed
``write_atomically`` leaves. Each of its steps can run again, so a crash during recovery is
recovered from too. :func:`recover` does that under the glossary's lock, for every ``kb``
command and for the MkDocs plugin.

``KB_WRITE_PAUSE`` (seconds, at most one) sleeps before each step of a change and of a recovery.
It only slows kb down, so that tests can kill it in the middle of its renames.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import shutil
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kb.glossary_lock import GlossaryLocked, holding_lock, lock_path
from kb.loader import FOLDER_KINDS
from kb.report import display_path
from kb.writable import WriteProblem, check_writable, glossary_relative, is_glossary_file, os_reason

STAGING_NAME = ".kb-transaction"
JOURNAL_NAME = "journal.json"
JOURNAL_FORMAT = 1
PAUSE_VARIABLE = "KB_WRITE_PAUSE"
MAX_PAUSE = 1.0
NEW_FILE_MODE = 0o644
_STAGED_NAME = re.compile(r"[0-9]{1,6}\.staged")
#: ``tempfile.mkstemp(prefix=".NAME.", suffix=".tmp")``, as ``write_atomically`` names its files.
_STRAY_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


@dataclass(frozen=True)
class WriteOutcome:
    problems: list[WriteProblem] = field(default_factory=list)
    #: The change is recorded: it is complete now, or the next command completes it.
    committed: bool = False

    @property
    def written(self) -> bool:
        return self.committed and not self.problems


def staging_folder(root: Path) -> Path:
    return root / STAGING_NAME


def write_files(root: Path, texts: Mapping[Path, str]) -> WriteOutcome:
    """Replace each file with its text, all or nothing; the caller holds the glossary's lock."""
    if not texts:
        return WriteOutcome(committed=True)
    problems = finish_interrupted(root) or check_writable(root, texts, staging_folder(root))
    if problems:
        return WriteOutcome(problems)
    staging = staging_folder(root)
    plan: list[tuple[Path, Path]] = []
    current = staging
    try:
        staging.mkdir()
        for index, (target, text) in enumerate(texts.items()):
            current = target
            _pause()
            staged = staging / f"{index}.staged"
            _write_synced(staged, text.encode("utf-8"), _mode_for(target))
            plan.append((staged, target))
        current = staging / JOURNAL_NAME
        _pause()
        journal = _journal_bytes(root, plan)
        _write_synced(staging / f"{JOURNAL_NAME}.tmp", journal, NEW_FILE_MODE)
        _sync_folder(staging)
        os.replace(staging / f"{JOURNAL_NAME}.tmp", staging / JOURNAL_NAME)
    except OSError as exc:
        failed = WriteProblem(
            current, f"could not write {display_path(current)}: {os_reason(exc)}; nothing was changed"
        )
        return WriteOutcome([failed, *_discard(root)])
    return WriteOutcome(_complete(root, plan), committed=True)


def _journal_bytes(root: Path, plan: list[tuple[Path, Path]]) -> bytes:
    renames = [{"staged": staged.name, "target": str(glossary_relative(root, target))} for staged, target in plan]
    return json.dumps({"format": JOURNAL_FORMAT, "renames": renames}, ensure_ascii=False, indent=1).encode()


def read_journal(root: Path) -> tuple[list[tuple[Path, Path]], list[WriteProblem]]:
    """The committed plan as ``(staged, target)`` pairs, or why the journal cannot be trusted."""
    staging = staging_folder(root)
    journal = staging / JOURNAL_NAME

    def refuse(found: str) -> tuple[list[tuple[Path, Path]], list[WriteProblem]]:
        message = (
            f"cannot finish the interrupted change in {display_path(staging)}/: expected a journal written "
            f"by kb; found {found}; compare its staged files with their targets, then delete the folder"
        )
        return [], [WriteProblem(journal, message)]

    try:
        data = json.loads(journal.read_bytes())
    except OSError as exc:
        return refuse(os_reason(exc))
    except ValueError:
        return refuse("text that is not JSON")
    if not isinstance(data, dict) or data.get("format") != JOURNAL_FORMAT or not isinstance(data.get("renames"), list):
        return refuse("JSON of another shape")
    plan = []
    for entry in data["renames"]:
        staged = entry.get("staged") if isinstance(entry, dict) else None
        target = entry.get("target") if isinstance(entry, dict) else None
        if not isinstance(staged, str) or not _STAGED_NAME.fullmatch(staged):
            return refuse(f"the staged file name {staged!r}")
        if not isinstance(target, str) or not is_glossary_file(target):
            return refuse(f"the target {target!r}, which is not a file of the glossary")
        plan.append((staging / staged, root.joinpath(*PurePosixPath(target).parts)))
    return plan, []


def _complete(root: Path, plan: list[tuple[Path, Path]]) -> list[WriteProblem]:
    """Rename the staged files still there over their targets, then forget the change."""
    staging = staging_folder(root)
    current = staging / JOURNAL_NAME
    try:
        # The journal's rename must be on disk before any target is replaced.
        _sync_folder(staging)
        for staged, target in plan:
            current = target
            if os.path.lexists(staged):
                _pause()
                os.replace(staged, target)
        for folder in sorted({target.parent for _, target in plan}):
            _sync_folder(folder)
        current = staging / JOURNAL_NAME
        _pause()
        # Only now may the plan be forgotten: every rename above is on disk.
        (staging / JOURNAL_NAME).unlink()
    except OSError as exc:
        message = (
            f"could not finish writing {display_path(current)}: {os_reason(exc)}; the change is recorded in "
            f"{display_path(staging)}/ and the next kb command completes it"
        )
        return [WriteProblem(current, message)]
    return _discard(root)


def _discard(root: Path) -> list[WriteProblem]:
    """Delete the staging folder and whatever is left in it."""
    staging = staging_folder(root)
    try:
        shutil.rmtree(staging)
        _sync_folder(root)
    except FileNotFoundError:
        pass
    except OSError as exc:
        return [WriteProblem(staging, f"could not delete {display_path(staging)}/: {os_reason(exc)}")]
    return []


def finish_interrupted(root: Path) -> list[WriteProblem]:
    """Complete or undo what a killed writer left, and delete stray temporary files; the caller holds the lock."""
    staging = staging_folder(root)
    problems: list[WriteProblem] = []
    if os.path.islink(staging) or (os.path.lexists(staging) and not staging.is_dir()):
        problems.append(
            WriteProblem(staging, f"cannot use {display_path(staging)}: expected the folder kb makes; found a file")
        )
    elif staging.is_dir():
        if os.path.lexists(staging / JOURNAL_NAME):
            plan, problems = read_journal(root)
            if not problems:
                problems = _complete(root, plan)
        else:
            problems = _discard(root)
    for path in stray_temporaries(root):
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            problems.append(WriteProblem(path, f"could not delete {display_path(path)}: {os_reason(exc)}"))
    return problems


def stray_temporaries(root: Path) -> list[Path]:
    """The ``.NAME.XXXXXXXX.tmp`` files a killed ``write_atomically`` left in the glossary's folders."""
    found: list[Path] = []
    for folder in (root, *(root / name for name, _ in FOLDER_KINDS)):
        try:
            with os.scandir(folder) as entries:
                found.extend(
                    Path(entry.path)
                    for entry in entries
                    if _STRAY_TEMPORARY.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False)
                )
        except OSError:
            continue
    return sorted(found)


def has_leftovers(root: Path) -> bool:
    """Whether an interrupted write left something to finish or delete."""
    return os.path.lexists(staging_folder(root)) or bool(stray_temporaries(root))


def recover(root: Path, holder: str = "kb") -> list[WriteProblem]:
    """Finish or undo an interrupted write in ``root`` under its lock; run before reading a glossary.

    Without leftovers it takes no lock, so reading a read-only glossary still works.
    """
    if not root.is_dir() or not has_leftovers(root):
        return []
    try:
        with holding_lock(root, holder):
            return finish_interrupted(root)
    except GlossaryLocked as exc:
        return [WriteProblem(lock_path(root), str(exc))]


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(os.lstat(target).st_mode)
    except FileNotFoundError:
        return NEW_FILE_MODE


def _write_synced(path: Path, data: bytes, mode: int) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fchmod(descriptor, mode)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except FileNotFoundError:
        return
    try:
        os.fsync(descriptor)
    except OSError as exc:
        # Some file systems cannot sync a folder; their renames are as durable as they get.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(descriptor)


def _pause() -> None:
    try:
        seconds = float(os.environ.get(PAUSE_VARIABLE, "0"))
    except ValueError:
        return
    if math.isfinite(seconds) and seconds > 0:
        time.sleep(min(seconds, MAX_PAUSE))
