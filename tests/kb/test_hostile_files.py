"""Hostile files answered by kb validate with exit 1, a named file, no traceback, in seconds and
well under 1 GB of memory (the process runs with a 1 GB address-space limit)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_GLOSSARY

ONE_GIGABYTE = 1 << 30
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
HOSTILE = {
    "alias-bomb.yaml": LAUGHS.encode(),
    "deep-nesting.yaml": b"a: " + b"[" * 200_000 + b"]" * 200_000 + b"\n",
    "huge-field.yaml": b"id: huge-field\nnotes: " + b"x" * 3_000_000 + b"\n",
    "long-term.yaml": (
        "id: long-term\ncategory: quality\nstatus: draft\nsources: [handbook]\nen:\n  term: "
        + "t" * 10_000
        + "\n  definition: Long.\n"
    ).encode(),
    "garbage.yaml": bytes(range(256)) * 64,
    "nul-bytes.yaml": b"id: nul\x00bytes\n",
    "python-object.yaml": b"id: python-object\nx: !!python/object/apply:os.system ['touch /tmp/owned-by-yaml']\n",
    "escape-attempt.yaml": b"id: ../../etc/passwd\ncategory: quality\nstatus: draft\nsources: [handbook]\n",
}


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ONE_GIGABYTE, ONE_GIGABYTE))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_quickly_within_bounded_memory(name: str, tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    shutil.copytree(FIXTURE_GLOSSARY, root)
    (root / "terms" / name).write_bytes(HOSTILE[name])
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kb.cli", "validate", str(root / "terms" / name)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        check=False,
    )
    assert time.monotonic() - started < 20
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    assert f"terms/{name}:" in result.stdout
    assert not Path("/tmp/owned-by-yaml").exists()


def _sparse(size: int):  # type: ignore[no-untyped-def]
    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


#: Entries where a glossary file belongs that are never opened, and what the report says of them.
HOSTILE_ENTRIES = {
    "fifo.yaml": (os.mkfifo, "found a FIFO (named pipe)"),
    "loop.yaml": (lambda path: path.symlink_to("loop.yaml"), "found a symbolic link that loops ('loop.yaml')"),
    "passwd.yaml": (lambda path: path.symlink_to("/etc/passwd"), "found a symbolic link to the file '/etc/passwd'"),
    "outside.yaml": (
        lambda path: path.symlink_to(FIXTURE_GLOSSARY / "terms" / "outsourcing.yaml"),
        "found a symbolic link to the file",
    ),
    "dangling.yaml": (lambda path: path.symlink_to("gone.yaml"), "found a dangling symbolic link to 'gone.yaml'"),
    "folder.yaml": (lambda path: path.mkdir(), "found a folder, whose files would never be read"),
    "two-gigabytes.yaml": (
        _sparse(2 << 30),
        f"error file-too-large: expected at most 1,000,000 bytes; found {2 << 30:,}",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_ENTRIES))
def test_hostile_entry_is_reported_by_name_and_never_read(name: str, tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    shutil.copytree(FIXTURE_GLOSSARY, root)
    make, expected = HOSTILE_ENTRIES[name]
    make(root / "terms" / name)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "kb.cli", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit_memory,
        check=False,
        cwd=tmp_path,
    )
    assert time.monotonic() - started < 20
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    reported = [row for row in result.stdout.splitlines() if row.startswith(f"glossary/terms/{name}:")]
    assert len(reported) == 1, result.stdout
    assert reported[0].startswith(f"glossary/terms/{name}:1:1: error ") and expected in reported[0]
    assert "root:" not in result.stdout  # not a byte of /etc/passwd


def test_hidden_files_are_never_glossary_files(tmp_path: Path) -> None:
    root = tmp_path / "glossary"
    shutil.copytree(FIXTURE_GLOSSARY, root)
    (root / "terms" / ".outsourcing.yaml.swp").write_bytes(b"\x00\xffvim swap")
    (root / "terms" / ".outsourcing.yaml.k3j2.tmp").write_bytes(b"id: half-writ")
    (root / "terms" / ".link.yaml").symlink_to("/etc/passwd")
    os.mkfifo(root / "data" / ".pipe.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "kb.cli", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert (result.returncode, result.stderr) == (0, "0 errors, 2 warnings\n")
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == [
        "glossary/terms/call-centre.yaml",
        "glossary/terms/contact-centre.yaml",
    ]
