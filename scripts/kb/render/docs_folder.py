"""``kb render``: the whole docs folder a site is built from, written to disk without MkDocs.

The hand-written pages of ``docs/`` and every page rendered from the glossary (concepts,
articles, indexes, categories, status, downloads) as Markdown files, so that any Markdown site
generator can build the knowledge base. The folder is written beside its destination and put in
place by a rename: a reader of the destination sees the old folder or the new one, never half.
A folder that ``kb render`` did not write is never replaced.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kb.model import Glossary
from kb.render.downloads_page import render_downloads
from kb.render.site import render_site_pages
from kb.site_files import PageConflict, SiteFolder

#: Left in every folder ``kb render`` writes, so that the next run may replace it.
MARKER = ".kb-render"


@dataclass(frozen=True)
class Rendered:
    pages: int
    files: int


class RenderRefused(Exception):
    """The destination cannot take the folder; the message says why."""


def render_docs_folder(glossary: Glossary, docs_dir: Path, destination: Path, site_url: str | None = None) -> Rendered:
    """Write the assembled docs folder to ``destination`` (replacing an earlier ``kb render``)."""
    if destination.is_symlink() or (destination.exists() and not destination.is_dir()):
        raise RenderRefused(f"{destination}: expected a folder to write; found a file or a link")
    if destination.is_dir() and any(destination.iterdir()) and not (destination / MARKER).is_file():
        raise RenderRefused(
            f"{destination}: expected an empty folder or one kb render wrote; found other files, left as they are"
        )
    parent = destination.resolve().parent
    if not parent.is_dir():
        raise RenderRefused(f"{destination}: expected a folder in an existing folder; found no {parent}")
    generated = {**render_site_pages(glossary, site_url), **render_downloads(glossary)}
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=parent))
    try:
        changes = SiteFolder(staging).assemble(docs_dir, generated)
        (staging / MARKER).write_text("Written by kb render; the next kb render replaces this folder.\n", "utf-8")
        old = None
        if destination.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old.", dir=parent))
            destination.rename(old / "folder")
        staging.rename(destination)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except PageConflict as conflict:
        shutil.rmtree(staging, ignore_errors=True)
        raise RenderRefused(str(conflict)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(1 for path in changes.written if path.endswith(".md"))
    return Rendered(pages=pages, files=len(changes.written))
