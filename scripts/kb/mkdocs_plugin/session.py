"""What a build keeps from one run to the next: the glossary, its pages, the docs folder.

MkDocs makes a new plugin object for every rebuild of ``mkdocs serve``, so the state lives here,
one session per ``mkdocs.yml``. On each build the session validates the glossary (only changed
files are read again, kb.loader), renders the pages (only those whose inputs changed,
kb.render.site), and brings the assembled docs folder up to date (kb.site_files): changed
pages are written, and the pages whose term links show an edited concept (its name or its
definition as a tooltip) are touched, so that a dirty build rebuilds exactly those.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.memo import IdentityMemo
from kb.model import LANGUAGES, Concept, Glossary, Language
from kb.morphology import WORD
from kb.render.downloads_page import render_downloads
from kb.render.search_forms import english_words
from kb.render.site import render_site_pages
from kb.render.term_links import END, START, TermMatcher, term_matcher, tooltips
from kb.site_files import Changes, SiteFolder
from kb.spelling_variants import american_to_british

#: The folder, beside mkdocs.yml, that MkDocs builds from: docs/ and the generated pages.
ASSEMBLED_DOCS = ".kb-docs"
_REGION = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_CONCEPT_LINK = re.compile(r"\]\((?:\.\./glossary/)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md")


def names_of(concept: Concept, language: Language) -> list[str]:
    """The names (and not-linked phrases) term links look for in ``language``."""
    text = concept.text(language)
    return [*(name.text for name in text.designations), *text.not_linked] if text else []


def _record(concept: Concept, tooltips: tuple[str, ...]) -> dict:
    return {
        "names": {language.value: names_of(concept, language) for language in LANGUAGES},
        "tooltips": {language.value: tip for language, tip in zip(LANGUAGES, tooltips, strict=True)},
    }


#: What term links show of a concept, by its identity and its tooltips.
_SHOWN = IdentityMemo(100_000)


@dataclass
class Session:
    folder: SiteFolder
    glossary: Glossary | None = None
    pages: dict[str, str] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)
    term_links: dict[Language, tuple[TermMatcher, dict[str, str]]] = field(default_factory=dict)
    variants: dict[str, str] = field(default_factory=dict)
    indexed: bool = False
    #: Files updates removed from the docs folder since the last build: their output goes too.
    removed: list[str] = field(default_factory=list)
    #: The preview's validation errors while the glossary is invalid (the last good pages stay).
    problems: list[str] = field(default_factory=list)
    #: Where the hand-written pages are (MkDocs' docs_dir before the plugin sets its own).
    source_docs: Path = Path("docs")
    _english: frozenset[str] = frozenset()
    _names: tuple = ()
    #: Word form (or ``link:ID``) → the generated pages holding it, per language.
    _pages_by_key: dict[tuple[Language, str], set[str]] = field(default_factory=dict)
    _keys_of_page: dict[str, set[tuple[Language, str]]] = field(default_factory=dict)
    _indexed: dict[str, str] = field(default_factory=dict)
    _shown_before: dict[str, dict] | None = None

    def update(
        self, glossary: Glossary, site_url: str | None, docs_dir: Path, preview: bool, dirty: bool = False
    ) -> Changes:
        """Bring pages, term-link data and the docs folder in step with ``glossary``.

        For a dirty build (the preview) the pages whose term links show a changed concept are
        touched; a full build rebuilds every page, so it neither indexes pages nor touches them.
        """
        self.glossary = glossary
        english = frozenset(english_words(glossary))
        if english != self._english:
            self.variants = american_to_british(english)
            self._english = english
        names = tuple(
            (concept.id, language, tuple(n.text for n in text.designations), text.not_linked)
            for concept in glossary.concepts.values()
            for language, text in concept.texts.items()
        )
        if names != self._names or not self.term_links:
            self.term_links = {
                language: (term_matcher(glossary, language, self.variants if language is Language.EN else None), {})
                for language in LANGUAGES
            }
            self._names = names
        for language in LANGUAGES:
            self.term_links[language] = (self.term_links[language][0], tooltips(glossary, language))
        self.pages = render_site_pages(glossary, site_url)
        # The downloads hold the whole glossary: a preview makes them once, a build every time.
        if not preview or not self.downloads:
            self.downloads = render_downloads(glossary)
        shown = self._shown(glossary)
        touch: set[str] = set()
        if dirty:
            for path, markdown in self.pages.items():
                if self._indexed.get(path) is not markdown:  # rendered anew: unchanged pages keep their text
                    self._index_page(path, markdown)
                    self._indexed[path] = markdown
            touch = self._dependents(self._previously_shown(), shown)
        changes = self.folder.assemble(docs_dir, {**self.pages, **self.downloads}, touch)
        self._shown_before = shown
        self.removed.extend(changes.removed)  # until a build has removed their output
        self._state_file().write_text(json.dumps(shown, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        return changes

    def _state_file(self) -> Path:
        return self.folder.target / STATE_FILE

    def _shown(self, glossary: Glossary) -> dict[str, dict]:
        """What term links show of each concept: its names per language and its tooltips."""
        shown = {}
        for concept in glossary.concepts.values():
            tips = tuple(self.term_links[language][1].get(concept.id, "") for language in LANGUAGES)
            shown[concept.id] = _SHOWN.get((concept,), tips, lambda c=concept, t=tips: _record(c, t))
        return shown

    def _previously_shown(self) -> dict[str, dict] | None:
        """The last build's record: this process's, or the one written beside the docs folder."""
        if self._shown_before is not None:
            return self._shown_before
        try:
            return json.loads(self._state_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # no record: a first build, which builds every page anyway

    def _forms(self, word: str, language: Language) -> frozenset[str]:
        return self.term_links[language][0].forms(word)

    def _index_page(self, path: str, markdown: str) -> None:
        language = Language(path.split("/", 1)[0])
        # Term links are made in the marked regions only (definitions, notes, article sections),
        # and links to concepts get their tooltips on the pages that have such regions.
        prose = " ".join(_REGION.findall(markdown))
        keys = {(language, form) for word in set(WORD.findall(prose)) for form in self._forms(word, language)}
        if prose:
            keys |= {(language, f"link:{target}") for target in _CONCEPT_LINK.findall(markdown)}
        for key in self._keys_of_page.get(path, set()) - keys:
            self._pages_by_key.get(key, set()).discard(path)
        for key in keys:
            self._pages_by_key.setdefault(key, set()).add(path)
        self._keys_of_page[path] = keys

    def _pages_naming(self, name: str, language: Language) -> set[str]:
        """Pages holding a form of every word of ``name``: those that may mention it."""
        pages: set[str] | None = None
        for word in WORD.findall(name):
            holding: set[str] = set()
            for form in self._forms(word, language):
                holding |= self._pages_by_key.get((language, form), set())
            pages = holding if pages is None else pages & holding
            if not pages:
                return set()
        return pages or set()

    def _dependents(self, before: dict[str, dict] | None, now: dict[str, dict]) -> set[str]:
        """Pages whose term links may show a concept whose names or tooltip changed, in the
        language that changed."""
        if before is None:
            return set()
        pages: set[str] = set()
        for concept_id in before.keys() | now.keys():
            old, new = before.get(concept_id) or {}, now.get(concept_id) or {}
            for language in LANGUAGES:
                said = [record.get("names", {}).get(language.value, []) for record in (old, new)]
                tips = [
                    tooltip.get(language.value) if isinstance(tooltip := record.get("tooltips"), dict) else None
                    for record in (old, new)
                ]
                if said[0] == said[1] and tips[0] == tips[1]:
                    continue
                pages |= self._pages_by_key.get((language, f"link:{concept_id}"), set())
                for name in {*said[0], *said[1]}:
                    pages |= self._pages_naming(name, language)
        return pages


#: The record of what term links showed at the last build, kept in the docs folder (hidden, so
#: no generator reads it) for the next build, in this process or another.
STATE_FILE = ".kb-term-links.json"


_SESSIONS: dict[Path, Session] = {}


def session_for(config_file: Path) -> Session:
    """The session of one site (its mkdocs.yml), made on first use."""
    key = config_file.resolve()
    if key not in _SESSIONS:
        _SESSIONS[key] = Session(SiteFolder(key.parent / ASSEMBLED_DOCS))
    return _SESSIONS[key]
