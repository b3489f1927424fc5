"""The docs folder a site is built from: the hand-written pages and the generated ones, on disk.

MkDocs reads one docs folder. ``assemble`` keeps one in step with ``docs/`` (hand-written
pages, copied) and the pages rendered from the glossary (written), so that any generator can
build it (``kb render``), and so that MkDocs' dirty builds (the preview) rebuild only what
changed: a file is written only when its content differs, keeping its modification time
otherwise; a page that must be rebuilt although its text is the same (it shows the tooltip of
an edited concept) is touched; a file no longer produced is removed. A hand-written page that
would take a generated page's address (``status.md`` and ``status/index.md`` are one page) is
refused, with both names.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kb.yamlwrite import write_atomically


class PageConflict(Exception):
    """A hand-written page in a generated page's place."""


@dataclass
class Changes:
    written: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.written or self.touched or self.removed)


@functools.lru_cache(maxsize=100_000)
def page_address(path: str) -> str:
    """The page a Markdown path becomes: ``en/status.md`` and ``en/status/index.md`` are ``en/status/``."""
    pure = PurePosixPath(path)
    if pure.suffix != ".md":
        return path
    if pure.stem in ("index", "README"):
        return f"{pure.parent}/".lstrip("./") if str(pure.parent) != "." else ""
    return f"{pure.with_suffix('')}/"


def hand_written_files(docs_dir: Path) -> dict[str, Path]:
    """Every file under ``docs_dir`` by its relative path (hidden ones and links left out)."""
    found: dict[str, Path] = {}
    for folder, folders, names in os.walk(docs_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                found[path.relative_to(docs_dir).as_posix()] = path
    return found


def conflicts(hand_written: Iterable[str], generated: Iterable[str]) -> list[tuple[str, str]]:
    """(hand-written, generated) pairs of files that would be the same page."""
    by_address = {page_address(path): path for path in generated}
    return sorted((path, by_address[page_address(path)]) for path in hand_written if page_address(path) in by_address)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class SiteFolder:
    """A docs folder kept in step with its sources, remembering what it holds between updates."""

    def __init__(self, target: Path) -> None:
        self.target = target
        #: Relative path → digest of the content last written or found there.
        self._held: dict[str, str] = {}
        #: Relative path → the generated text last written there: the same string object is
        #: the same content, neither encoded nor digested again (a preview's pages are kept).
        self._texts: dict[str, str] = {}
        self._read = False

    def _read_once(self) -> None:
        if self._read:
            return
        if self.target.is_dir():
            for relative, path in hand_written_files(self.target).items():
                self._held[relative] = _digest(path.read_bytes())
        self._read = True

    def assemble(self, docs_dir: Path, generated: Mapping[str, str], touch: Iterable[str] = ()) -> Changes:
        """Make the folder hold ``docs_dir``'s files and ``generated``; touch the ``touch`` paths."""
        hand = hand_written_files(docs_dir) if docs_dir.is_dir() else {}
        clashes = conflicts(hand, generated)
        if clashes:
            raise PageConflict(
                "; ".join(
                    f"docs/{mine} would take the place of docs/{theirs}, which is generated from the "
                    "glossary; remove or rename the hand-written file"
                    for mine, theirs in clashes
                )
            )
        self._read_once()
        changes = Changes()
        wanted: dict[str, bytes | None] = {relative: path.read_bytes() for relative, path in hand.items()}
        for relative, text in generated.items():
            same = self._texts.get(relative) is text and relative in self._held
            wanted[relative] = None if same else text.encode("utf-8")
        for relative, data in wanted.items():
            if data is None:
                continue  # the very text written last time
            digest = _digest(data)
            if self._held.get(relative) == digest:
                continue
            destination = self.target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if _is_text(data):
                write_atomically(destination, data.decode("utf-8"))
            else:
                _write_bytes(destination, data)
            self._held[relative] = digest
            changes.written.append(relative)
        self._texts = dict(generated)
        for relative in sorted(set(self._held) - set(wanted)):
            (self.target / relative).unlink(missing_ok=True)
            del self._held[relative]
            changes.removed.append(relative)
        written = set(changes.written)
        for relative in touch:
            if relative in wanted and relative not in written:
                os.utime(self.target / relative)
                changes.touched.append(relative)
        if changes.removed:
            _remove_empty_folders(self.target)
        return changes


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _write_bytes(destination: Path, data: bytes) -> None:
    temporary = destination.with_name(f".{destination.name}.kb-tmp")
    temporary.write_bytes(data)
    os.replace(temporary, destination)


def _remove_empty_folders(root: Path) -> None:
    for folder, folders, names in os.walk(root, topdown=False):
        if Path(folder) != root and not folders and not names:
            shutil.rmtree(folder, ignore_errors=True)
