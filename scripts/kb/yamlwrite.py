"""Writing YAML back without disturbing it: round-trip edits and atomic replacement.

ruamel.yaml keeps comments, key order, quoting, block scalars and flow lists of the parts it
does not touch; each write goes to a temporary file in the same folder and is renamed over the
original, so a crash never leaves a half-written file. A change to several files is written
with ``kb.transaction.write_files`` instead, from the texts ``edited_text`` returns.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap lines the edit did not touch
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one rename; the file is either old or new, never half."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            # mkstemp makes the file readable by its owner only; a new file gets the usual mode.
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def edited_text(path: Path, edit: Callable[[Any], bool]) -> str | None:
    """The text of ``path`` after ``edit``, for writing it with others; None when nothing changes."""
    original = path.read_bytes().decode("utf-8")  # keeps CRLF line ends visible
    yaml = _round_trip()
    document = yaml.load(original)
    if not edit(document):
        return None
    buffer = StringIO()
    yaml.dump(document, buffer)
    updated = buffer.getvalue()
    if "\r\n" in original:
        updated = updated.replace("\r\n", "\n").replace("\n", "\r\n")
    return None if updated == original else updated


def edit_yaml(path: Path, edit: Callable[[Any], bool]) -> bool:
    """Load ``path`` for round-trip editing, apply ``edit``; write only if it reports a change."""
    updated = edited_text(path, edit)
    if updated is None:
        return False
    write_atomically(path, updated)
    return True
