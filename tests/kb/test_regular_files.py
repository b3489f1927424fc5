"""Regular files only: each kind of entry is named, none but a regular file is opened."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kb import regular_files
from kb.regular_files import FileTooLarge, NotARegularFile, describe_entry, located, read_regular_file


@pytest.fixture
def never_blocks() -> Iterator[None]:
    """Fails the test instead of hanging it if something opens a FIFO after all."""

    def interrupt(signum: int, frame: object) -> None:
        raise TimeoutError("blocked: a FIFO was opened")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(5)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


ENTRIES: dict[str, tuple[Callable[[Path], None], str]] = {
    "link to a file": (_link("/etc/passwd"), "a symbolic link to the file '/etc/passwd'"),
    "link to a folder": (_link("/tmp"), "a symbolic link to the folder '/tmp'"),
    "link loop": (lambda path: path.symlink_to(path.name), "a symbolic link that loops ('entry.yaml')"),
    "dangling link": (_link("gone.yaml"), "a dangling symbolic link to 'gone.yaml', which does not exist"),
    "link to a FIFO": (
        lambda path: (os.mkfifo(path.with_name("pipe")), path.symlink_to("pipe")),
        "a symbolic link to a FIFO (named pipe) 'pipe'",
    ),
    "folder": (lambda path: path.mkdir(), "a folder"),
    "FIFO": (os.mkfifo, "a FIFO (named pipe)"),
    "socket": (_socket, "a socket"),
}


@pytest.mark.parametrize("kind", sorted(ENTRIES))
def test_every_kind_of_entry_is_named_and_never_opened(kind: str, tmp_path: Path, never_blocks: None) -> None:
    make, found = ENTRIES[kind]
    entry = tmp_path / "entry.yaml"
    make(entry)
    assert describe_entry(entry) == found
    with pytest.raises(NotARegularFile) as refused:
        read_regular_file(entry, 1_000)
    assert refused.value.found == found


def test_a_device_is_named_without_being_opened() -> None:
    assert describe_entry(Path("/dev/zero")) == "a device"
    with pytest.raises(NotARegularFile):
        read_regular_file(Path("/dev/zero"), 1_000)


def test_a_regular_file_is_read_up_to_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 10)
    assert describe_entry(path) is None
    assert read_regular_file(path, 10) == b"x" * 10
    with pytest.raises(FileTooLarge) as refused:
        read_regular_file(path, 9)
    assert (refused.value.size, refused.value.found) == (10, "10")


def test_a_huge_file_is_refused_by_its_size_before_any_byte_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(2 << 30)  # sparse: 2 GiB that take no room on disk
    with pytest.raises(FileTooLarge) as refused:
        read_regular_file(path, 1_000_000)
    assert refused.value.found == f"{2 << 30:,}"


def test_a_file_that_grows_while_it_is_read_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"x" * 100)
    real_lstat, real_fstat = os.lstat, os.fstat

    def small(status: os.stat_result) -> os.stat_result:
        fields = list(status)
        fields[6] = 5  # st_size as it was when looked at
        return os.stat_result(fields)

    monkeypatch.setattr(regular_files.os, "lstat", lambda p: small(real_lstat(p)))
    monkeypatch.setattr(regular_files.os, "fstat", lambda fd: small(real_fstat(fd)))
    with pytest.raises(FileTooLarge) as refused:
        read_regular_file(path, 10)
    assert refused.value.size is None
    assert refused.value.found == "more than 10 (the file grew while it was read)"


def test_a_file_swapped_for_a_link_after_the_look_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "swapped.yaml"
    path.symlink_to("/etc/passwd")
    regular = os.lstat(__file__)
    monkeypatch.setattr(regular_files.os, "lstat", lambda p: regular)  # the look saw a regular file
    with pytest.raises(NotARegularFile):
        read_regular_file(path, 1_000_000)


def test_located_keeps_a_link_at_the_end_and_never_loops(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "via").symlink_to("real")
    (tmp_path / "real" / "loop.yaml").symlink_to("loop.yaml")
    real = tmp_path.resolve() / "real"
    with pytest.raises(RuntimeError):
        (tmp_path / "via" / "loop.yaml").resolve()  # what located avoids
    assert located(tmp_path / "via" / "loop.yaml") == real / "loop.yaml"
    assert located(tmp_path / "via") == tmp_path.resolve() / "via"
    assert located(tmp_path / "real" / ".." / "via") == tmp_path.resolve() / "via"
