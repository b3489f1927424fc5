"""Property-based tests: whatever a concept file holds, the tools answer with problems, not crashes.

Hypothesis generates concept files, valid ones and mutated ones (missing fields, wrong types,
random Unicode, random YAML syntax), and runs them through the loader, the validator and the
renderers.
"""

from __future__ import annotations

import shutil
import string
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_GLOSSARY
from kb.collation import UKRAINIAN_ALPHABET
from kb.model import LANGUAGES
from kb.render.article_page import render_article_page
from kb.render.term_page import render_term_page
from kb.validation import validate_glossary
from kb.yamldoc import parse_document

CATEGORIES = [
    "fundamentals",
    "types",
    "functions",
    "operations",
    "pricing-and-contracts",
    "benefits-and-costs",
    "markets",
    "technology",
    "quality",
]
KNOWN_IDS = ["outsourcing", "call-centre", "contact-centre", "efficiency"]
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80)
WORDS = st.text(
    st.sampled_from(string.ascii_lowercase + UKRAINIAN_ALPHABET.lower() + "ʼ -"), min_size=1, max_size=40
).filter(lambda text: text.strip() != "")


def language_section(text: st.SearchStrategy[str]) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {"term": text, "definition": text},
        optional={
            "abbreviation": st.text("ABCDEFGHIJ", min_size=1, max_size=6),
            "synonyms": st.lists(text, max_size=3, unique=True),
            "notes": text,
        },
    )


VALID_CONCEPT = st.fixed_dictionaries(
    {
        "category": st.sampled_from(CATEGORIES),
        "status": st.sampled_from(["draft", "reviewed", "deprecated"]),
        "sources": st.just(["handbook"]),
        "en": language_section(WORDS),
    },
    optional={
        "related": st.lists(st.sampled_from(KNOWN_IDS), max_size=2, unique=True),
        "broader": st.lists(st.sampled_from(KNOWN_IDS), max_size=1, unique=True),
        "uk": language_section(WORDS),
    },
)
ANY_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=8,
)


@st.composite
def mutated_concept(draw: st.DrawFn) -> dict:
    """A valid concept with one field removed, retyped, or replaced by random Unicode."""
    concept = draw(VALID_CONCEPT)
    key = draw(st.sampled_from(sorted(concept)))
    action = draw(st.sampled_from(["remove", "retype", "unicode", "extra"]))
    if action == "remove":
        del concept[key]
    elif action == "retype":
        concept[key] = draw(ANY_VALUE)
    elif action == "unicode" and isinstance(concept[key], dict):
        concept[key]["definition"] = draw(TEXT)
    else:
        concept[draw(TEXT)] = draw(ANY_VALUE)
    return concept


def validate_with(concept_file: str | bytes):  # type: ignore[no-untyped-def]
    root = Path(tempfile.mkdtemp()) / "glossary"
    try:
        shutil.copytree(FIXTURE_GLOSSARY, root)
        target = root / "terms" / "generated.yaml"
        target.write_bytes(concept_file if isinstance(concept_file, bytes) else concept_file.encode("utf-8"))
        return target, validate_glossary(root, check_spelling=False)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


def dump(concept: dict) -> str:
    return yaml.safe_dump({"id": "generated", **concept}, allow_unicode=True, sort_keys=False)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(VALID_CONCEPT)
def test_every_valid_concept_renders_in_both_languages(concept: dict) -> None:
    target, result = validate_with(dump(concept))
    schema_errors = [p for p in result.errors if p.path == target and p.rule not in ("duplicate-term", "mixed-script")]
    assert schema_errors == []
    generated = result.glossary.concepts.get("generated")
    if generated is None:  # a duplicate term or look-alike text made it invalid on purpose
        return
    for language in LANGUAGES:
        page = render_term_page(generated, result.glossary, language)
        assert page.startswith("---\ntitle: ")
    for article in result.glossary.articles.values():
        render_article_page(article, result.glossary, LANGUAGES[1])


@SETTINGS
@given(mutated_concept())
def test_mutated_concepts_give_problems_with_path_and_rule(concept: dict) -> None:
    _, result = validate_with(dump(concept))
    for problem in result.problems:
        assert problem.path.name and problem.rule and problem.line >= 1 and problem.column >= 1
        assert "expected" in problem.message and "found" in problem.message


@SETTINGS
@given(st.binary(max_size=400) | TEXT.map(str.encode))
def test_random_bytes_never_crash_the_loader(raw: bytes) -> None:
    document, problems = parse_document(Path("generated.yaml"), raw)
    assert document is not None or problems
    for problem in problems:
        assert problem.rule and problem.line >= 1


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                "id: x",
                "en:",
                "  term: a",
                "- b",
                "[c",
                "{d: e}",
                "&a f",
                "*a",
                "!!str g",
                "? h",
                ": i",
                "  - j",
                "k: |",
                "    l",
                "\t",
                "'m",
                '"n\\x"',
                "---",
                "...",
            ]
        ),
        max_size=12,
    )
)
def test_random_yaml_syntax_gives_problems_not_exceptions(lines: list[str]) -> None:
    _, result = validate_with("\n".join(lines) + "\n")
    for problem in result.problems:
        assert problem.rule and problem.line >= 1
