from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kb.yamlwrite import edit_yaml, edited_text, write_atomically

ORIGINAL = "# keep me\nid: x   # and me\nlist: [a, 'b']\ntext: >-\n  folded\n  text\n"


def test_round_trip_edit_touches_only_the_edited_key(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    assert edit_yaml(path, lambda document: document.__setitem__("extra", "1") or True)
    assert path.read_text(encoding="utf-8") == ORIGINAL + "extra: '1'\n"


def test_unchanged_document_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert not edit_yaml(path, lambda document: True)
    assert path.stat().st_mtime_ns == before


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"id: x\r\nterm: y\r\n")
    edit_yaml(path, lambda document: document.__setitem__("term", "z") or True)
    assert path.read_bytes() == b"id: x\r\nterm: z\r\n"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")

    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(path, "half")
    assert path.read_text(encoding="utf-8") == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.yaml"]


def test_edited_text_gives_the_new_text_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(ORIGINAL, encoding="utf-8")
    assert edited_text(path, lambda document: document.__setitem__("extra", "1") or True) == ORIGINAL + "extra: '1'\n"
    assert path.read_text(encoding="utf-8") == ORIGINAL
    assert edited_text(path, lambda document: True) is None
    assert edited_text(path, lambda document: False) is None


def test_a_new_file_gets_the_usual_mode_not_the_temporary_files(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.csv", "a,b\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
