"""The ``kb`` plugin: validate the glossary, then add its pages to the build in both languages.

mkdocs-static-i18n (pinned) re-creates every File under ``docs/`` in its ``on_files`` at priority
-100, dropping in-memory content. So pages are added before it, with a source path under
``docs/<lang>/`` for it to localise, and their content is restored right after it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from babel import Locale
from babel.plural import to_javascript
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.html_safety import sanitize
from kb.labels import PLURAL_UI
from kb.loader import glossary_files
from kb.mkdocs_plugin.config import KnowledgeBaseConfig
from kb.mkdocs_plugin.search import write_search
from kb.model import DEFAULT_LANGUAGE, LANGUAGES, Glossary, Language
from kb.render.downloads_page import render_downloads
from kb.render.footer import render_footer
from kb.render.search_forms import english_words, render_search_vocabulary, render_spelling_variants
from kb.render.site import render_site_pages
from kb.render.term_links import START, TermMatcher, link_terms, mark_concept_links, term_matcher, tooltips
from kb.render.urls import concept_url
from kb.report import format_summary, format_text
from kb.spelling_variants import american_to_british
from kb.transaction import recover
from kb.validation import validate_glossary

log = get_plugin_logger(__name__)
#: Generated pages listed in mkdocs.yml's nav; every other generated page is reached by links.
NAV_PAGES = frozenset({"glossary/index.md", "concepts/index.md", "status.md", "downloads/index.md"})
#: The plugin's stylesheet, copied into the site after the build (see ``search.write_search``).
STYLESHEET = "assets/kb/kb.css"
#: Definitions on a tap for touch screens, added to every page like the stylesheet.
SCRIPT = "assets/kb/kb.js"
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')
_CONCEPT_PAGE = re.compile(r"(?P<language>(?:[a-z]{2}/)?)glossary/(?P<id>[^/]+)/")
_GENERATED_PAGE = re.compile(r"(?P<language>[a-z]{2})/(?P<folder>glossary|concepts)/(?P<id>[^/]+)\.md")


def _language_prefix(language: Language) -> str:
    return "" if language is DEFAULT_LANGUAGE else f"{language.value}/"


def plural_script_data(language: Language) -> str:
    """``{rule: function (n) {…}, forms: {…}}`` for the search box's texts with a number: the
    language's CLDR plural rule (from Babel) and each text in every plural form."""
    rule = to_javascript(Locale.parse(language.value).plural_form)
    forms = {key: PLURAL_UI[language][key] for key in ("search.result", "search.result.more")}
    return "{rule: " + rule + ", forms: " + json.dumps(forms, ensure_ascii=False).replace("<", "\\u003c") + "}"


