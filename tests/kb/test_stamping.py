"""kb stamp writes every stamped file in one transaction: all stamped, or none and a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.cli import main
from kb.glossary_lock import LOCK_NAME


@pytest.fixture
def workdir(glossary_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(glossary_copy.parent)
    return glossary_copy


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != LOCK_NAME
    }


def test_stamping_all_changes_every_stale_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stamp", "--all"]) == 0
    out, err = capsys.readouterr()
    assert out.count("stamped glossary/") == 6
    assert err == "6 file(s) changed\n"
    assert not (workdir / ".kb-transaction").exists()
    assert main(["stamp", "--all"]) == 0
    assert capsys.readouterr() == ("", "0 file(s) changed\n")


def test_an_id_named_twice_is_stamped_once(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stamp", "outsourcing", "outsourcing"]) == 0
    assert capsys.readouterr() == ("stamped glossary/terms/outsourcing.yaml\n", "1 file(s) changed\n")


def test_one_read_only_file_stops_the_whole_stamp(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(workdir)
    (workdir / "terms" / "yield.yaml").chmod(0o444)
    assert main(["stamp", "--all"]) == 1
    assert capsys.readouterr() == (
        "",
        "kb stamp: error: cannot write glossary/terms/yield.yaml: expected a writable file; "
        "found it read-only (mode 0444)\n"
        "kb stamp: 1 problem(s); no file was changed\n",
    )
    assert snapshot(workdir) == before
