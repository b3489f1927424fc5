"""The ``kb`` plugin: validate the glossary, then build the site from it in both languages.

Before MkDocs reads its files, the session (kb.mkdocs_plugin.session) writes the generated pages
beside the hand-written ones into the assembled docs folder (``.kb-docs/`` next to mkdocs.yml),
which becomes MkDocs' docs_dir: pages on disk, rewritten only when they change, so that
``mkdocs serve --dirty`` rebuilds only the pages an edit touches, and so that any generator can
build the same folder (``kb render``). mkdocs-static-i18n (pinned) localises them like any page.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from babel import Locale
from babel.plural import to_javascript
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.html_safety import sanitize
from kb.labels import PLURAL_UI
from kb.mkdocs_plugin import preview
from kb.mkdocs_plugin.config import KnowledgeBaseConfig
from kb.mkdocs_plugin.lists import put_lists, take_lists
from kb.mkdocs_plugin.search import write_search
from kb.mkdocs_plugin.session import Session, session_for
from kb.model import DEFAULT_LANGUAGE, LANGUAGES, Language
from kb.render.footer import render_footer
from kb.render.search_forms import render_search_vocabulary, render_spelling_variants
from kb.render.term_links import START, link_terms, mark_concept_links
from kb.render.urls import concept_url
from kb.report import format_summary, format_text
from kb.site_files import Changes, PageConflict
from kb.transaction import recover
from kb.validation import validate_glossary

log = get_plugin_logger(__name__)
#: Generated pages listed in mkdocs.yml's nav; every other generated page is reached by links.
NAV_PAGES = frozenset({"glossary/index.md", "concepts/index.md", "status.md", "downloads/index.md"})
#: The plugin's stylesheet, copied into the site after the build (see ``search.write_search``).
STYLESHEET = "assets/kb/kb.css"
#: Definitions on a tap for touch screens, added to every page like the stylesheet.
SCRIPT = "assets/kb/kb.js"
#: The preview's current validation problems (a JSON list of lines), beside the script.
PREVIEW_PROBLEMS = "assets/kb/preview-problems.json"
_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')
_CONCEPT_PAGE = re.compile(r"(?P<language>(?:[a-z]{2}/)?)glossary/(?P<id>[^/]+)/")
_GENERATED_PAGE = re.compile(r"(?P<language>[a-z]{2})/(?P<folder>glossary|concepts)/(?P<id>[^/]+)\.md")


def remove_output(site_dir: Path, src_uri: str, directory_urls: bool) -> None:
    """Delete what a page or file of the docs folder became in the site, as MkDocs names it."""
    # The default language is built at the top: "en/glossary/x.md" is "glossary/x/index.html".
    language, _, rest = src_uri.partition("/")
    built = rest if language == DEFAULT_LANGUAGE.value else src_uri
    output = site_dir / File(built, "", "", directory_urls).dest_uri
    output.unlink(missing_ok=True)
    if output.name == "index.html" and output.parent != site_dir:
        with contextlib.suppress(OSError):
            output.parent.rmdir()


def write_problems(site_dir: Path, problems: list[str]) -> None:
    """The preview's validation problems, read by kb.js on every page, which shows them over it."""
    path = site_dir / PREVIEW_PROBLEMS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(problems, ensure_ascii=False), encoding="utf-8")


def _language_prefix(language: Language) -> str:
    return "" if language is DEFAULT_LANGUAGE else f"{language.value}/"


def plural_script_data(language: Language) -> str:
    """``{rule: function (n) {…}, forms: {…}}`` for the search box's texts with a number: the
    language's CLDR plural rule (from Babel) and each text in every plural form."""
    rule = to_javascript(Locale.parse(language.value).plural_form)
    forms = {key: PLURAL_UI[language][key] for key in ("search.result", "search.result.more")}
    return "{rule: " + rule + ", forms: " + json.dumps(forms, ensure_ascii=False).replace("<", "\\u003c") + "}"


