"""The preview's rebuilds: after the first build, a save rebuilds only the pages it changes.

MkDocs' dirty build skips unchanged pages but still, on every save and for each language, lists
every file, lets static-i18n rework each of them, builds the navigation and writes the static
templates: time that grows with the glossary. The preview instead keeps what the last build made
for each language (its files, its navigation, its template environment) and, when a save
changes the contents of existing pages only, renders exactly those pages (the ones the session
wrote or touched, kb.mkdocs_plugin.session) with MkDocs' own page functions and every plugin's
page events, for every language that shows them. So a page comes out as a full build makes it.

Anything else falls back to MkDocs' builder (a dirty build): a page added or removed, a change
outside the glossary and the hand-written pages (mkdocs.yml, the theme), a navigation title that
changed, or a rebuild that failed. The search indexes are made at the preview's start only.

Saves are watched with the system's file events (inotify on Linux) instead of MkDocs' polling
every half second; reads are not events (the build itself reads the glossary).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from watchdog import events
from watchdog.observers import Observer

log = get_plugin_logger(__name__)
#: The events that mean a file's content or existence changed (not opened, not read).
WRITES = [
    events.FileModifiedEvent,
    events.FileCreatedEvent,
    events.FileDeletedEvent,
    events.FileMovedEvent,
    events.FileClosedEvent,
    events.DirCreatedEvent,
    events.DirDeletedEvent,
    events.DirMovedEvent,
]


@dataclass
class LanguageBuild:
    """What the last build of one language made and a page needs to be built again."""

    files: Files
    nav: Navigation
    env: Environment
    #: The pages a page's template sees (MkDocs' ``pages``), as the build passed them.
    pages: Sequence[File]
    #: Absolute source path → the files built from it (a page can be another language's fallback).
    by_source: dict[str, list[File]] = field(default_factory=dict)


@dataclass
class BuiltSite:
    config: MkDocsConfig
    languages: dict[str, LanguageBuild] = field(default_factory=dict)
    #: Set when the build ended well: a build that failed part-way is no base for page rebuilds.
    complete: bool = False
    #: Output path → a page's HTML as the kb plugin's ``on_page_content`` received it, before
    #: term links: a page whose Markdown did not change is not converted again.
    converted: dict[str, str] = field(default_factory=dict)


#: The last build of each site, by its mkdocs.yml.
_BUILT: dict[Path, BuiltSite] = {}


def _language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None)
    return str(current) if current else str(config.theme["language"])


@functools.lru_cache(maxsize=64)
def _site_key(config_file: str) -> Path:
    """A site's key in ``_BUILT``: its mkdocs.yml, resolved once (asked for on every page)."""
    return Path(config_file).resolve()


def _site(config: MkDocsConfig) -> BuiltSite | None:
    return _BUILT.get(_site_key(config.config_file_path))


def start_build(config: MkDocsConfig) -> None:
    """A build begins (not static-i18n's build of the next language): forget the last one."""
    _BUILT[_site_key(config.config_file_path)] = BuiltSite(config)


def record_language(config: MkDocsConfig, files: Files, nav: Navigation | None, env: Environment) -> None:
    """Keep what one language's build made, once its pages are read (MkDocs' ``on_env``)."""
    site = _site(config)
    if site is None or nav is None:
        return
    docs_dir = os.path.realpath(config.docs_dir)
    build = LanguageBuild(files, nav, env, files.documentation_pages(inclusion=InclusionLevel.is_in_serve))
    for file in files:
        if file.abs_src_path and os.path.realpath(file.abs_src_path).startswith(docs_dir + os.sep):
            build.by_source.setdefault(os.path.realpath(file.abs_src_path), []).append(file)
    site.languages[_language(config)] = build


def finish_build(config: MkDocsConfig) -> None:
    """The build (every language) ended without an error."""
    site = _site(config)
    if site is not None:
        site.complete = True


def remember_content(config: MkDocsConfig, page: Page, html: str) -> None:
    """Keep a page's converted HTML (before term links) for the next rebuild of its links."""
    site = _site(config)
    if site is not None:
        site.converted[page.file.abs_dest_path] = html


class ChangeObserver(Observer):  # type: ignore[misc,valid-type]
    """The platform's file-event observer, for writes only, remembering which paths changed.

    (watchdog follows a watched file that an editor replaces by renaming a new file over it:
    tests/kb/mkdocs_plugin/test_preview_watch.py.)
    """

    def __init__(self) -> None:
        super().__init__()
        self._changes_lock = threading.Lock()
        self._changed: set[str] = set()
        #: Set by the page builder, which takes the changes; otherwise none are kept.
        self.recording = False

    def schedule(self, handler, path, *, recursive=False, event_filter=None):  # type: ignore[no-untyped-def]
        observer = self

        class Recording(events.FileSystemEventHandler):
            def dispatch(self, event: events.FileSystemEvent) -> None:
                if observer.recording:
                    with observer._changes_lock:
                        observer._changed.add(os.fsdecode(event.src_path))
                        if event.dest_path:
                            observer._changed.add(os.fsdecode(event.dest_path))
                handler.dispatch(event)

        return super().schedule(Recording(), path, recursive=recursive, event_filter=WRITES)

    def take_changes(self) -> set[str]:
        """The paths changed since the last call."""
        with self._changes_lock:
            changed, self._changed = self._changed, set()
        return changed


