"""The search evaluation set (tests/fixtures/search/queries.tsv), run against a built site in
Chromium through the site's own search worker, and scored: hit@1, hit@5 and MRR per site.

Shared by the browser tests and ``scripts/bench_search.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search" / "queries.tsv"
SITES = {"en": "", "uk": "uk/"}

#: Runs in a page of the site: starts the search worker Material would start, and asks it each
#: query in turn, as Material does (SETUP → READY, QUERY → RESULT).
_ASK_WORKER = """
async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(new URL(config.search, location.href));
  const next = () => new Promise(resolve => worker.addEventListener("message", e => resolve(e.data), {once: true}));
  // Whole queries, not keystrokes: no pause for typing to stop.
  worker.postMessage({type: 0, data: {kbTypingPause: 0}});
  await next();
  const answers = [];
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const message = await next();
    answers.push(message.data.items.map(item => new URL(item[0].location, location.href).pathname));
  }
  worker.terminate();
  return answers;
}
"""


@dataclass(frozen=True)
class Query:
    site: str
    text: str
    expected: tuple[str, ...]  # empty: no result at all
    kind: str


@dataclass(frozen=True)
class Answer:
    query: Query
    found: tuple[str, ...]  # result paths, best first, without the leading "/"

    @property
    def rank(self) -> int | None:
        """1-based rank of the first right answer; for a no-result query, 1 when nothing is found."""
        if not self.query.expected:
            return 1 if not self.found else None
        for rank, path in enumerate(self.found, start=1):
            if path in self.query.expected:
                return rank
        return None

    @property
    def wrong_language(self) -> bool:
        own = SITES[self.query.site]
        return any(not path.startswith(own) or (not own and path.startswith("uk/")) for path in self.found)


def load_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        site, text, expected, kind = line.split("\t")
        queries.append(Query(site, text, () if expected == "-" else tuple(expected.split("|")), kind))
    return queries


def run_queries(browser: Browser, site_url: str, queries: list[Query]) -> list[Answer]:
    """Every query asked on its own site's home page, answers in the same order."""
    answers: dict[int, Answer] = {}
    page = browser.new_page()
    try:
        for site, prefix in SITES.items():
            chosen = [(index, query) for index, query in enumerate(queries) if query.site == site]
            if not chosen:
                continue
            page.goto(site_url + prefix)
            found = page.evaluate(_ASK_WORKER, [query.text for _, query in chosen])
            for (index, query), paths in zip(chosen, found, strict=True):
                answers[index] = Answer(query, tuple(path.lstrip("/") for path in paths))
    finally:
        page.close()
    return [answers[index] for index in range(len(queries))]


@dataclass(frozen=True)
class Score:
    site: str
    queries: int
    hit_at_1: float
    hit_at_5: float
    mrr: float
    wrong_language: int


def score(answers: list[Answer]) -> list[Score]:
    scores = []
    for site in SITES:
        mine = [answer for answer in answers if answer.query.site == site]
        if not mine:
            continue
        ranks = [answer.rank for answer in mine]
        scores.append(
            Score(
                site,
                len(mine),
                sum(1 for rank in ranks if rank == 1) / len(mine),
                sum(1 for rank in ranks if rank is not None and rank <= 5) / len(mine),
                sum(1 / rank for rank in ranks if rank is not None) / len(mine),
                sum(1 for answer in mine if answer.wrong_language),
            )
        )
    return scores


def failures(answers: list[Answer], within: int = 1) -> list[str]:
    """One line per query whose right answer is not within the first ``within`` results."""
    lines = []
    for answer in answers:
        rank = answer.rank
        if rank is None or rank > within:
            shown = json.dumps(list(answer.found[:3]), ensure_ascii=False)
            lines.append(f"{answer.query.site} {answer.query.kind:14} {answer.query.text!r}: rank {rank}, top {shown}")
    return lines
