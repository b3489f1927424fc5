"""Block renderings of several figures: a table, and a bar chart drawn as SVG at build time.

The chart is drawn with matplotlib and inlined into the page, so it needs no extra request and
its labels, in the page's language, stay real text.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence

from babel.numbers import format_decimal

from kb.labels import UNIT_AXIS, ui
from kb.model import Figure, Glossary, Language
from kb.render.escaping import escape
from kb.render.figures import format_figure

_SIZE_ATTRIBUTES = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')
#: What matplotlib writes that a page does not need and the site's HTML allow-list refuses
#: (kb.html_safety): RDF metadata, a <style> element, namespace and version attributes.
_SVG_EXTRAS = re.compile(
    r"\s*<metadata>.*?</metadata>|\s*<style[^>]*>.*?</style>|\s(?:xmlns(?::\w+)?|version)=\"[^\"]*\"", re.DOTALL
)


def _source_title(glossary: Glossary, figure: Figure, language: Language) -> str:
    """The source consulted, and what it attributes the figure to when it names anyone."""
    source = glossary.sources.get(figure.source)
    consulted = f"{source.title} ({source.publisher})" if source else figure.source
    cites = figure.cites.get(language) or figure.cites.get(language.other)
    return ui(language, "citing", source=consulted, cites=cites) if cites else consulted


def _label(figure: Figure, language: Language) -> str:
    return figure.labels.get(language) or figure.labels.get(language.other) or figure.id


def render_figure_table(figures: Sequence[Figure], glossary: Glossary, language: Language) -> str:
    """A Markdown table: label, value with unit, year and source of each figure."""
    header = [ui(language, name) for name in ("table_figure", "table_value", "table_year", "table_source")]
    rows = [f"| {' | '.join(header)} |", "| --- | ---: | ---: | --- |"]
    for figure in figures:
        cells = [
            _label(figure, language),
            format_figure(figure, language),
            str(figure.year),
            _source_title(glossary, figure, language),
        ]
        rows.append("| " + " | ".join(escape(cell).replace("|", "\\|") for cell in cells) + " |")
    return "\n\n" + "\n".join(rows) + "\n\n"


def render_figure_chart(figures: Sequence[Figure], language: Language) -> str:
    """An inline SVG bar chart of figures that share one unit, labelled in ``language``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import FuncFormatter

    labels = [f"{_label(figure, language)}, {figure.year}" for figure in figures]
    values = [figure.value for figure in figures]
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "kb-chart", "font.size": 10, "font.family": "sans-serif"}
    ):
        chart, axes = pyplot.subplots(figsize=(7.5, 0.55 * len(figures) + 1.2))
        try:
            bars = axes.barh(range(len(figures)), values, color="#3f51b5")
            axes.set_yticks(range(len(figures)), labels)
            axes.invert_yaxis()
            axes.set_xlabel(UNIT_AXIS[language][figures[0].unit])
            axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_decimal(x, locale=language.value)))
            axes.bar_label(bars, labels=[format_figure(f, language, "value") for f in figures], padding=3)
            axes.spines[["top", "right"]].set_visible(False)
            axes.margins(x=0.12)
            chart.tight_layout()
            buffer = io.StringIO()
            chart.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            pyplot.close(chart)
    svg = buffer.getvalue()
    svg = _SVG_EXTRAS.sub("", svg[svg.index("<svg") :])
    caption = html.escape(ui(language, "chart_caption"))
    svg = _SIZE_ATTRIBUTES.sub(rf'<svg\1 role="img" aria-label="{caption}" style="max-width:100%;height:auto"', svg, 1)
    # Python-Markdown ends a raw HTML block at a blank line.
    svg = "\n".join(line for line in svg.splitlines() if line.strip())
    return f'\n\n<figure class="kb-chart">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n\n'
