"""The site's footer line in each language: the content licence, the credits, the code licence."""

from __future__ import annotations

from html import escape

from kb.labels import ui
from kb.licence import CODE_LICENCE, CONTENT_LICENCE
from kb.model import Language

THEME_URL = "https://squidfunk.github.io/mkdocs-material/"


def render_footer(language: Language, about_url: str) -> str:
    """Material's copyright block as HTML; ``about_url`` leads to the page that credits the sources."""
    content = ui(language, "footer_text_licence", licence=CONTENT_LICENCE.name)
    code = ui(language, "footer_code_licence", licence=f'<a href="{CODE_LICENCE.url}">{CODE_LICENCE.name}</a>')
    return (
        '<div class="md-copyright">'
        '<div class="md-copyright__highlight">'
        f'<a href="{CONTENT_LICENCE.url}" rel="license">{escape(content)}</a>'
        f' · <a href="{escape(about_url)}">{escape(ui(language, "footer_credits"))}</a>'
        f" · {code}"
        "</div>"
        f'{escape(ui(language, "footer_made_with"))} <a href="{THEME_URL}" target="_blank" rel="noopener">'
        "Material for MkDocs</a>"
        "</div>"
    )
