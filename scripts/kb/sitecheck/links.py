"""Broken internal links and anchors in a built site folder, found without a browser or network.

Passing: ``glossary/x/index.html`` links to ``../y/#scope`` and ``glossary/y/index.html`` has
``id="scope"``. Failing: the same link when ``glossary/y/index.html`` is missing
(``no such file``) or has no element with ``id="scope"`` (``no such anchor``).

A built site holds regular files and folders only. Anything else (a symbolic link, which a host
may not serve or may follow out of the site; a FIFO, which would block the check; a socket or a
device) is never opened and is listed as not checked, as is a file or folder that cannot be read.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb.regular_files import FileTooLarge, NotARegularFile, describe_entry, read_regular_file
from kb.report import escape_github_data, escape_github_property, printable

NO_SUCH_FILE = "no such file"
NO_SUCH_ANCHOR = "no such anchor"
OUTSIDE_THE_SITE = "outside the site"

# A scheme per the URL standard: a letter, then letters, digits, "+", "-" or ".", then ":".
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_URL_ATTRIBUTE = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}
_HTML_SUFFIXES = (".html", ".htm")
#: Larger pages are not read: MkDocs writes pages of kilobytes, not of hundreds of megabytes.
MAX_PAGE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class BrokenLink:
    """One link in a built page that leads nowhere."""

    page: str  # relative to the site folder, posix, e.g. "uk/glossary/outsourcing/index.html"
    line: int
    target: str  # the href or src as written
    reason: str


class LinkKind(enum.Enum):
    """Links whose failure means something different to the reader, so the reason names them."""

    PLAIN = ""
    LANGUAGE_SWITCHER = "language switcher"
    HREFLANG_ALTERNATE = "hreflang alternate"

    def describe(self, reason: str) -> str:
        return f"{self.value}: {reason}" if self.value else reason


class Start(enum.Enum):
    """Where an internal URL path is read from."""

    PAGE = "page"  # relative to the page that holds it
    SITE_ROOT = "site root"  # relative to the site folder
    OUTSIDE = "outside"  # a host path that is not under the site's own path


@dataclass(frozen=True)
class Link:
    """A URL written in a page, where it was written and what kind of link carries it."""

    line: int
    target: str
    kind: LinkKind


@dataclass(frozen=True)
class ParsedPage:
    """What checking needs from one HTML page: the anchors it offers and the links it makes."""

    anchors: frozenset[str]
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Unchecked:
    """An entry of the site folder that was not read, and what it is."""

    path: str  # relative to the site folder, posix
    found: str  # "a symbolic link to the file '/etc/passwd'", "a FIFO (named pipe)"...


@dataclass(frozen=True)
class Site:
    """A built site as data: every file in it and every HTML page parsed, keyed by posix path."""

    files: frozenset[str]
    pages: Mapping[str, ParsedPage]
    unchecked: tuple[Unchecked, ...] = ()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Browsers keep the first of repeated attributes; dict() would keep the last.
        values = dict(reversed(attrs))
        if element_id := values.get("id"):
            self.anchors.add(element_id)
        if tag == "a" and (name := values.get("name")):
            self.anchors.add(name)
        target = values.get(_URL_ATTRIBUTE.get(tag, ""))
        if target is not None:
            self.links.append(Link(self.getpos()[0], target, _link_kind(tag, values)))


def _tokens(value: str | None) -> list[str]:
    return (value or "").split()


def _link_kind(tag: str, values: Mapping[str, str | None]) -> LinkKind:
    if "hreflang" in values:
        if tag == "a" and "md-select__link" in _tokens(values.get("class")):
            return LinkKind.LANGUAGE_SWITCHER
        if tag == "link" and "alternate" in _tokens(values.get("rel")):
            return LinkKind.HREFLANG_ALTERNATE
    return LinkKind.PLAIN


def parse_page(html: str) -> ParsedPage:
    """The anchors and links of one HTML page."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return ParsedPage(frozenset(parser.anchors), tuple(parser.links))


def read_site(site_dir: Path) -> Site:
    """Every regular file under ``site_dir``, with each HTML page read and parsed once."""
    files: set[str] = set()
    pages: dict[str, ParsedPage] = {}
    unchecked: list[Unchecked] = []
    folders = [""]
    while folders:
        prefix = folders.pop()
        try:
            with os.scandir(site_dir / prefix if prefix else site_dir) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError as exc:
            unchecked.append(Unchecked(prefix or ".", f"a folder that cannot be read ({exc.strerror})"))
            continue
        for entry in entries:
            relative = f"{prefix}/{entry.name}" if prefix else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(relative)
            elif not entry.is_file(follow_symlinks=False):
                unchecked.append(Unchecked(relative, _what_it_is(Path(entry.path))))
            elif not entry.name.endswith(_HTML_SUFFIXES):
                files.add(relative)
            else:
                try:
                    html = read_regular_file(Path(entry.path), MAX_PAGE_BYTES).decode("utf-8", errors="replace")
                except NotARegularFile as exc:  # replaced since it was listed
                    unchecked.append(Unchecked(relative, exc.found))
                    continue
                except FileTooLarge as exc:
                    unchecked.append(Unchecked(relative, f"a page larger than {exc.limit:,} bytes"))
                    continue
                except OSError as exc:
                    unchecked.append(Unchecked(relative, f"a file that cannot be read ({exc.strerror})"))
                    continue
                files.add(relative)
                pages[relative] = parse_page(html)
    return Site(frozenset(files), pages, tuple(sorted(unchecked, key=lambda entry: entry.path)))


