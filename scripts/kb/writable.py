"""Before a glossary file is replaced: every reason it cannot be, found before anything is written.

A target must lie inside the glossary (not in a hidden folder), in an existing folder that may
be written and that is on the glossary's file system (so that a rename replaces it in one step),
and be a regular file that may be written; the folder where the change is prepared must be
writable too. All problems are reported at once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kb.report import display_path


@dataclass(frozen=True)
class WriteProblem:
    """A file that cannot be written, or a change that cannot be finished; the message names the path."""

    path: Path
    message: str


def check_writable(root: Path, targets: Iterable[Path], staging: Path) -> list[WriteProblem]:
    """Every reason the targets, or the folder ``staging`` they are prepared in, cannot be written."""
    try:
        root_stat = root.stat()
    except OSError as exc:
        return [WriteProblem(root, f"cannot write to {display_path(root)}/: {os_reason(exc)}")]
    problems = _staging_problems(root, root_stat, staging)
    for target in targets:
        problems.extend(_target_problems(root, root_stat.st_dev, target))
    return problems


def _staging_problems(root: Path, root_stat: os.stat_result, staging: Path) -> list[WriteProblem]:
    shown = display_path(staging)
    try:
        staging_stat = os.lstat(staging)
    except FileNotFoundError:
        if _writable(root, root_stat):
            return []
        found = f"found {display_path(root)}/ read-only (mode {stat.S_IMODE(root_stat.st_mode):04o})"
        return [WriteProblem(staging, f"cannot create {shown}/: expected a writable glossary folder; {found}")]
    if not stat.S_ISDIR(staging_stat.st_mode):
        return [WriteProblem(staging, f"cannot use {shown}: expected the folder kb makes; found a file or link")]
    if not _writable(staging, staging_stat):
        return [WriteProblem(staging, f"cannot use {shown}/: expected a writable folder; found it read-only")]
    return []


def _target_problems(root: Path, device: int, target: Path) -> list[WriteProblem]:
    shown, folder = display_path(target), target.parent

    def refuse(message: str) -> WriteProblem:
        return WriteProblem(target, f"cannot write {shown}: {message}")

    relative = glossary_relative(root, target)
    if relative is None or not is_glossary_file(str(relative)):
        return [refuse(f"expected a file inside {display_path(root)}/, not a hidden one; found it elsewhere")]
    try:
        folder_stat = folder.stat()
    except FileNotFoundError:
        return [refuse(f"expected the folder {display_path(folder)}/; found none")]
    except OSError as exc:
        return [refuse(f"expected the folder {display_path(folder)}/; found it unusable ({os_reason(exc)})")]
    if not stat.S_ISDIR(folder_stat.st_mode):
        return [refuse(f"expected {display_path(folder)} to be a folder; found a file")]
    problems: list[WriteProblem] = []
    if not _writable(folder, folder_stat):
        mode = stat.S_IMODE(folder_stat.st_mode)
        problems.append(
            refuse(f"expected a writable folder {display_path(folder)}/; found it read-only (mode {mode:04o})")
        )
    if folder_stat.st_dev != device:
        problems.append(refuse(f"expected it on the file system of {display_path(root)}/; found it on another"))
    try:
        target_stat = os.lstat(target)
    except FileNotFoundError:
        return problems
    if stat.S_ISLNK(target_stat.st_mode):
        problems.append(refuse("expected a regular file; found a symbolic link, which kb would replace by a file"))
    elif not stat.S_ISREG(target_stat.st_mode):
        problems.append(refuse("expected a regular file; found something else"))
    elif not _writable(target, target_stat):
        mode = stat.S_IMODE(target_stat.st_mode)
        problems.append(refuse(f"expected a writable file; found it read-only (mode {mode:04o})"))
    return problems


def _writable(path: Path, path_stat: os.stat_result) -> bool:
    # The mode bits are checked too: os.access says yes to root even for a file marked read-only.
    access = os.W_OK | (os.X_OK if stat.S_ISDIR(path_stat.st_mode) else 0)
    return os.access(path, access) and bool(path_stat.st_mode & 0o222)


def glossary_relative(root: Path, target: Path) -> PurePosixPath | None:
    """``target`` relative to ``root`` without following links; None when it lies outside."""
    relative = os.path.relpath(os.path.abspath(target), os.path.abspath(root))
    parts = PurePosixPath(Path(relative).as_posix())
    return None if not parts.parts or parts.parts[0] in ("..", ".") else parts


def is_glossary_file(target: str) -> bool:
    """Whether ``target`` (relative, with ``/``) names a file kb may replace: no ``..``, nothing hidden."""
    path = PurePosixPath(target)
    return (
        "\x00" not in target
        and "\\" not in target
        and not path.is_absolute()
        and bool(path.parts)
        and all(part not in ("", ".", "..") and not part.startswith(".") for part in path.parts)
    )


def os_reason(exc: OSError) -> str:
    """What the system said, e.g. "Permission denied"."""
    return exc.strerror or str(exc) or type(exc).__name__
