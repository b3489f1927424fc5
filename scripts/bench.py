"""Benchmark: validation and build time as the glossary grows.

For each N, a temporary copy of the site gets N synthetic concepts in both languages. Reported:
- ``load``: reading and parsing the N term files with libyaml alone (``yaml.load``, CSafeLoader);
- ``validate``: the whole ``kb validate`` pipeline (parse, schema, cross-file rules);
- ``build``: ``mkdocs build`` with the kb plugin generating the pages;
- ``plain``: ``mkdocs build`` of the same pages written as plain Markdown files, no kb plugin;
- the HTML size of one term page, which must not grow with N.

A second table measures the spelling rule under bad input: N concepts in which one word in 20
is unknown to the dictionaries (each a different made-up word), against the same concepts with
every word known. The rule must stay linear: within 2× of the all-known figure.

A third table measures the preview: a real ``mkdocs serve --dirty`` process (as ``make serve``
runs it) on the real glossary and on N synthetic concepts; a concept's definition is edited in
its YAML file, and the time is taken from the file write until both the concept's page and the
glossary index, fetched over HTTP every 50 ms, show the new text (median of five edits), beside
a full ``mkdocs build`` of the same site.

A fourth table measures validation on concepts of real length (the real glossary's definitions
and notes, cycled) against libyaml loading the same files (in this process, best of five, and
in a new process of its own, best of five): ``kb validate`` in a new process reading every
file (``--no-cache``, best of three), its first run that keeps what it found
(kb.file_results), a new process after a one-file edit (median of five), and the preview's
validation after a one-line edit (median of five).

Usage: python scripts/bench.py [N ...]   (default: 100 1000 5000)
       python scripts/bench.py --spelling [N ...]   (only the second table; default: 1000 5000)
       python scripts/bench.py --preview [N ...]    (only the third table; default: 1000 5000)
       python scripts/bench.py --validate [N ...]   (only the fourth table; default: 1000 5000)
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from functools import partial
from pathlib import Path

import yaml

from kb.render.site import render_site_pages
from kb.validation import validate_glossary

REPO = Path(__file__).resolve().parents[1]
SAMPLE_ID = "synthetic-concept-00007"


def concept_yaml(index: int, count: int) -> str:
    related = f"synthetic-concept-{(index + 1) % count:05d}"
    broader = f"synthetic-concept-{index // 10:05d}"
    broader_line = f"broader: [{broader}]\n" if index >= 10 and index // 10 != index else ""
    return (
        "# yaml-language-server: $schema=../schema/term.schema.json\n"
        f"id: synthetic-concept-{index:05d}\n"
        "category: operations\n"
        "status: reviewed\n"
        f"{broader_line}"
        f"related: [{related}]\n"
        "sources: [wikipedia-bpo-en]\n"
        "en:\n"
        f"  term: synthetic concept {index}\n"
        f"  synonyms: [sample concept {index}]\n"
        "  definition: >-\n"
        f"    A synthetic concept number {index}, used to measure how the knowledge base scales\n"
        f"    when the glossary grows, linked to [another one](term:{related}).\n"
        "  notes: Generated for the benchmark.\n"
        "uk:\n"
        f"  term: синтетичне поняття {index}\n"
        "  definition: >-\n"
        f"    Синтетичне поняття номер {index}, за допомогою якого вимірюють, як база знань\n"
        f"    масштабується зі зростанням глосарію, з посиланням на [інше](term:{related}).\n"
        "  notes: Створено для вимірювання.\n"
    )


_TERM_LINK = re.compile(r"\]\((?:term|article):[^)\s]+\)")


def real_texts() -> list[dict[str, dict[str, str]]]:
    """The real glossary's definitions and notes per language, for concepts of real length."""
    texts = []
    for path in sorted((REPO / "glossary" / "terms").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        texts.append(
            {
                language: {name: data[language][name] for name in ("definition", "notes") if data[language].get(name)}
                for language in ("en", "uk")
                if isinstance(data.get(language), dict)
            }
        )
    return [text for text in texts if all(text.get(language, {}).get("definition") for language in ("en", "uk"))]


def real_length_yaml(index: int, count: int, texts: list[dict[str, dict[str, str]]]) -> str:
    """A concept whose definitions and notes are a real concept's (links pointed at synthetic
    concepts, so that every reference resolves), with its own unique names."""
    related = f"synthetic-concept-{(index + 1) % count:05d}"
    text = texts[index % len(texts)]
    names = {
        "en": (f"synthetic concept {index}", f"sample concept {index}"),
        "uk": (f"синтетичне поняття {index}", None),
    }
    data: dict = {"id": f"synthetic-concept-{index:05d}", "category": "operations", "status": "reviewed"}
    if index >= 10:
        data["broader"] = [f"synthetic-concept-{index // 10:05d}"]
    data.update({"related": [related], "sources": ["wikipedia-bpo-en"]})
    for language, (term, synonym) in names.items():
        section: dict = {"term": term}
        if synonym:
            section["synonyms"] = [synonym]
        for name, value in text[language].items():
            section[name] = _TERM_LINK.sub(f"](term:{related})", value)
        data[language] = section
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return "# yaml-language-server: $schema=../schema/term.schema.json\n" + body


def made_up_word(index: int, cyrillic: bool) -> str:
    """A word no dictionary knows, different for every index, in the script of the text."""
    consonants, vowels = ("ґщфцжшчхйз", "аеиоу") if cyrillic else ("qwxzjkvbpy", "aeiou")
    letters = ""
    index += 1
    while index:
        index, digit = divmod(index, 26)
        letters += consonants[digit % 10] + vowels[digit % 5]
    return consonants[0] + consonants[1] + letters


def with_unknown_words(text: str, every: int, counted: int) -> tuple[str, int]:
    """The file's prose (its indented lines) with every ``every``-th word replaced by a made-up
    one; ``counted`` carries the count of words over from the files before."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("    "):
            words = line.split(" ")
            for position, word in enumerate(words):
                if word.isalpha():
                    counted += 1
                    if counted % every == 0:
                        words[position] = made_up_word(counted, cyrillic=not word.isascii())
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines), counted


def make_site(workdir: Path, count: int, unknown_every: int = 0, real_length: bool = False) -> Path:
    site = workdir / f"site-{count}{'-real-length' if real_length else ''}"
    shutil.copytree(REPO / "docs", site / "docs")
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    glossary = site / "glossary"
    shutil.copytree(REPO / "glossary" / "schema", glossary / "schema")
    shutil.copytree(REPO / "glossary" / "data", glossary / "data")
    shutil.copy(REPO / "glossary" / "sources.yaml", glossary / "sources.yaml")
    (glossary / "terms").mkdir()
    (glossary / "concepts").mkdir()
    texts = real_texts() if real_length else []
    if real_length:  # real texts use the project's own words
        for word_list in (REPO / "glossary").glob("wordlist.*.txt"):
            shutil.copy(word_list, glossary / word_list.name)
    counted = 0
    for index in range(count):
        text = real_length_yaml(index, count, texts) if real_length else concept_yaml(index, count)
        if unknown_every:
            text, counted = with_unknown_words(text, unknown_every, counted)
        (glossary / "terms" / f"synthetic-concept-{index:05d}.yaml").write_text(text, encoding="utf-8")
    return site


def make_plain_site(site: Path) -> Path:
    """The same pages as real Markdown files, and mkdocs.yml without the kb plugin."""
    plain = site.with_name(site.name + "-plain")
    shutil.copytree(site / "docs", plain / "docs")
    for src_uri, content in render_site_pages(validate_glossary(site / "glossary").glossary).items():
        target = plain / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - kb:\n      glossary_dir: glossary\n", "")
    assert "- kb:" not in config
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    return plain


def best_of(runs: int, action) -> float:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def libyaml_load(glossary: Path) -> None:
    for path in sorted((glossary / "terms").iterdir()):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def mkdocs_build(site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(site / "out")],
        check=True,
        env=env,
    )
    return time.perf_counter() - start


def main(counts: list[int]) -> None:
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print("| concepts | libyaml load | kb validate | ratio | kb build | plain build | ratio | term page |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temp:
        for count in counts:
            site = make_site(Path(temp), count)
            glossary = site / "glossary"
            load = best_of(5, partial(libyaml_load, glossary))
            result = validate_glossary(glossary)
            assert not result.errors, result.errors[:3]
            validate = best_of(5, partial(validate_glossary, glossary))
            plain_site = make_plain_site(site)
            build = min(mkdocs_build(site) for _ in range(2))
            plain = min(mkdocs_build(plain_site) for _ in range(2))
            page = (site / "out" / "glossary" / SAMPLE_ID / "index.html").stat().st_size
            print(
                f"| {count:,} | {load:.2f} s | {validate:.2f} s | {validate / load:.2f}× | {build:.1f} s "
                f"| {plain:.1f} s | {build / plain:.2f}× | {page:,} B |",
                flush=True,
            )


def spelling_under_bad_input(counts: list[int]) -> None:
    """Validation time with one word in 20 unknown, against every word known."""
    print("| concepts | all words known | 1 word in 20 unknown | misspellings reported | ratio |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temp:
        for count in counts:
            known = make_site(Path(temp) / "known", count) / "glossary"
            unknown = make_site(Path(temp) / "unknown", count, unknown_every=20) / "glossary"
            warnings = [p for p in validate_glossary(unknown).problems if p.rule == "misspelling"]
            assert warnings and not validate_glossary(unknown).errors
            clean = best_of(3, partial(validate_glossary, known))
            bad = best_of(3, partial(validate_glossary, unknown))
            print(f"| {count:,} | {clean:.2f} s | {bad:.2f} s | {len(warnings):,} | {bad / clean:.2f}× |", flush=True)


def validation(counts: list[int]) -> None:
    """``kb validate`` on concepts of real length against libyaml loading the same files: a new
    process (as CI and a contributor run it) reading every file (``--no-cache``), the first run
    that keeps its results, a run after a one-file edit that reads again only that file, and the
    preview's validation after one edit (in the serving process)."""
    print(
        "| concepts | libyaml load | libyaml, new process | kb validate, every file | ratio "
        "| first run keeping results | after one edit (new process) | ratio | ratio to a new process "
        "| after one edit (preview) | ratio |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temp:
        env = {**os.environ, "KB_CACHE_DIR": str(Path(temp) / "kept")}
        for count in counts:
            glossary = make_site(Path(temp), count, real_length=True) / "glossary"
            load = best_of(5, partial(libyaml_load, glossary))
            result = validate_glossary(glossary)
            assert not result.errors, result.errors[:3]
            command = [sys.executable, "-m", "kb.cli", "validate", str(glossary)]
            run = partial(subprocess.run, check=True, capture_output=True, env=env)
            # libyaml as kb validate meets it: in a process of its own (interpreter start included)
            loading = (  # libyaml_load's loop, with nothing else imported
                f"import pathlib, yaml\nfor path in sorted(pathlib.Path({str(glossary / 'terms')!r}).iterdir()):\n"
                "    yaml.load(path.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)"
            )
            load_process = best_of(5, partial(run, [sys.executable, "-c", loading]))
            cold = best_of(3, partial(run, [*command, "--no-cache"]))
            firsts = []
            for _ in range(3):
                shutil.rmtree(env["KB_CACHE_DIR"], ignore_errors=True)
                firsts.append(best_of(1, partial(run, command)))
            first = min(firsts)
            edited = glossary / "terms" / "synthetic-concept-00042.yaml"
            original = edited.read_text(encoding="utf-8")
            kept, timings = [], []
            for edit in range(5):
                edited.write_text(original.replace("term: synthetic", f"term: edit {edit} synthetic", 1), "utf-8")
                kept.append(best_of(1, partial(run, command)))
                edited.write_text(original.replace("term: synthetic", f"term: again {edit} synthetic", 1), "utf-8")
                start = time.perf_counter()
                validate_glossary(glossary)
                timings.append(time.perf_counter() - start)
            edited.write_text(original, "utf-8")
            warm, preview = statistics.median(kept), statistics.median(timings)
            print(
                f"| {count:,} | {load:.2f} s | {load_process:.2f} s | {cold:.2f} s | {cold / load:.2f}× "
                f"| {first:.2f} s | {warm:.2f} s | {warm / load:.2f}× | {warm / load_process:.2f}× "
                f"| {preview:.2f} s | {preview / load:.2f}× |",
                flush=True,
            )


def fetched(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def wait_until(urls: list[str], text: str, seconds: float, pause: float = 0.05) -> float:
    """Seconds until every one of ``urls`` shows ``text`` (polled every ``pause``)."""
    start = time.perf_counter()
    waiting = list(urls)
    while waiting:
        if time.perf_counter() - start > seconds:
            raise TimeoutError(f"{waiting[0]} never showed {text!r}")
        waiting = [url for url in waiting if text not in fetched(url)]
        if waiting:
            time.sleep(pause)
    return time.perf_counter() - start


def preview_latency(site: Path, concept: Path, concept_url: str, original: str, edits: int = 5) -> float:
    """Median seconds from a YAML edit to the concept page and the glossary index showing it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = f"http://127.0.0.1:{port}/"
    log = (site / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "--livereload",
            "--no-strict",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(site / "mkdocs.yml"),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    text = concept.read_text(encoding="utf-8")
    assert original in text, (concept, original)
    timings = []
    try:
        wait_until([root + concept_url], original, 1800, pause=1)
        time.sleep(2)  # the watcher settles after the first build
        for edit in range(1, edits + 1):
            marker = f"Editnumber{edit}"
            concept.write_text(text.replace(original, f"{marker} {original}", 1), encoding="utf-8")
            timings.append(wait_until([root + concept_url, root + "glossary/"], marker, 300))
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    return statistics.median(timings)


def real_site(workdir: Path) -> Path:
    site = workdir / "site-real"
    for name in ("docs", "glossary"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "mkdocs.yml", site / "mkdocs.yml")
    return site


def preview(counts: list[int]) -> None:
    print("| glossary | full build | preview: edit to page shown (median of 5) |")
    print("| --- | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temp:
        site = real_site(Path(temp))
        build = mkdocs_build(site)
        shutil.rmtree(site / "out")
        latency = preview_latency(
            site, site / "glossary" / "terms" / "outsourcing.yaml", "glossary/outsourcing/", "Paying an outside company"
        )
        concepts = len(list((site / "glossary" / "terms").glob("*.yaml")))
        print(f"| real ({concepts} concepts) | {build:.1f} s | {latency:.2f} s |", flush=True)
        for count in counts:
            site = make_site(Path(temp), count)
            build = mkdocs_build(site)
            shutil.rmtree(site / "out")
            latency = preview_latency(
                site,
                site / "glossary" / "terms" / "synthetic-concept-00042.yaml",
                "glossary/synthetic-concept-00042/",
                "synthetic concept number 42,",
            )
            print(f"| {count:,} concepts | {build:.1f} s | {latency:.2f} s |", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--preview"]:
        preview([int(arg) for arg in arguments[1:]] or [1000, 5000])
    elif arguments[:1] == ["--validate"]:
        validation([int(arg) for arg in arguments[1:]] or [1000, 5000])
    elif arguments[:1] == ["--spelling"]:
        spelling_under_bad_input([int(arg) for arg in arguments[1:]] or [1000, 5000])
    else:
        main([int(arg) for arg in arguments] or [100, 1000, 5000])
        spelling_under_bad_input([1000, 5000])
