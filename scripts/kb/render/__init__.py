"""Pure renderers: model + language → Markdown pages for MkDocs."""
