"""Links from definition and article text to the concepts it mentions, in any inflected form.

Renderers wrap the prose to link in ``<!-- kb-terms -->`` … ``<!-- /kb-terms -->``: one region per
definition, note, summary or article section. Once Markdown has become HTML, the first mention of
each concept in a region becomes a link whose ``title`` (shown by Material as a tooltip on hover and
keyboard focus) is the concept's short definition. Headings, code, charts and existing links are
left alone; a concept already linked in a region is not linked again there.

A mention matches when its words are, one by one, forms of the term's words: ``змінними
витратами`` matches ``змінні витрати`` (same Ukrainian lemmas), ``outsourced`` matches
``outsourcing`` (same English stem), ``call center`` matches ``call centre`` (American spellings
read as British), and abbreviations match letter for letter. A term is linked whole or not at all:
words split by quotes (``«зовнішнім» аутсорсингом``) still form the term, and a term whose words
stand in different elements (``<em>зовнішнім</em> аутсорсингом``) is left unlinked rather than
linking its last word to another concept. Links an author wrote (``[text](term:ID)``) get the same
look and tooltip as the automatic ones.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from kb.memo import Memo
from kb.model import Glossary, Language
from kb.morphology import WORD, lemmas
from kb.render.markdown_text import plain_text

START = "<!-- kb-terms -->"
END = "<!-- /kb-terms -->"
_REGION = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_LINK_TARGET = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_GLOSSARY_PATH = re.compile(r"glossary/([^/\"#]+)/$")


def concept_in_path(href: str) -> str | None:
    """The concept a link leads to, read from a path that names the glossary folder."""
    match = _GLOSSARY_PATH.search(href.split("#", 1)[0])
    return match.group(1) if match else None


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
#: The "concept" of a phrase listed in not_linked: matched so that no part of it is linked.
NOT_LINKED = ""


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

    def __init__(self, names: list[TermName], language: Language, variants: Mapping[str, str] | None = None) -> None:
        self.language = language
        #: American spelling → British, read before stemming (center → centre).
        self._variants = variants or {}
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
        forms = [self.forms(m.group()) for m in words]
        i = 0
        while i < len(words):
            found = self._longest(words, forms, i)
            if found is None:
                i += 1
                continue
            length, concept_id = found
            yield Mention(*_with_its_quotes(text, words[i].start(), words[i + length - 1].end()), concept_id)
            i += length

    def forms(self, word: str) -> frozenset[str]:
        """The lemmas (stems) a text word is compared by."""
        if self._variants:
            word = self._variants.get(word.lower(), word)
        return lemmas(word, self.language)

    def _longest(self, words: list[re.Match], forms: list[frozenset[str]], i: int) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        frontier = [self._trie]
        k = i
        while frontier and k < len(words):
            # The words of a term stand next to each other, with only spaces or quotes between.
            if k > i and text_between(words[k - 1], words[k]).strip(_BETWEEN_WORDS):
                break
            frontier = [node[lemma] for node in frontier for lemma in forms[k] if lemma in node]
            for node in frontier:
                if self._END in node:
                    best = (k - i + 1, node[self._END])
                    break
            k += 1
        return best


_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", "\u2018": "\u2019", '"': '"'}


def _with_its_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """A mention's span widened to the quote marks it opens or closes (“call” centre)."""
    inner = text[start:end]
    for opening, closing in _QUOTE_PAIRS.items():
        if opening == closing:
            if inner.count(opening) % 2 and start > 0 and text[start - 1] == opening:
                start -= 1
            continue
        if inner.count(closing) > inner.count(opening) and start > 0 and text[start - 1] == opening:
            start -= 1
        elif inner.count(opening) > inner.count(closing) and text[end : end + 1] == closing:
            end += 1
    return start, end


def text_between(left: re.Match, right: re.Match) -> str:
    return left.string[left.end() : right.start()]


#: What may stand between the words of one term: spaces, and quotes around some of its words.
_BETWEEN_WORDS = " \t\n\u00a0«»“”„\"'\u2018\u2019\u201a"


def term_matcher(glossary: Glossary, language: Language, variants: Mapping[str, str] | None = None) -> TermMatcher:
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
        # A phrase that means something else is matched too, as nobody's: its words link nowhere.
        for phrase in text.not_linked:
            words = tuple(lemmas(m.group(), language) for m in WORD.finditer(phrase))
            if words:
                names.append(TermName(NOT_LINKED, words))
    return TermMatcher(names, language, variants)


def tooltips(glossary: Glossary, language: Language) -> dict[str, str]:
    """Concept id → its short definition in ``language`` (the other language's when untranslated)."""
    result = {}
    figures = tuple(map(id, glossary.figures.values()))
    for concept in glossary.concepts.values():
        text = concept.text(language) or concept.text(language.other)
        if text and text.definition:
            definition = text.definition
            key = (definition, language, figures if "{{" in definition else ())
            result[concept.id] = _TOOLTIPS.get(
                key, lambda d=definition: shortened(plain_text(d, glossary, language, limit=10_000))
            )
    return result


