"""Checks of a built site folder (the output of ``mkdocs build``), independent of MkDocs."""