def _what_it_is(path: Path) -> str:
    try:
        return describe_entry(path) or "a regular file"
    except OSError as exc:
        return f"an entry that cannot be examined ({exc.strerror})"


def _site_root_path(site_url: str | None) -> str:
    """The path part of ``site_url`` ending in "/", which is where the site folder is served."""
    path = urlsplit(site_url).path if site_url else "/"
    return path if path.endswith("/") else path + "/"


def strip_site_url(address: str, site_url: str | None) -> str | None:
    """``address`` relative to the site folder when it starts with ``site_url``, else None."""
    if not site_url:
        return None
    origin = site_url.rstrip("/")
    if not address.startswith(origin):
        return None
    rest = address[len(origin) :]
    if rest.startswith("/"):
        return rest[1:]
    return rest if rest == "" or rest[0] in "?#" else None


def _split_reference(target: str, site_url: str | None) -> tuple[Start, str, str] | None:
    """(start, decoded path, fragment) of an internal target, or None when it leads elsewhere."""
    address = target.strip()
    start = Start.PAGE
    within_site = strip_site_url(address, site_url)
    if within_site is not None:
        start, address = Start.SITE_ROOT, within_site
    elif _SCHEME.match(address) or address.startswith("//"):
        return None
    reference, _, fragment = address.partition("#")
    path = reference.partition("?")[0]
    if start is Start.PAGE and path.startswith("/"):
        root = _site_root_path(site_url)
        if path.startswith(root):
            start, path = Start.SITE_ROOT, path[len(root) :]
        elif path + "/" == root:
            start, path = Start.SITE_ROOT, ""
        else:
            start = Start.OUTSIDE
    return start, unquote(path), fragment


def _resolve(folder: list[str], path: str) -> tuple[str, bool] | None:
    """(site path, names a folder) of ``path`` read from ``folder``, or None above the root."""
    parts = list(folder)
    segments = path.split("/")
    for segment in segments:
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        elif segment not in ("", "."):
            parts.append(segment)
    names_folder = segments[-1] in ("", ".", "..")
    return "/".join(parts), names_folder


def _find_file(files: frozenset[str], path: str, names_folder: bool) -> str | None:
    index = f"{path}/index.html" if path else "index.html"
    if names_folder:
        return index if index in files else None
    if path in files:
        return path
    return index if index in files else None


def _has_anchor(page: ParsedPage, fragment: str) -> bool:
    decoded = unquote(fragment)
    # An empty fragment and "top" scroll to the top of any page (HTML standard, "indicated part").
    if decoded == "" or decoded.lower() == "top":
        return True
    return fragment in page.anchors or decoded in page.anchors


def _reason(site: Site, page: str, target: str, site_url: str | None) -> str | None:
    """Why ``target`` written on ``page`` is broken, or None when it works or is not internal."""
    reference = _split_reference(target, site_url)
    if reference is None:
        return None
    start, path, fragment = reference
    if start is Start.OUTSIDE:
        return OUTSIDE_THE_SITE
    if start is Start.PAGE and path == "":
        found: str | None = page
    else:
        folder = page.split("/")[:-1] if start is Start.PAGE else []
        resolved = _resolve(folder, path)
        if resolved is None:
            return OUTSIDE_THE_SITE
        found = _find_file(site.files, *resolved)
    if found is None:
        return NO_SUCH_FILE
    target_page = site.pages.get(found)
    if target_page is not None and not _has_anchor(target_page, fragment):
        return NO_SUCH_ANCHOR
    return None


def find_broken_links(site: Site, site_url: str | None = None) -> list[BrokenLink]:
    """Every internal link of ``site`` that leads to a missing file, a missing anchor or outside it."""
    broken = []
    for page, parsed in site.pages.items():
        for link in parsed.links:
            reason = _reason(site, page, link.target, site_url)
            if reason is not None:
                broken.append(BrokenLink(page, link.line, link.target, link.kind.describe(reason)))
    return sorted(broken, key=lambda b: (b.page, b.line, b.target, b.reason))


def check_site(site_dir: Path, site_url: str | None = None) -> list[BrokenLink]:
    """Broken internal links in the built site at ``site_dir``; URLs under ``site_url`` count as internal."""
    return find_broken_links(read_site(site_dir), site_url)


def format_broken(links: Iterable[BrokenLink]) -> str:
    """``PAGE:LINE: broken link → TARGET (REASON)``, one line each."""
    return "".join(
        f"{printable(b.page)}:{b.line}: broken link → {printable(b.target, keep=chr(10))} ({b.reason})\n" for b in links
    )


def format_unchecked(entries: Iterable[Unchecked]) -> str:
    """``PATH: not checked: expected a regular file or folder; found WHAT``, one line each."""
    return "".join(f"{printable(e.path)}: not checked: {_unchecked_message(e)}\n" for e in entries)


def format_unchecked_github(entries: Sequence[Unchecked], site_folder: str = "site") -> str:
    """GitHub Actions error commands for entries that were not checked."""
    return "".join(
        f"::error file={escape_github_property(f'{site_folder}/{e.path}')},title=not-a-regular-file"
        f"::{escape_github_data(_unchecked_message(e))}\n"
        for e in entries
    )


def _unchecked_message(entry: Unchecked) -> str:
    return f"expected a regular file or folder (symbolic links are never followed); found {entry.found}"


def format_broken_github(links: Sequence[BrokenLink], site_folder: str = "site") -> str:
    """GitHub Actions error commands; ``site_folder`` is the built site's path in the repository."""
    return "".join(
        f"::error file={escape_github_property(f'{site_folder}/{b.page}')},line={b.line},title=broken-link"
        f"::{escape_github_data(f'{b.target} ({b.reason})')}\n"
        for b in links
    )
