"""Hostile files answered by kb validate with exit 1, a named file, no traceback, in seconds and
well under 1 GB of memory (the process runs with a 1 GB address-space limit)."""

from __future__ import annotations

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
