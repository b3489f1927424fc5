"""The "Download the glossary" page and the export files offered on it."""

from __future__ import annotations

from babel.numbers import format_decimal

from kb.export.formats import EXPORT_FILES, EXPORT_FORMATS, render_export
from kb.labels import ui
from kb.licence import CONTENT_LICENCE
from kb.model import LANGUAGES, Glossary, Language
from kb.render.pages import front_matter


def _size(text: str, language: Language) -> str:
    kilobytes = max(1, round(len(text.encode("utf-8")) / 1024))
    return f"{format_decimal(kilobytes, locale=language.value)} {ui(language, 'kilobytes')}"


def render_downloads_page(exports: dict[str, str], language: Language) -> str:
    """Markdown for ``/downloads/``: each format, what it is for, and its file."""
    title = ui(language, "downloads_title")
    parts = [front_matter(title), f"# {title}\n\n{ui(language, 'downloads_intro')}\n\n"]
    for export_format in EXPORT_FORMATS:
        name = EXPORT_FILES[export_format]
        parts.append(f"## {ui(language, 'download_' + export_format + '_title')}\n\n")
        parts.append(f"{ui(language, 'download_' + export_format)}\n\n")
        parts.append(f"[{name}]({name}) ({_size(exports[export_format], language)})\n\n")
    parts.append(ui(language, "downloads_licence", licence=CONTENT_LICENCE.name, url=CONTENT_LICENCE.url) + "\n")
    return "".join(parts).rstrip() + "\n"


def render_downloads(glossary: Glossary) -> dict[str, str]:
    """``{"en/downloads/index.md": …, "en/downloads/bpo-glossary.tbx": …, "uk/downloads/…": …}``."""
    exports = {export_format: render_export(glossary, export_format) for export_format in EXPORT_FORMATS}
    files: dict[str, str] = {}
    for language in LANGUAGES:
        folder = f"{language.value}/downloads"
        files[f"{folder}/index.md"] = render_downloads_page(exports, language)
        for export_format, text in exports.items():
            files[f"{folder}/{EXPORT_FILES[export_format]}"] = text
    return files