def watch_changes(server: Any) -> None:
    """Give MkDocs' live-reload server a ``ChangeObserver`` in place of its polling one, with
    the same watches (made again by the server's own ``watch``, so with its own callback)."""
    watched = dict(server._watched_paths)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = ChangeObserver()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


class _Quiet(logging.Filter):
    """static-i18n announces a whole build each time a language is configured: not here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(("Building '", "Overriding '", "Updating '"))


class PageBuilder:
    """The preview server's builder: changed pages only, or MkDocs' builder when it must."""

    def __init__(
        self,
        config_file: Path,
        fallback: Callable[[], None],
        observer: ChangeObserver,
        sources: Sequence[Path],
    ) -> None:
        self.key = _site_key(str(config_file))
        self.fallback = fallback
        self.observer = observer
        observer.recording = True
        self.sources = [os.path.realpath(source) for source in sources]
        #: How the last save was built: "pages" (its pages only) or "site" (MkDocs' builder).
        self.last = ""

    def __call__(self) -> None:
        changed = self.observer.take_changes()
        site = _BUILT.get(self.key)
        reason = self._reason_for_full_build(site, changed)
        if reason is None:
            assert site is not None
            started = time.perf_counter()
            try:
                count = rebuild_pages(site)
            except Exception as error:  # a plugin's failure: MkDocs' builder reports it
                log.warning(f"kb: the page rebuild failed ({error}); building the site again")
                count = None
            if count is not None:
                log.info(f"kb: {count} page(s) rebuilt in {time.perf_counter() - started:.2f} s")
                self.last = "pages"
                return
        elif reason:
            log.info(f"kb: {reason}: building the site again")
        self.last = "site"
        self.fallback()

    def _reason_for_full_build(self, site: BuiltSite | None, changed: set[str]) -> str | None:
        if site is None or not site.languages or not site.complete:
            return ""
        for path in changed:
            real = os.path.realpath(path)
            if not any(real == source or real.startswith(source + os.sep) for source in self.sources):
                return f"{path} changed"
        return None


def rebuild_pages(site: BuiltSite) -> int | None:
    """Bring the changed pages of every language up to date: how many were built, or None when
    the change needs MkDocs' builder (its caller runs it)."""
    from kb.mkdocs_plugin.plugin import write_problems  # the plugin imports this module

    config = site.config
    plugin = config.plugins["kb"]
    changes = plugin.refresh()
    write_problems(Path(config.site_dir), plugin.session.problems)
    if changes is None:
        return 0  # the glossary has errors: the last good pages stay, the problems are shown
    if changes.removed:
        return None
    target = plugin.session.folder.target
    wanted = [os.path.realpath(target / relative) for relative in [*changes.written, *changes.touched]]
    touched = {os.path.realpath(target / relative) for relative in changes.touched}
    if any(not any(path in build.by_source for build in site.languages.values()) for path in wanted):
        return None  # a new file: MkDocs lists it, with static-i18n's fallbacks
    i18n = config.plugins.get("i18n")
    built = 0
    quiet = _Quiet()
    i18n_logs = [logging.getLogger(f"mkdocs.plugins.mkdocs_static_i18n.{name}") for name in ("plugin", "reconfigure")]
    for i18n_log in i18n_logs:
        i18n_log.addFilter(quiet)
    try:
        for language, build in site.languages.items():
            files = [file for path in wanted for file in build.by_source.get(path, [])]
            if not files:
                continue
            if i18n is not None:
                i18n.current_language = language
            # The language's configuration, made as static-i18n makes it before each build.
            config = config.plugins.on_config(config)
            # static-i18n inserts its sitemap folder into the theme's folders on every call.
            config.theme.dirs[:] = list(dict.fromkeys(config.theme.dirs))
            pages = [file.page for file in files if file.is_documentation_page() and file.page is not None]
            titles = {page.file.src_uri: page.title for page in pages}
            for page in pages:
                converted = site.converted.get(page.file.abs_dest_path)
                if os.path.realpath(page.file.abs_src_path or "") in touched and converted is not None:
                    # Same Markdown, so the same HTML: only its term links (the last page event,
                    # the kb plugin's) are made again.
                    page.content = plugin.on_page_content(converted, page=page, config=config, files=build.files)
                else:
                    _populate_page(page, config, build.files)
            if any(page.title != titles[page.file.src_uri] and page in build.nav.pages for page in pages):
                # A title in the navigation, which every page shows: the dirty build rebuilds
                # the pages whose sources are newer than their output, so all of them.
                for path in (path for build in site.languages.values() for path in build.by_source):
                    os.utime(path)
                return None
            for file in files:
                if not file.is_documentation_page():
                    file.copy_file()
            for page in pages:
                excluded = page.file.inclusion.is_excluded()
                _build_page(page, config, build.pages, build.nav, build.env, excluded=excluded)
            built += len(pages)
    finally:
        for i18n_log in i18n_logs:
            i18n_log.removeFilter(quiet)
    return built
