"""Every reference points at something that exists: concepts, articles, sources and figures.

Passes: ``related: [call-centre]`` when ``glossary/terms/call-centre.yaml`` exists.
Fails:  ``related: [call-center]`` (unknown-reference, with a suggestion);
        ``[see](term:nowhere)`` or ``{{fig:no-such-figure}}`` in Markdown (unknown-reference);
        ``{{figure:x}}`` (bad-placeholder); ``broader`` chains that loop (broader-cycle).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from kb.markdown_refs import LINK_TARGET, BadPlaceholder, FigureListRef, FigureRef, Placeholder, find_placeholders
from kb.model import Concept, Glossary
from kb.problems import Problem, error
from kb.rules.text_fields import DocumentFields, TextField, documents, problem_position
from kb.yamldoc import Document

if TYPE_CHECKING:
    from kb.file_results import FileResults

_KIND_NAMES = {"concept": "glossary concept", "article": "article", "source": "source", "figure": "figure"}


def check(glossary: Glossary, kept: FileResults | None = None) -> list[Problem]:
    """With ``kept``, an unchanged file's link targets are those an earlier run read."""
    problems: list[Problem] = []
    for concept in glossary.concepts.values():
        for field in ("related", "broader"):
            problems.extend(
                _list_references(concept.document, field, getattr(concept, field), "concept", glossary.concept_ids)
            )
            if concept.id in getattr(concept, field):
                line, column = concept.document.position([field, getattr(concept, field).index(concept.id)])
                problems.append(
                    error(
                        concept.document.path,
                        line,
                        column,
                        "self-reference",
                        f"{field}: expected other concepts; found the concept's own id {concept.id!r}",
                    )
                )
        problems.extend(_list_references(concept.document, "sources", concept.sources, "source", glossary.source_ids))
    for article in glossary.articles.values():
        problems.extend(_list_references(article.document, "related", article.related, "concept", glossary.concept_ids))
        problems.extend(_list_references(article.document, "sources", article.sources, "source", glossary.source_ids))
    for figure in glossary.figures.values():
        if figure.source not in glossary.source_ids:
            document = glossary.document_of_figure(figure.id)
            if document is not None:
                line, column = document.position(["figures", figure.id, "source"])
                problems.append(
                    _unknown(
                        document,
                        line,
                        column,
                        "figures." + figure.id + ".source",
                        "source",
                        figure.source,
                        glossary.source_ids,
                    )
                )
    problems.extend(_markdown_references(glossary, kept))
    problems.extend(_broader_cycles(glossary))
    return problems


def _unknown(
    document: Document, line: int, column: int, where: str, kind: str, target: str, known: Collection[str]
) -> Problem:
    hint = difflib.get_close_matches(target, sorted(known), n=1)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    return error(
        document.path,
        line,
        column,
        "unknown-reference",
        f"{where}: expected the id of an existing {_KIND_NAMES[kind]}; found {target!r}{suggestion}",
    )


def _list_references(
    document: Document, field: str, targets: Iterable[str], kind: str, known: Collection[str]
) -> list[Problem]:
    problems = []
    for index, target in enumerate(targets):
        if target not in known:
            line, column = document.position([field, index])
            problems.append(_unknown(document, line, column, f"{field}[{index}]", kind, target, known))
    return problems


def _markdown_references(glossary: Glossary, kept: FileResults | None) -> list[Problem]:
    problems: list[Problem] = []
    known = {"term": ("concept", glossary.concept_ids), "article": ("article", glossary.article_ids)}
    for document in documents(glossary):
        for index, link_kind, target in _link_targets(document, kept):
            kind, ids = known[link_kind]
            if target not in ids:
                field = document.fields[index]
                line, column = problem_position(field, f"{link_kind}:{target}")
                problems.append(_unknown(field.document, line, column, field.where, kind, target, ids))

        # Placeholders name figures, which name the kept results' folder: an unchanged file's
        # placeholder problems are those of the earlier run.
        def placeholders(d: DocumentFields = document) -> tuple[Problem, ...]:
            return tuple(
                problem
                for field in d.fields
                if field.is_markdown
                for placeholder in find_placeholders(field.text)
                for problem in _placeholder_problems(glossary, field, placeholder)
            )

        problems.extend(
            placeholders() if kept is None else kept.file_result(document.document.path, "placeholders", placeholders)
        )
    return problems


def _link_targets(document: DocumentFields, kept: FileResults | None) -> tuple[tuple[int, str, str], ...]:
    """(index among the document's fields, link kind, target id) of every term and article link
    in its Markdown fields: tens of thousands, read with find_links' own pattern."""

    def targets() -> tuple[tuple[int, str, str], ...]:
        return tuple(
            (index, link_kind, target)
            for index, field in enumerate(document.fields)
            if field.is_markdown and "](" in field.text
            for link_kind, target in LINK_TARGET.findall(field.text)
        )

    return targets() if kept is None else kept.file_result(document.document.path, "links", targets)


def _placeholder_problems(glossary: Glossary, field: TextField, placeholder: Placeholder) -> list[Problem]:
    if isinstance(placeholder, FigureRef) and placeholder.figure_id in glossary.figure_ids:
        return []  # the usual case, told without asking where the placeholder stands
    line, column = problem_position(field, placeholder.source_text)
    path = field.document.path
    if isinstance(placeholder, BadPlaceholder):
        return [
            error(
                path,
                line,
                column,
                "bad-placeholder",
                f"{field.where}: expected {{{{fig:ID}}}}, {{{{fig:ID.year}}}}, {{{{fig:ID.value}}}}, "
                f"{{{{table:ID,…}}}} or {{{{chart:ID,…}}}}; found {placeholder.source_text[:60]!r}",
            )
        ]
    ids = (placeholder.figure_id,) if isinstance(placeholder, FigureRef) else placeholder.figure_ids
    problems = [
        _unknown(field.document, line, column, field.where, "figure", figure_id, glossary.figure_ids)
        for figure_id in ids
        if figure_id not in glossary.figure_ids
    ]
    if isinstance(placeholder, FigureListRef) and placeholder.kind == "chart":
        units = sorted({glossary.figures[i].unit.value for i in ids if i in glossary.figures})
        if len(units) > 1:
            problems.append(
                error(
                    path,
                    line,
                    column,
                    "chart-units",
                    f"{field.where}: expected figures of one unit in a chart; found {', '.join(units)}",
                )
            )
    return problems


def _broader_cycles(glossary: Glossary) -> list[Problem]:
    """A concept may not be, through ``broader`` links, broader than itself (one DFS, no recursion)."""
    concepts = glossary.concepts
    problems: list[Problem] = []
    done: set[str] = set()
    for start in sorted(concepts):
        if start in done:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(concepts[start].broader))]
        on_stack = {start}
        while stack:
            concept_id, parents = stack[-1]
            parent = next(parents, None)
            if parent is None:
                stack.pop()
                on_stack.discard(concept_id)
                done.add(concept_id)
            elif parent in on_stack:
                cycle = [item for item, _ in stack]
                cycle = cycle[cycle.index(parent) :]
                problems.append(_cycle_problem(concepts[concept_id], cycle))
            elif parent in concepts and parent not in done:
                stack.append((parent, iter(concepts[parent].broader)))
                on_stack.add(parent)
    return problems


def _cycle_problem(concept: Concept, cycle: list[str]) -> Problem:
    line, column = concept.document.position(["broader"])
    return error(
        concept.document.path,
        line,
        column,
        "broader-cycle",
        "expected broader concepts to form a hierarchy; found the loop " + " → ".join([*cycle, cycle[0]]),
    )
