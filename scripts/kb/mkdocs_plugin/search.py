"""After the build: one Pagefind index per language, and the files Material's search box needs.

The search box stays Material's; ``assets/kb/search-worker.js`` answers it from Pagefind (see the
worker's header). Material's own index stays empty (the plugin excludes every page from it): the
browser still fetches it, and at 5,000 concepts it would be ~20 MB that nothing uses.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError

ASSETS = Path(__file__).parent / "assets"
#: Only an article's text is indexed: not the header, navigation, permalinks or chart drawings.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDED = (".headerlink", ".md-content__button", "svg")
#: Pagefind's bundle also holds ready-made UIs the site does not use.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: Pages that are not search results: the 404 page, and the contributors' guide and the
#: translation status, which are for contributors (their text is Markdown about Markdown).
NOT_SEARCHED = ("404.html", "contributing", "status")


def bundle_dir(language: str, default: str) -> str:
    return "pagefind" if language == default else f"{language}/pagefind"


def language_glob(site_dir: Path, language: str, languages: Sequence[str], default: str) -> str:
    """The HTML files of one language: the default one has the top level, others their folder."""
    folder = site_dir if language == default else site_dir / language
    prefix = "" if language == default else f"{language}/"
    skip = {*languages, "assets", "search", "pagefind", *NOT_SEARCHED}
    entries = []
    for entry in sorted(folder.iterdir()):
        if entry.name in skip:
            continue
        if entry.is_dir():
            entries.append(f"{prefix}{entry.name}/**/*.html")
        elif entry.suffix == ".html":
            entries.append(prefix + entry.name)
    return "{" + ",".join(entries) + "}"


def run_pagefind(site_dir: Path, glob: str, language: str, output: str) -> None:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--glob",
        glob,
        "--output-subdir",
        output,
        "--force-language",
        language,
        "--root-selector",
        ROOT_SELECTOR,
        "--include-characters",
        "\u02bc",
        "--silent",
    ]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        message = done.stderr.strip() or done.stdout.strip()
        raise PluginError(f"Pagefind could not index the {language} pages: {message}")
    for name in UNUSED:
        (site_dir / output / name).unlink(missing_ok=True)


def write_search(site_dir: Path, languages: Sequence[str], default: str, vocabularies: dict[str, str]) -> None:
    """Index every language; add the worker, the vocabularies (JSON per language) and the stylesheet."""
    for language in languages:
        output = bundle_dir(language, default)
        shutil.rmtree(site_dir / output, ignore_errors=True)
        run_pagefind(site_dir, language_glob(site_dir, language, languages, default), language, output)
    assets = site_dir / "assets" / "kb"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ("search-worker.js", "kb.css", "kb.js"):
        shutil.copyfile(ASSETS / name, assets / name)
    for language, vocabulary_json in vocabularies.items():
        (assets / f"search-forms.{language}.json").write_text(vocabulary_json, encoding="utf-8")
    # Material looks for sitemap.xml beside each language's home page.
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists():
        for language in languages:
            if language != default and (site_dir / language).is_dir():
                shutil.copyfile(sitemap, site_dir / language / "sitemap.xml")
