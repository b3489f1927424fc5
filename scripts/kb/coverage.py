"""Translation coverage per language and category, and its report formats."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kb.model import LANGUAGES, Concept, Glossary, Language
from kb.report import display_path
from kb.translation import FieldState, FieldStatus, field_statuses

ARTICLES_CATEGORY = "articles"


@dataclass
class Tally:
    total: int = 0
    translated: int = 0
    stale: int = 0

    @property
    def percent(self) -> float:
        return 100.0 if self.total == 0 else round(100.0 * self.translated / self.total, 1)

    def add(self, status: FieldStatus) -> None:
        self.total += 1
        if status.state is not FieldState.MISSING:
            self.translated += 1
        if status.state is FieldState.STALE:
            self.stale += 1


@dataclass
class LanguageCoverage:
    language: Language
    tally: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missing: list[FieldStatus] = field(default_factory=list)
    stale: list[FieldStatus] = field(default_factory=list)


@dataclass(frozen=True)
class Coverage:
    concepts: int
    articles: int
    languages: dict[Language, LanguageCoverage]


def category_of(status: FieldStatus) -> str:
    return status.entry.category.value if isinstance(status.entry, Concept) else ARTICLES_CATEGORY


def compute_coverage(glossary: Glossary, statuses: Iterable[FieldStatus] | None = None) -> Coverage:
    """Counts and lists of missing and stale fields, per target language and category."""
    languages = {language: LanguageCoverage(language) for language in LANGUAGES}
    for status in statuses if statuses is not None else field_statuses(glossary):
        coverage = languages[status.language]
        coverage.tally.add(status)
        coverage.by_category[category_of(status)].add(status)
        if status.state is FieldState.MISSING:
            coverage.missing.append(status)
        elif status.state is FieldState.STALE:
            coverage.stale.append(status)
    return Coverage(len(glossary.concepts), len(glossary.articles), languages)


def failures(coverage: Coverage, minimum: float | None, fail_on_stale: bool) -> list[str]:
    """Why the coverage fails the given thresholds, one sentence each; empty when it passes."""
    reasons = []
    for language, result in coverage.languages.items():
        if minimum is not None and result.tally.percent < minimum:
            reasons.append(f"{language.value}: {result.tally.percent}% translated, expected at least {minimum:g}%")
        if fail_on_stale and result.stale:
            reasons.append(f"{language.value}: {len(result.stale)} stale field(s), expected none")
    return reasons


def _where(status: FieldStatus, base: Path | None) -> dict[str, object]:
    missing = status.state is FieldState.MISSING
    line, column = status.entry.document.position(status.keys, key=missing)
    return {
        "path": display_path(status.entry.document.path, base),
        "line": line,
        "column": column,
        "id": status.entry.id,
        "kind": status.kind,
        "field": f"{status.language.value}.{status.field}",
    }


def to_json(coverage: Coverage, base: Path | None = None) -> str:
    """The stable JSON shape documented in the contributors' guide."""
    payload = {
        "concepts": coverage.concepts,
        "articles": coverage.articles,
        "languages": {
            language.value: {
                "percent": result.tally.percent,
                "fields": result.tally.total,
                "translated": result.tally.translated,
                "stale_count": result.tally.stale,
                "by_category": {
                    name: {
                        "percent": tally.percent,
                        "fields": tally.total,
                        "translated": tally.translated,
                        "stale": tally.stale,
                    }
                    for name, tally in sorted(result.by_category.items())
                },
                "missing": [_where(status, base) for status in result.missing],
                "stale": [_where(status, base) for status in result.stale],
            }
            for language, result in coverage.languages.items()
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _lines(coverage: Coverage, base: Path | None) -> list[tuple[str, dict[str, object]]]:
    items = []
    for result in coverage.languages.values():
        items.extend(("missing", _where(status, base)) for status in result.missing)
        items.extend(("stale", _where(status, base)) for status in result.stale)
    return items


def to_text(coverage: Coverage, base: Path | None = None) -> str:
    out = [f"{coverage.concepts} concepts, {coverage.articles} articles"]
    for language, result in coverage.languages.items():
        tally = result.tally
        out.append(
            f"{language.value}: {tally.percent}% translated ({tally.translated}/{tally.total} fields), "
            f"{tally.stale} stale, {len(result.missing)} missing"
        )
        for name, category in sorted(result.by_category.items()):
            out.append(
                f"  {name}: {category.percent}% ({category.translated}/{category.total}), {category.stale} stale"
            )
    for state, where in _lines(coverage, base):
        out.append(
            f"{where['path']}:{where['line']}:{where['column']}: {state} {where['field']} ({where['kind']} "
            f"{where['id']})"
        )
    return "\n".join(out) + "\n"


def to_markdown(coverage: Coverage, base: Path | None = None) -> str:
    out = [
        f"**{coverage.concepts} concepts, {coverage.articles} articles**",
        "",
        "| language | translated | fields | stale | missing |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for language, result in coverage.languages.items():
        tally = result.tally
        out.append(f"| {language.value} | {tally.percent}% | {tally.total} | {tally.stale} | {len(result.missing)} |")
    items = _lines(coverage, base)
    if items:
        out += ["", "| file | line | state | field |", "| --- | ---: | --- | --- |"]
        out += [f"| `{w['path']}` | {w['line']} | {state} | `{w['field']}` |" for state, w in items]
    return "\n".join(out) + "\n"


def to_github(coverage: Coverage, base: Path | None = None, failing: bool = False) -> str:
    level = "error" if failing else "warning"
    return "".join(
        f"::{level} file={w['path']},line={w['line']},col={w['column']},title=translation-{state}::"
        f"{w['field']} of {w['kind']} {w['id']} is {state}\n"
        for state, w in _lines(coverage, base)
    )
