"""Where generated pages are, from the site root: the same in every renderer and in the plugin."""

from __future__ import annotations

from kb.model import DEFAULT_LANGUAGE, Language


def glossary_url(language: Language) -> str:
    """The glossary index's URL from the site root: ``glossary/`` or ``uk/glossary/``."""
    prefix = "" if language is DEFAULT_LANGUAGE else f"{language.value}/"
    return f"{prefix}glossary/"


def concept_url(concept_id: str, language: Language) -> str:
    """A concept page's URL from the site root: ``glossary/<id>/`` or ``uk/glossary/<id>/``."""
    return f"{glossary_url(language)}{concept_id}/"
