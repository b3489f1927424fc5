"""The BPO knowledge base: YAML glossary data → validated model → bilingual MkDocs site."""

__version__ = "0.1.0"