class MemoryBytecodeCache(BytecodeCache):
    """Jinja's compiled templates in memory, by template; a changed source is compiled anew
    (Jinja compares the source's checksum)."""

    def __init__(self) -> None:
        self._codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._codes[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()

#: Set when MkDocs starts ``serve``: the preview makes search and downloads once, at its start.
_PREVIEW = False
#: Set for ``--dirty`` builds, which rebuild only the pages whose source is newer than their output.
_DIRTY = False


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self._not_found: dict[str, str] = {}
        self.glossary_root = Path("glossary")
        self.source_docs = Path("docs")
        self.site_url: str | None = None
        self.session: Session | None = None
        self._nav = None
        #: Output path → the page's converted lists, from its Markdown event to its content event.
        self._lists: dict[str, dict[str, str]] = {}

    def on_startup(self, command: str, dirty: bool) -> None:
        global _PREVIEW, _DIRTY
        _PREVIEW, _DIRTY = command == "serve", dirty

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path)
        self.glossary_root = config_file.parent / self.config.glossary_dir
        self.session = session_for(config_file)
        # MkDocs builds the assembled folder; docs/ is where the hand-written pages are edited.
        if Path(config.docs_dir).resolve() != self.session.folder.target.resolve():
            self.source_docs = Path(config.docs_dir)
        else:
            self.source_docs = self.session.source_docs
        self.session.source_docs = self.source_docs
        config.docs_dir = str(self.session.folder.target)
        self.site_url = config.site_url
        config.extra["kb_preview"] = _PREVIEW
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
        # MkDocs makes a new template environment for every build (and static-i18n one per
        # language): compiled templates are kept for the process, checked against their source.
        env.bytecode_cache = TEMPLATE_CACHE
        env.globals["kb_footer"] = lambda language, about_url: Markup(render_footer(Language(language), about_url))
        env.globals["kb_plurals"] = lambda language: Markup(plural_script_data(Language(language)))
        # Where a language's pages start, relative to the site root ("" for the default language).
        env.globals["kb_language_root"] = lambda language: "" if language == DEFAULT_LANGUAGE.value else f"{language}/"
        if _PREVIEW:
            preview.record_language(config, files, self._nav, env)
        return env

    def on_serve(self, server, config: MkDocsConfig, builder):  # type: ignore[no-untyped-def]
        # MkDocs watches the docs_dir it was given last, the assembled folder the build writes:
        # watch the glossary and the hand-written pages instead.
        server.unwatch(config.docs_dir)
        server.watch(str(self.source_docs))
        server.watch(str(self.glossary_root))
        # Saves are seen as they happen, and an edit rebuilds only the pages it changes.
        preview.watch_changes(server)
        if _DIRTY:  # the session says which pages an edit touches only for dirty builds
            server.builder = preview.PageBuilder(
                Path(config.config_file_path), builder, server.observer, [self.source_docs, self.glossary_root]
            )
        return server

    @event_priority(-200)
    def on_nav(self, nav, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        self._nav = nav  # after static-i18n's (priority -100): the language's own navigation
        return nav

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Validate the glossary and write what changed into the assembled docs folder."""
        assert self.session is not None
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False) and self.session.glossary is not None:
            return  # static-i18n's build of the other language: the folder is already up to date
        if _PREVIEW:
            preview.start_build(config)
        self.refresh()

    def refresh(self) -> Changes | None:
        """Validate the glossary and bring the docs folder in step with it: what changed, or
        None while the preview keeps its last good pages because the glossary has errors."""
        assert self.session is not None
        # A kb command killed while writing leaves its change to be finished (or undone) first.
        for problem in recover(self.glossary_root, "mkdocs"):
            raise PluginError(f"{problem.path}: {problem.message}")
        result = validate_glossary(self.glossary_root)
        for problem in result.warnings:
            log.info(format_text([problem]).rstrip())
        if result.errors:
            lines = [format_text([problem]).rstrip() for problem in result.errors]
            for line in lines:
                log.error(line)
            if _PREVIEW and self.session.glossary is not None:
                # A failed build would leave the preview's pages waiting for it: keep the last
                # good pages, show the problems, and let the next good save bring the edit in.
                log.warning("kb: the preview keeps the last good pages until the glossary is valid again")
                self.session.problems = lines
                return None
            raise PluginError(f"The glossary has problems: {format_summary(result.problems).strip()}")
        self.session.problems = []
        try:
            changes = self.session.update(result.glossary, self.site_url, self.source_docs, _PREVIEW, _DIRTY)
        except PageConflict as conflict:
            raise PluginError(str(conflict)) from None
        if _PREVIEW and changes:
            log.info(
                f"kb: {len(changes.written)} page(s) written, {len(changes.touched)} to rebuild for their "
                f"term links, {len(changes.removed)} removed"
            )
        return changes

    @event_priority(-150)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Concept and article pages are reached from the index pages, never from the sidebar:
        # a page's size must not grow with the glossary. (After static-i18n re-creates the files.)
        assert self.session is not None
        for file in files:
            if file.src_uri in self.session.pages and file.src_uri.split("/", 1)[1] not in NAV_PAGES:
                file.inclusion = InclusionLevel.NOT_IN_NAV
        return files

    @event_priority(10)
    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):  # type: ignore[no-untyped-def]
        # Search is Pagefind's (see search.py): Material's plugin need not parse every page for an
        # index nothing reads. It runs after this (priority 0) and skips excluded pages.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return context

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Long generated lists are converted item by item, and remembered (kb.mkdocs_plugin.lists).
        # Generated pages only: a hand-written page may show the markers (in a code block).
        if self.session is not None and page.file.src_uri in self.session.pages:
            markdown, self._lists[page.file.abs_dest_path] = take_lists(markdown, page, config, files)
        return markdown

    @event_priority(-100)
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Glossary terms become links with tooltips; then every page passes the HTML allow-list.

        Runs after other plugins, so that what the sanitizer lets through is what the page shows.
        """
        lists = self._lists.pop(page.file.abs_dest_path, None)
        if lists:
            html = put_lists(html, lists)
        if _PREVIEW:  # for a page rebuilt for its term links only (kb.mkdocs_plugin.preview)
            preview.remember_content(config, page, html)
        return sanitize(self._link_terms(html, page))

    def _link_terms(self, html: str, page: Page) -> str:
        generated = _GENERATED_PAGE.fullmatch(page.file.src_uri)
        if generated is None or START not in html:
            return html
        language = Language(generated["language"])
        assert self.session is not None
        matcher, tooltip = self.session.term_links[language]

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
        session = self.session
        if getattr(i18n, "building", False) or session is None or session.glossary is None:
            return
        languages = [language.value for language in LANGUAGES]
        site_dir = Path(config.site_dir)
        if _PREVIEW:
            write_problems(site_dir, session.problems)
        if _DIRTY:
            # A dirty build keeps every output it does not rewrite: a removed page must go.
            for removed in session.removed:
                remove_output(site_dir, removed, config.use_directory_urls)
        session.removed = []
        if not (_PREVIEW and session.indexed):
            vocabularies = {
                "uk": render_search_vocabulary(session.glossary),
                "en": render_spelling_variants(session.variants),
            }
            write_search(site_dir, languages, DEFAULT_LANGUAGE.value, vocabularies)
            session.indexed = True
        # Written after indexing: a 404 page is never a search result.
        for language, page in self._not_found.items():
            folder = site_dir if language == DEFAULT_LANGUAGE.value else site_dir / language
            if folder.is_dir():
                (folder / "404.html").write_text(page, encoding="utf-8")
        if _PREVIEW:
            preview.finish_build(config)
