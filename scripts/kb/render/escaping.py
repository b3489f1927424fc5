"""Escaping plain text for Markdown."""

from __future__ import annotations

import functools
import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!|>~])")
_HTML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@functools.lru_cache(maxsize=100_000)
def escape(text: str) -> str:
    """Plain text made safe to drop into Markdown: shown as typed, never as markup."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text.translate(_HTML_SPECIALS))


_URL_UNSAFE = re.compile(r"[\s()<>\[\]\"'`\\\x00-\x1f\x7f]")


def escape_url(url: str) -> str:
    """A link target that cannot end its Markdown link early: the characters that could are
    percent-encoded (validation already refuses them; this holds even when it was skipped)."""
    return _URL_UNSAFE.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8")), url)
