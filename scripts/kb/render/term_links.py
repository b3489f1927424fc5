"""Links from definition and article text to the concepts it mentions, in any inflected form.

Renderers wrap the prose to link in ``<!-- kb-terms -->`` … ``<!-- /kb-terms -->``: one region per
definition, note, summary or article section. Once Markdown has become HTML, the first mention of
each concept in a region becomes a link whose ``title`` (shown by Material as a tooltip on hover and
keyboard focus) is the concept's short definition. Headings, code, charts and existing links are
left alone; a concept already linked in a region is not linked again there.

A mention matches when its words are, one by one, forms of the term's words: ``змінними
витратами`` matches ``змінні витрати`` (same Ukrainian lemmas), ``outsourced`` matches
``outsourcing`` (same English stem), and abbreviations match letter for letter.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kb.model import Glossary, Language
from kb.morphology import WORD, lemmas
from kb.render.markdown_text import plain_text

START = "<!-- kb-terms -->"
END = "<!-- /kb-terms -->"
_REGION = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_LINKED_CONCEPT = re.compile(r"<a\s[^>]*href=\"[^\"]*glossary/([^/\"#]+)/")
#: Text inside these elements is never linked.
SKIPPED = frozenset(
    {
        "a",
        "abbr",
        "button",
        "code",
        "kbd",
        "pre",
        "samp",
        "script",
        "style",
        "svg",
        "textarea",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
    }
)
TOOLTIP_LIMIT = 200


@dataclass(frozen=True)
class TermName:
    """One name of a concept (term, synonym or abbreviation) as the lemmas of each of its words."""

    concept_id: str
    words: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    concept_id: str


class TermMatcher:
    """Finds mentions of a language's glossary terms in plain text.

    Names are stored in a trie keyed by word lemmas, so finding a mention costs the same with 60
    concepts or 5,000.
    """

    _END = ""  # key of a trie node's concept id (no lemma is empty)

    def __init__(self, names: list[TermName], language: Language) -> None:
        self.language = language
        self._trie: dict = {}
        for name in names:
            for path in itertools.islice(itertools.product(*name.words), 16):
                node = self._trie
                for lemma in path:
                    node = node.setdefault(lemma, {})
                node.setdefault(self._END, name.concept_id)

    def mentions(self, text: str) -> Iterator[Mention]:
        """Longest mentions first at each position, left to right, never overlapping."""
        words = [m for m in WORD.finditer(text) if not text[: m.start()].endswith(("&", "&#"))]
        forms = [lemmas(m.group(), self.language) for m in words]
        i = 0
        while i < len(words):
            found = self._longest(words, forms, i)
            if found is None:
                i += 1
                continue
            length, concept_id = found
            yield Mention(words[i].start(), words[i + length - 1].end(), concept_id)
            i += length

    def _longest(self, words: list[re.Match], forms: list[frozenset[str]], i: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        frontier = [self._trie]
        k = i
        while frontier and k < len(words):
            # The words of a term stand next to each other, with only spaces between.
            if k > i and text_between(words[k - 1], words[k]).strip():
                break
            frontier = [node[lemma] for node in frontier for lemma in forms[k] if lemma in node]
            for node in frontier:
                if self._END in node:
                    best = (k - i + 1, node[self._END])
                    break
            k += 1
        return best


def text_between(left: re.Match, right: re.Match) -> str:
    return left.string[left.end() : right.start()]


def term_matcher(glossary: Glossary, language: Language) -> TermMatcher:
    """Every term, synonym and abbreviation of the concepts written in ``language``."""
    names = []
    for concept in glossary.concepts.values():
        text = concept.text(language)
        if text is None:
            continue
        for name in (text.term, text.abbreviation, *text.synonyms):
            words = tuple(lemmas(m.group(), language) for m in WORD.finditer(name or ""))
            if words:
                names.append(TermName(concept.id, words))
    return TermMatcher(names, language)


def tooltips(glossary: Glossary, language: Language) -> dict[str, str]:
    """Concept id → its short definition in ``language`` (the other language's when untranslated)."""
    result = {}
    for concept in glossary.concepts.values():
        text = concept.text(language) or concept.text(language.other)
        if text and text.definition:
            result[concept.id] = plain_text(text.definition, glossary, language, limit=TOOLTIP_LIMIT)
    return result


def link_terms(
    page_html: str,
    matcher: TermMatcher,
    tooltip: dict[str, str],
    href: Callable[[str], str],
    own_id: str | None = None,
) -> str:
    """``page_html`` with the first mention of each concept per marked region linked."""

    def link_region(region: re.Match) -> str:
        body = region.group(1)
        linked = set(_LINKED_CONCEPT.findall(body)) | ({own_id} if own_id else set())
        skipped_depth = 0
        out = []
        for piece in _TAG.split(body):
            if piece.startswith("<"):
                tag = _TAG_NAME.match(piece)
                if tag and tag.group(2).lower() in SKIPPED and not piece.endswith("/>"):
                    skipped_depth += -1 if tag.group(1) else 1
                out.append(piece)
            elif skipped_depth > 0 or not piece.strip():
                out.append(piece)
            else:
                out.append(_link_text(piece, matcher, tooltip, href, linked))
        return "".join(out)

    return _REGION.sub(link_region, page_html)


def _link_text(
    text: str, matcher: TermMatcher, tooltip: dict[str, str], href: Callable[[str], str], linked: set[str]
) -> str:
    out, done = [], 0
    for mention in matcher.mentions(text):
        if mention.concept_id in linked:
            continue
        linked.add(mention.concept_id)
        title = html.escape(tooltip.get(mention.concept_id, ""), quote=True)
        target = html.escape(href(mention.concept_id), quote=True)
        out.append(text[done : mention.start])
        out.append(f'<a class="kb-term" href="{target}" title="{title}">{text[mention.start : mention.end]}</a>')
        done = mention.end
    out.append(text[done:])
    return "".join(out)