#: Tooltips already made, by definition text: a preview makes them all again on every save.
_TOOLTIPS = Memo(100_000)


_SENTENCE_END = re.compile(r"[.!?…][»”)]?(?=\s)")


def shortened(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """``text`` if it fits, else its first sentences that fit, else its first words and "…"."""
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, limit)]
    if ends:
        return text[: ends[-1]]
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


def link_terms(
    page_html: str,
    matcher: TermMatcher,
    tooltip: dict[str, str],
    href: Callable[[str], str],
    own_id: str | None = None,
    concept_of: Callable[[str], str | None] = concept_in_path,
) -> str:
    """``page_html`` with the first mention of each concept per marked region linked.

    ``concept_of`` tells which concept an existing link leads to (the page's own resolver can
    read relative links such as ``../outsourcing/``).
    """

    def link_region(region: re.Match) -> str:
        body = region.group(1)
        already = {concept_of(target) for target in _LINK_TARGET.findall(body)}
        linked = {concept for concept in already if concept} | ({own_id} if own_id else set())
        pieces = _TAG.split(body)
        spans = _text_spans(pieces)
        flat = "".join(pieces[index] if index is not None else _BREAK for index in spans)
        starts = list(
            itertools.accumulate((len(pieces[i]) if i is not None else len(_BREAK) for i in spans), initial=0)
        )
        by_piece: dict[int, list[Mention]] = {}
        for mention in matcher.mentions(flat):
            slot = bisect.bisect_right(starts, mention.start) - 1
            index = spans[slot]
            inside = index is not None and mention.end <= starts[slot + 1]
            if mention.concept_id in linked or not inside or mention.concept_id == NOT_LINKED:
                continue  # a term split between elements is not linked in part either
            linked.add(mention.concept_id)
            offset = starts[slot]
            by_piece.setdefault(index, []).append(
                Mention(mention.start - offset, mention.end - offset, mention.concept_id)
            )
        for index, mentions in by_piece.items():
            pieces[index] = _link_text(pieces[index], mentions, tooltip, href)
        return "".join(pieces)

    return _REGION.sub(link_region, page_html)


#: Ends the run of words a term can span: a block boundary, a skipped element or a link.
_BREAK = "\n\n"
#: Elements inside a paragraph: a term may run across them (and is then left unlinked).
_INLINE = frozenset({"em", "strong", "b", "i", "span", "mark", "sub", "sup", "del", "ins", "small", "br"})


def _text_spans(pieces: list[str]) -> list[int | None]:
    """Indexes of the text pieces that may hold mentions, in order, with None where a block
    boundary or a skipped element breaks the run of words."""
    spans: list[int | None] = []
    skipped_depth = 0
    for index, piece in enumerate(pieces):
        if piece.startswith("<"):
            tag = _TAG_NAME.match(piece)
            name = tag.group(2).lower() if tag else ""
            if name in SKIPPED and not piece.endswith("/>"):
                skipped_depth += -1 if tag and tag.group(1) else 1
            if name not in _INLINE and (not spans or spans[-1] is not None):
                spans.append(None)
        elif skipped_depth > 0:
            if spans and spans[-1] is not None:
                spans.append(None)
        elif piece:
            spans.append(index)
    return spans


def _link_text(text: str, mentions: list[Mention], tooltip: dict[str, str], href: Callable[[str], str]) -> str:
    out, done = [], 0
    for mention in mentions:
        title = html.escape(tooltip.get(mention.concept_id, ""), quote=True)
        target = html.escape(href(mention.concept_id), quote=True)
        out.append(text[done : mention.start])
        out.append(f'<a class="kb-term" href="{target}" title="{title}">{text[mention.start : mention.end]}</a>')
        done = mention.end
    out.append(text[done:])
    return "".join(out)


_LINK_TAG = re.compile(r'<a\s(?P<before>[^>]*?)href="(?P<href>[^"]*)"(?P<after>[^>]*)>')


def mark_concept_links(
    page_html: str, tooltip: dict[str, str], concept_of: Callable[[str], str | None] = concept_in_path
) -> str:
    """Links to concept pages that an author wrote get the look and tooltip of automatic ones."""

    def mark(link: re.Match) -> str:
        attributes = link.group("before") + link.group("after")
        concept = concept_of(link.group("href"))
        if concept is None or concept not in tooltip or "class=" in attributes or "title=" in attributes:
            return link.group(0)
        title = html.escape(tooltip[concept], quote=True)
        return f'<a class="kb-term" href="{link.group("href")}" title="{title}"{link.group("after")}>'

    return _LINK_TAG.sub(mark, page_html)
