"""The glossary's lock: one writer at a time, a bounded wait, and a refusal that says who writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.glossary_lock import LOCK_NAME, WAIT_SECONDS, GlossaryLocked, holding_lock, lock_wait, read_holder

HOLD_LOCK = """
import sys, time
from pathlib import Path
from kb.glossary_lock import holding_lock
with holding_lock(Path(sys.argv[1]), "kb test"):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def held(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The lock of ``tmp_path``, held by another process until the test ends."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield holder
    holder.kill()
    holder.wait()


@pytest.mark.parametrize(
    ("value", "wait"),
    [
        (None, WAIT_SECONDS),
        ("0.5", 0.5),
        ("0", 0.0),
        ("soon", WAIT_SECONDS),  # not a number
        ("-1", WAIT_SECONDS),  # filelock would wait for ever
        ("nan", WAIT_SECONDS),
        ("inf", WAIT_SECONDS),
        ("", WAIT_SECONDS),
    ],
)
def test_the_wait_is_bounded_whatever_the_variable_holds(
    monkeypatch: pytest.MonkeyPatch, value: str | None, wait: float
) -> None:
    if value is None:
        monkeypatch.delenv("KB_LOCK_WAIT", raising=False)
    else:
        monkeypatch.setenv("KB_LOCK_WAIT", value)
    assert lock_wait() == wait


def test_the_holder_writes_its_name_into_the_lock(tmp_path: Path) -> None:
    with holding_lock(tmp_path, "kb stamp"):
        assert (tmp_path / LOCK_NAME).read_text() == f"kb stamp, pid {os.getpid()}\n"
        assert read_holder(tmp_path) == f"kb stamp, pid {os.getpid()}"


def test_a_held_lock_is_refused_after_the_wait_naming_its_holder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: subprocess.Popen[str]
) -> None:
    monkeypatch.setenv("KB_LOCK_WAIT", "0.2")
    with pytest.raises(GlossaryLocked) as refused, holding_lock(tmp_path, "kb import"):
        pytest.fail("the lock was taken twice")
    assert str(refused.value) == (
        f"another kb command (kb test, pid {held.pid}) is writing {tmp_path}/ (lock {tmp_path / LOCK_NAME}); "
        "try again when it has finished"
    )


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path, held: subprocess.Popen[str]) -> None:
    held.kill()
    held.wait()
    with holding_lock(tmp_path, "kb import"):
        assert read_holder(tmp_path) == f"kb import, pid {os.getpid()}"


def test_what_the_lock_file_holds_is_shown_printable_and_short(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_bytes(b"\x1b[31mkb\x00 import\xff" + b"x" * 1000 + b"\n")
    holder = read_holder(tmp_path)
    assert holder is not None and holder.startswith("[31mkb import\ufffdxxx")
    assert len(holder) == 120
    (tmp_path / LOCK_NAME).write_bytes(b"\n\t\n")
    assert read_holder(tmp_path) is None


def test_a_lock_that_cannot_be_made_is_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).mkdir()
    with pytest.raises(GlossaryLocked) as refused, holding_lock(tmp_path, "kb import"):
        pytest.fail("a folder was taken as the lock")
    assert str(refused.value) == (
        f"cannot take the lock {tmp_path / LOCK_NAME}: Is a directory; "
        f"kb writes {tmp_path}/ only while it holds that file"
    )
