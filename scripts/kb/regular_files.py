"""Reading regular files only: links are never followed, FIFOs never opened, sizes bounded first.

Glossary files, schemas and built pages are read through here. A symbolic link could publish a
file from outside the repository, or loop; opening a FIFO blocks until something writes to it; a
huge file would be read whole before its size could be checked. So an entry is looked at with
``lstat`` first, opened with ``O_NOFOLLOW | O_NONBLOCK`` (an entry swapped after that look is
still caught), checked again with ``fstat``, and read up to its limit plus one byte, so a file
that grows while it is read is caught too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class RefusedFile(Exception):
    """A file that is not read: not a regular file, or larger than allowed."""


class NotARegularFile(RefusedFile):
    def __init__(self, found: str) -> None:
        super().__init__(found)
        #: What the entry is, as a phrase: "a symbolic link to the file '/etc/passwd'".
        self.found = found


class FileTooLarge(RefusedFile):
    def __init__(self, limit: int, size: int | None) -> None:
        super().__init__(limit, size)
        self.limit = limit
        #: The size ``lstat`` gave, or None when the file grew past the limit while it was read.
        self.size = size

    @property
    def found(self) -> str:
        if self.size is None:
            return f"more than {self.limit:,} (the file grew while it was read)"
        return f"{self.size:,}"


def describe_mode(mode: int) -> str:
    """What kind of entry a mode from ``lstat`` or ``stat`` describes, as a phrase."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def describe_link(path: Path) -> str:
    """Where a symbolic link leads, found without opening anything: ``stat`` only looks."""
    try:
        target = repr(os.readlink(path))
    except OSError:
        target = "an unreadable target"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"a symbolic link that loops ({target})"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"a dangling symbolic link to {target}, which does not exist"
        return f"a symbolic link to {target} that cannot be followed ({exc.strerror})"
    kind = {"a regular file": "the file", "a folder": "the folder"}.get(describe_mode(mode))
    return f"a symbolic link to {kind} {target}" if kind else f"a symbolic link to {describe_mode(mode)} {target}"


def describe_entry(path: Path, status: os.stat_result | None = None) -> str | None:
    """None for a regular file; otherwise what the entry is (a link, a folder, a FIFO...)."""
    mode = (status or os.lstat(path)).st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return describe_link(path)
    return describe_mode(mode)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises NotARegularFile or FileTooLarge (never opening a FIFO, device or link), or OSError.
    """
    status = os.lstat(path)
    found = describe_entry(path, status)
    if found is not None:
        raise NotARegularFile(found)
    if status.st_size > limit:
        raise FileTooLarge(limit, status.st_size)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since the look above
            raise NotARegularFile(describe_link(path)) from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotARegularFile(describe_mode(status.st_mode))
        if status.st_size > limit:
            raise FileTooLarge(limit, status.st_size)
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(descriptor)
    if remaining <= 0:
        raise FileTooLarge(limit, None)
    return b"".join(chunks)


def located(path: Path) -> Path:
    """An absolute ``path`` with its folders resolved but not its last part, which may be a link.

    ``Path.resolve`` follows a link at the end (out of the glossary, or into a loop that raises);
    comparing and displaying paths must not.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.parent.resolve() / absolute.name if absolute.name else absolute.resolve()
    except (OSError, RuntimeError):
        return absolute
