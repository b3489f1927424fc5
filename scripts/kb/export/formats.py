"""One entry point for every export format."""

from __future__ import annotations

from kb.model import Glossary

EXPORT_FORMATS = ("tbx", "skos", "json", "csv")
#: File name of each format on the downloads page.
EXPORT_FILES = {
    "tbx": "bpo-glossary.tbx",
    "skos": "bpo-glossary.ttl",
    "json": "bpo-glossary.json",
    "csv": "bpo-glossary.csv",
}


def render_export(glossary: Glossary, export_format: str) -> str:
    """The glossary as TBX-Basic, SKOS Turtle, JSON or translators' CSV."""
    if export_format == "tbx":
        from kb.export.tbx import render_tbx

        return render_tbx(glossary)
    if export_format == "skos":
        from kb.export.skos import render_skos

        return render_skos(glossary)
    from kb.export.tabular import render_csv, render_json

    return render_json(glossary) if export_format == "json" else render_csv(glossary)
