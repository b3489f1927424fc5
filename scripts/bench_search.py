"""Benchmark: search index size and how fast search answers in a browser.

For the real site and for N synthetic concepts (default 5,000) the site is built with the kb
plugin, then reported per language:
- the Pagefind bundle on disk (raw, and gzip -6 as a server would send it);
- what a reader downloads before the first results appear (measured in Chromium);
- when search is ready on a freshly opened page (Chromium, cold cache): the time from the start
  of navigation until the search box stops saying "Initializing search", i.e. the worker has
  loaded Pagefind, its WebAssembly and the language's index metadata (best of 3);
- the time from the first keystroke to the first results shown (best of 3), which includes a
  150 ms pause the worker waits for typing to stop and the index chunks the query needs;
- for the real site, the quality of the answers to both evaluation sets (tests/fixtures/search):
  hit@1, hit@5, mean reciprocal rank and results in the wrong language, per site.

Usage: python scripts/bench_search.py [N ...]   (needs Debian's chromium and the test extras)
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench import make_site
from conftest import chromium, served
from search_eval import QUERIES as QUERY_SET
from search_eval import load_queries, run_queries, score

REPO = Path(__file__).resolve().parents[1]
QUERIES = {"en": "outsourced", "uk": "аутсорсингом"}
SYNTHETIC_QUERIES = {"en": "synthetic concept 4321", "uk": "синтетичного поняття 4321"}


def build(config: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


def bundle_size(site: Path, language: str) -> tuple[int, int, int]:
    """Files, raw bytes and gzipped bytes of one language's Pagefind bundle."""
    folder = site / ("pagefind" if language == "en" else f"{language}/pagefind")
    files = [path for path in folder.rglob("*") if path.is_file()]
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes(), 6)) for path in files)
    return len(files), raw, packed


def ready(browser, root: str, language: str) -> float:  # type: ignore[no-untyped-def]
    """Seconds from the start of navigation until the search worker reports it is ready."""
    context = browser.new_context()
    page = context.new_page()
    url = root + ("" if language == "en" else f"{language}/")
    # What the box says until the worker is ready, as written in the page ("Initializing search").
    served_html = page.request.get(url).text()
    initial = re.search(r'class="md-search-result__meta">([^<]*)<', served_html).group(1)  # type: ignore[union-attr]
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "initial => { const meta = document.querySelector('.md-search-result__meta');"
        " return meta && meta.textContent !== initial; }",
        arg=initial,
        polling=5,
        timeout=30_000,
    )
    seconds = page.evaluate("performance.now()") / 1000
    context.close()
    return seconds


def first_results(browser, root: str, language: str, query: str) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Seconds from the first keystroke to the first results, and bytes downloaded for search."""
    context = browser.new_context()
    page = context.new_page()
    downloaded = []

    def count(response) -> None:  # type: ignore[no-untyped-def]
        if "/pagefind/" in response.url or "/assets/kb/" in response.url or "search_index" in response.url:
            downloaded.append(len(response.body()))

    page.on("response", count)
    page.goto(root + ("" if language == "en" else f"{language}/"))
    page.locator("input.md-search__input").click()
    start = time.perf_counter()
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length > 0", timeout=30_000)
    elapsed = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return elapsed, sum(downloaded)


def report(name: str, site: Path, queries: dict[str, str], build_time: float) -> None:
    with served(site) as root, chromium() as browser:
        for language, query in queries.items():
            files, raw, packed = bundle_size(site, language)
            ready_seconds = min(ready(browser, root, language) for _ in range(3))
            runs = [first_results(browser, root, language, query) for _ in range(3)]
            seconds = min(run[0] for run in runs)
            fetched = runs[0][1]
            print(
                f"| {name} | {build_time:.1f} s | {language} | {files:,} | {raw / 1e6:.2f} MB | {packed / 1e6:.2f} MB "
                f"| {fetched / 1e3:.0f} kB | {ready_seconds:.2f} s | {seconds:.2f} s |",
                flush=True,
            )


def quality(site: Path) -> None:
    print("| query set | site | queries | hit@1 | hit@5 | MRR | wrong language |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for path in (QUERY_SET, QUERY_SET.with_name("queries-review.tsv")):
        with served(site) as root, chromium() as browser:
            answers = run_queries(browser, root, load_queries(path))
        for result in score(answers):
            print(
                f"| {path.name} | {result.site} | {result.queries} | {result.hit_at_1:.1%} | {result.hit_at_5:.1%} "
                f"| {result.mrr:.3f} | {result.wrong_language} |",
                flush=True,
            )


def main(counts: list[int]) -> None:
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(
        "| site | build | language | index files | index raw | index gzip | downloaded for a query "
        "| search ready | first results |"
    )
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temp:
        real = Path(temp) / "real"
        report("real glossary", real, QUERIES, build(REPO / "mkdocs.yml", real))
        print()
        quality(real)
        print()
        for count in counts:
            site = make_site(Path(temp), count)
            out = site / "out"
            report(f"{count:,} concepts", out, SYNTHETIC_QUERIES, build(site / "mkdocs.yml", out))


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [5000])
