"""Options of the ``kb`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class KnowledgeBaseConfig(Config):
    #: The glossary folder, relative to ``mkdocs.yml``.
    glossary_dir = c.Type(str, default="glossary")
