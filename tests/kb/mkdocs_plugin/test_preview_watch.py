"""The preview's watcher: writes are seen at once, reads are not events, and a file saved by
renaming a new one over it (as many editors do) is still watched afterwards."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from kb.mkdocs_plugin.preview import ChangeObserver


class Counting(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)


def soon(condition: Callable[[], bool], seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_writes_are_seen_reads_are_not_and_a_renamed_over_file_stays_watched(tmp_path: Path) -> None:
    glossary, site = tmp_path / "glossary", tmp_path / "site"
    glossary.mkdir()
    site.mkdir()
    term, config = glossary / "term.yaml", site / "mkdocs.yml"
    term.write_text("id: a\n", encoding="utf-8")
    config.write_text("site_name: a\n", encoding="utf-8")
    observer = ChangeObserver()
    observer.recording = True
    folder_events, file_events = Counting(), Counting()
    observer.schedule(folder_events, str(glossary), recursive=True)
    observer.schedule(file_events, str(config))
    observer.start()
    try:
        time.sleep(0.3)
        term.read_text(encoding="utf-8")  # the build reads every file: no rebuild for that
        time.sleep(0.3)
        assert folder_events.events == [] and observer.take_changes() == set()

        started = time.monotonic()
        term.write_text("id: b\n", encoding="utf-8")
        assert soon(lambda: bool(folder_events.events))
        assert time.monotonic() - started < 0.5  # file events, not a half-second poll
        assert str(term) in observer.take_changes()

        for text in ("site_name: b\n", "site_name: c\n"):
            file_events.events.clear()
            replacement = site / ".mkdocs.yml.swp"
            replacement.write_text(text, encoding="utf-8")
            os.replace(replacement, config)
            assert soon(lambda: bool(file_events.events)), "the config file is no longer watched"
    finally:
        observer.stop()
        observer.join(5)
