"""Escaping plain text for Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|>~])")
_HTML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escape(text: str) -> str:
    """Plain text made safe to drop into Markdown: shown as typed, never as markup."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text.translate(_HTML_SPECIALS))
