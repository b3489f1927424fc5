"""One writer at a time: an exclusive lock on a glossary folder, held from reading it to writing it.

The lock is ``.kb.lock`` at the glossary root (ignored by git), taken with filelock's ``flock``,
so a killed holder never leaves it stale. The holder writes its name and process id into the
file, so that a command kept waiting can say what it waits for. A waiter gives up after
``WAIT_SECONDS``; the environment variable ``KB_LOCK_WAIT`` (seconds) sets another wait, which
the tests use to see a refusal quickly.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kb.report import display_path

LOCK_NAME = ".kb.lock"
WAIT_SECONDS = 10.0
WAIT_VARIABLE = "KB_LOCK_WAIT"
#: The lock file is written by whoever holds it, so what is read back is shown only in part.
HOLDER_LENGTH = 120


class GlossaryLocked(Exception):
    """The lock could not be taken; the message says why and what to do."""


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


def lock_wait() -> float:
    """Seconds to wait for the lock: ``KB_LOCK_WAIT`` when it is a number ≥ 0, else WAIT_SECONDS."""
    try:
        wait = float(os.environ.get(WAIT_VARIABLE, ""))
    except ValueError:
        return WAIT_SECONDS
    return wait if math.isfinite(wait) and wait >= 0 else WAIT_SECONDS


def _record_holder(holder: str) -> Callable[[int], None]:
    def record(descriptor: int) -> None:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{holder}, pid {os.getpid()}\n".encode(), 0)

    return record


def read_holder(root: Path) -> str | None:
    """Who holds the lock, as it wrote itself into the lock file; None when that is unknown."""
    try:
        raw = lock_path(root).read_bytes()[: HOLDER_LENGTH * 4]
    except OSError:
        return None
    text = "".join(char for char in raw.decode("utf-8", "replace").strip() if char.isprintable())
    return text[:HOLDER_LENGTH] or None


def busy_message(root: Path, holder: str | None) -> str:
    who = f"another kb command ({holder})" if holder else "another kb command"
    return (
        f"{who} is writing {display_path(root)}/ (lock {display_path(lock_path(root))}); try again when it has finished"
    )


@contextmanager
def holding_lock(root: Path, holder: str) -> Iterator[None]:
    """Hold the glossary's lock for the block; raise GlossaryLocked when it stays taken or cannot be made.

    ``root`` must be an existing folder: filelock would otherwise create it.
    """
    from filelock import FileLock, Timeout  # only writers and recoveries take the lock (a read starts sooner)

    lock = FileLock(lock_path(root), timeout=lock_wait(), on_acquired=_record_holder(holder))
    try:
        lock.acquire()
    except Timeout:
        raise GlossaryLocked(busy_message(root, read_holder(root))) from None
    except OSError as exc:
        raise GlossaryLocked(
            f"cannot take the lock {display_path(lock_path(root))}: {exc.strerror or exc}; "
            f"kb writes {display_path(root)}/ only while it holds that file"
        ) from None
    try:
        yield
    finally:
        lock.release()
