"""Markdown to HTML as the site's build does it, for the checks of ``kb validate``.

The build is MkDocs with the extensions listed in ``mkdocs.yml``; ``SITE_EXTENSIONS`` names the
same ones (MkDocs adds ``toc``, ``tables`` and ``fenced_code`` to every build), and a test keeps
the two lists equal. Rendering a field here shows what the page would hold, so the HTML
allow-list (``kb.html_safety``) can say what it would remove before the build removes it.
"""

from __future__ import annotations

from functools import cache

import markdown
from pymdownx.slugs import slugify

SITE_EXTENSIONS = (
    "toc",
    "tables",
    "fenced_code",
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.superfences",
    "pymdownx.details",
)
_CONFIGS = {"toc": {"permalink": True, "slugify": slugify(case="lower")}}


@cache
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(SITE_EXTENSIONS), extension_configs=_CONFIGS)


def render_html(text: str) -> tuple[str, dict[str, str]]:
    """The HTML of ``text``, and the address of every reference definition in it (``[id]: url``)."""
    renderer = _renderer()
    renderer.reset()
    html = renderer.convert(text)
    return html, {name: url for name, (url, _title) in renderer.references.items()}
