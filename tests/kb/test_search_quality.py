"""Search answers readers' queries: both evaluation sets, asked in Chromium through the site's worker.

``queries.tsv`` was written with the search; ``queries-review.tsv`` was written blind from the
YAML by a reviewer, by class (partial names, questions, apostrophes, hyphens, American spellings,
the other language, nonsense). Each query names the page that must come first; the thresholds
are per site and per set, and no result may be a page of the other language.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import chromium, served
from search_eval import QUERIES, failures, load_queries, run_queries, score

SETS = {"queries": QUERIES, "review": QUERIES.with_name("queries-review.tsv")}
#: Share of queries whose right page is first, and within the first five, per site.
HIT_AT_1 = 0.95
HIT_AT_5 = 0.98


@pytest.mark.parametrize("name", SETS)
def test_search_finds_the_page_a_reader_means(name: str, real_site: Path) -> None:
    queries = load_queries(SETS[name])
    assert len(queries) >= 150
    with served(real_site) as url, chromium() as browser:
        answers = run_queries(browser, url, queries)
    report = "\n".join(failures(answers, within=1))
    for site_score in score(answers):
        assert site_score.wrong_language == 0, report
        assert site_score.hit_at_5 >= HIT_AT_5, f"{site_score}\n{report}"
        assert site_score.hit_at_1 >= HIT_AT_1, f"{site_score}\n{report}"


def test_a_nonsense_query_finds_nothing_and_a_known_term_is_found(real_site: Path) -> None:
    queries = [q for q in load_queries(SETS["review"]) if not q.expected][:3]
    queries += [q for q in load_queries(SETS["review"]) if q.expected][:3]
    assert any(not q.expected for q in queries) and any(q.expected for q in queries)
    with served(real_site) as url, chromium() as browser:
        answers = run_queries(browser, url, queries)
    for answer in answers:
        assert answer.rank == 1, (answer.query, answer.found[:3])