def fingerprint(root: Path) -> tuple:
    """Changes whenever a glossary file, a schema or a hand-written page is added, removed or
    edited. Entries are not followed: a broken link is reported by validation, not raised here."""
    files = [*glossary_files(root), *sorted((root / "schema").glob("*.json")), *sorted(root.parent.glob("docs/*/*.md"))]
    found = []
    for path in files:
        try:
            status = path.lstat()
        except OSError:
            continue
        found.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(found)


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self._fingerprint: tuple | None = None
        self._pages: dict[str, str] = {}
        self._glossary: Glossary | None = None
        self._not_found: dict[str, str] = {}
        self._term_links: dict[Language, tuple[TermMatcher, dict[str, str]]] = {}
        self._variants: dict[str, str] = {}
        self.glossary_root = Path("glossary")
        self.site_url: str | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.glossary_root = Path(config.config_file_path).parent / self.config.glossary_dir
        self.site_url = config.site_url
        # The plugin's own main.html (structured data in <head>) extends the theme's base.html.
        templates = str(Path(__file__).parent / "templates")
        if templates not in config.theme.dirs:
            config.theme.dirs.insert(0, templates)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        return config

    def on_env(self, env, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        env.globals["kb_footer"] = lambda language, about_url: Markup(render_footer(Language(language), about_url))
        env.globals["kb_plurals"] = lambda language: Markup(plural_script_data(Language(language)))
        # Where a language's pages start, relative to the site root ("" for the default language).
        env.globals["kb_language_root"] = lambda language: "" if language == DEFAULT_LANGUAGE.value else f"{language}/"
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        server.watch(str(self.glossary_root))
        return server

    def pages(self) -> dict[str, str]:
        """Generated pages, validated and rendered once per change (static-i18n builds once per language)."""
        # A kb command killed while writing leaves its change to be finished (or undone) first.
        for problem in recover(self.glossary_root, "mkdocs"):
            raise PluginError(f"{problem.path}: {problem.message}")
        current = fingerprint(self.glossary_root)
        if current != self._fingerprint:
            result = validate_glossary(self.glossary_root)
            for problem in result.warnings:
                log.info(format_text([problem]).rstrip())
            if result.errors:
                for problem in result.errors:
                    log.error(format_text([problem]).rstrip())
                raise PluginError(f"The glossary has problems: {format_summary(result.problems).strip()}")
            self._glossary = result.glossary
            self._variants = american_to_british(english_words(result.glossary))
            self._term_links = {
                language: (
                    term_matcher(result.glossary, language, self._variants if language is Language.EN else None),
                    tooltips(result.glossary, language),
                )
                for language in LANGUAGES
            }
            self._pages = {**render_site_pages(result.glossary, self.site_url), **render_downloads(result.glossary)}
            self._fingerprint = current
        return self._pages

    @event_priority(50)
    def _add_generated_pages(self, files: Files, config: MkDocsConfig) -> Files:
        pages = self.pages()
        # A hand-written page may take a generated page's place by its path (glossary/x.md) or
        # by its address (glossary/x/index.md, status/index.md): both are refused.
        taken = {file.dest_uri: file.src_uri for file in files}
        for src_uri, content in pages.items():
            dest_uri = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls).dest_uri
            if files.get_file_from_path(src_uri) is not None or dest_uri in taken:
                hand_written = taken.get(dest_uri, src_uri)
                raise PluginError(
                    f"docs/{hand_written} would take the place of docs/{src_uri}, which is generated "
                    "from the glossary; remove or rename the hand-written file"
                )
            # Concept and article pages are reached from the index pages, never from the sidebar:
            # a page's size must not grow with the glossary.
            in_nav = src_uri.split("/", 1)[1] in NAV_PAGES
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            page = File.generated(config, src_uri, content=content, inclusion=inclusion)
            # static-i18n needs a path under docs_dir to tell the page's language.
            page.abs_src_path = os.path.join(config.docs_dir, src_uri)
            files.append(page)
        return files

    @event_priority(-150)
    def _restore_generated_content(self, files: Files, config: MkDocsConfig) -> Files:
        for file in files:
            content = self._pages.get(file.src_uri)
            if content is not None:
                file.content_string = content
        return files

    on_files = CombinedEvent(_add_generated_pages, _restore_generated_content)

    @event_priority(10)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        # Search is Pagefind's (see search.py): Material's plugin need not parse every page for an
        # index nothing reads. It runs after this (priority 0) and skips excluded pages.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return context

    @event_priority(-100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Glossary terms become links with tooltips; then every page passes the HTML allow-list.

        Runs after other plugins, so that what the sanitizer lets through is what the page shows.
        """
        return sanitize(self._link_terms(html, page))

    def _link_terms(self, html: str, page: Page) -> str:
        generated = _GENERATED_PAGE.fullmatch(page.file.src_uri)
        if generated is None or START not in html:
            return html
        language = Language(generated["language"])
        matcher, tooltip = self._term_links[language]

        def href(concept_id: str) -> str:
            return get_relative_url(concept_url(concept_id, language), page.url)

        def concept_of(target: str) -> str | None:
            path = urlsplit(urljoin("/" + page.url, target)).path.lstrip("/")
            found = _CONCEPT_PAGE.fullmatch(path)
            return found["id"] if found and found["language"] == _language_prefix(language) else None

        own_id = generated["id"] if generated["folder"] == "glossary" else None
        linked = link_terms(html, matcher, tooltip, href, own_id, concept_of)
        return mark_concept_links(linked, tooltip, concept_of)

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Crawlers need absolute URLs in hreflang alternates; the theme writes relative ones."""
        if not page.canonical_url:
            return output
        return _ALTERNATE.sub(lambda m: m.group(1) + urljoin(page.canonical_url, m.group(2)) + m.group(3), output)

    def on_pre_template(self, template, template_name: str, config: MkDocsConfig):  # type: ignore[no-untyped-def]
        # A static page has no translation: its language switcher and hreflang alternates lead to
        # each language's home. static-i18n leaves the last page's alternates in the config (the
        # Ukrainian 404 page pointed to /downloads/, even in static-i18n's own saved copy).
        i18n = config.plugins.get("i18n")
        if template_name == "404.html" and i18n is not None:
            base = urlsplit(config.site_url or "").path.rstrip("/")
            homes = [
                {
                    "name": language.name,
                    "link": language.fixed_link or f"{base}{language.link}",
                    "lang": language.locale,
                }
                for language in i18n.config.languages
                if language.build
            ]
            # static-i18n sets the attribute, which templates read before the item.
            config.extra["alternate"] = homes
            config.extra.alternate = homes
        return template

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # Every language build writes the site's root 404.html; each version is kept for its own place.
        if template_name == "404.html":
            if config.site_url:  # hreflang alternates are absolute, as on every other page
                output_content = _ALTERNATE.sub(
                    lambda m: m.group(1) + urljoin(config.site_url, m.group(2)) + m.group(3), output_content
                )
            self._not_found[config.theme["language"]] = output_content
        return output_content

    @event_priority(-200)
    def on_post_build(self, config: MkDocsConfig) -> None:
        # static-i18n builds the other languages inside its own on_post_build (priority -100);
        # the search indexes are made once, after the last language is written.
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False) or self._glossary is None:
            return
        languages = [language.value for language in LANGUAGES]
        site_dir = Path(config.site_dir)
        vocabularies = {
            "uk": render_search_vocabulary(self._glossary),
            "en": render_spelling_variants(self._variants),
        }
        write_search(site_dir, languages, DEFAULT_LANGUAGE.value, vocabularies)
        # Written after indexing: a 404 page is never a search result.
        for language, page in self._not_found.items():
            folder = site_dir if language == DEFAULT_LANGUAGE.value else site_dir / language
            if folder.is_dir():
                (folder / "404.html").write_text(page, encoding="utf-8")
