from __future__ import annotations

import re

from kb.model import Figure, Glossary, Language, Qualifier, Source, Unit
from kb.render.figure_blocks import render_figure_chart, render_figure_table

FIGURES = [
    Figure(
        "world",
        140,
        Unit.USD_BILLION,
        Qualifier.ABOUT,
        2016,
        "almanac",
        {Language.EN: "World BPO market", Language.UK: "Світовий ринок BPO"},
    ),
    Figure(
        "philippines",
        22.9,
        Unit.USD_BILLION,
        Qualifier.EXACT,
        2016,
        "almanac",
        {Language.EN: "Philippines: BPO revenue", Language.UK: "Філіппіни: дохід BPO"},
    ),
]
GLOSSARY = Glossary(sources={"almanac": Source("almanac", "BPO Almanac", "MarketLine", "en")})


def test_table_in_both_languages() -> None:
    assert render_figure_table(FIGURES, GLOSSARY, Language.UK).strip().splitlines() == [
        "| Показник | Значення | Рік | Джерело |",
        "| --- | ---: | ---: | --- |",
        "| Світовий ринок BPO | близько 140 млрд дол. США | 2016 | BPO Almanac \\(MarketLine\\) |",
        "| Філіппіни: дохід BPO | 22,9 млрд дол. США | 2016 | BPO Almanac \\(MarketLine\\) |",
    ]
    assert "| World BPO market | about US$140 billion | 2016 |" in render_figure_table(FIGURES, GLOSSARY, Language.EN)


def test_chart_is_inline_svg_labelled_in_the_page_language() -> None:
    chart = render_figure_chart(FIGURES, Language.UK)
    assert chart.strip().startswith('<figure class="kb-chart">')
    svg = chart[chart.index("<svg") : chart.index("</svg>")]
    assert 'role="img"' in svg and "aria-label=" in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Світовий ринок BPO, 2016" in texts and "Філіппіни: дохід BPO, 2016" in texts
    assert "22,9" in texts and "млрд дол. США" in texts
    assert not re.search(r'(?:href|src)="https?:', svg)  # nothing fetched from elsewhere
    assert "\n\n" not in chart.strip()  # one raw HTML block for Python-Markdown


def test_chart_is_reproducible() -> None:
    assert render_figure_chart(FIGURES, Language.EN) == render_figure_chart(FIGURES, Language.EN)
