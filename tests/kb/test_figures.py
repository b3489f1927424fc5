from __future__ import annotations

import pytest

from kb.model import Figure, Language, Qualifier, Unit
from kb.render.figures import format_figure


def figure(value: float, unit: Unit, qualifier: Qualifier = Qualifier.EXACT) -> Figure:
    return Figure("f", value, unit, qualifier, 2016, "s", {})


@pytest.mark.parametrize(
    ("item", "language", "expected"),
    [
        (figure(22.9, Unit.USD_BILLION), Language.EN, "US$22.9 billion"),
        (figure(22.9, Unit.USD_BILLION), Language.UK, "22,9 млрд дол. США"),
        (figure(140, Unit.USD_BILLION, Qualifier.ABOUT), Language.EN, "about US$140 billion"),
        (figure(140, Unit.USD_BILLION, Qualifier.ABOUT), Language.UK, "близько 140 млрд дол. США"),
        (figure(99, Unit.USD_BILLION, Qualifier.MORE_THAN), Language.UK, "понад 99 млрд дол. США"),
        (figure(-14, Unit.PERCENT), Language.EN, "\u221214%"),
        (figure(5.2, Unit.PERCENT), Language.EN, "5.2%"),
        (figure(5.2, Unit.PERCENT), Language.UK, "5,2%"),
        (figure(-1.5, Unit.USD_BILLION), Language.UK, "\u22121,5 млрд дол. США"),
        (figure(700, Unit.THOUSAND, Qualifier.ABOUT), Language.UK, "близько 700 тис."),
        (figure(1500, Unit.THOUSAND), Language.UK, "1\xa0500 тис."),
    ],
)
def test_figures_are_formatted_per_locale(item: Figure, language: Language, expected: str) -> None:
    assert format_figure(item, language) == expected


def test_parts() -> None:
    item = figure(22.9, Unit.USD_BILLION)
    assert format_figure(item, Language.UK, "value") == "22,9"
    assert format_figure(item, Language.UK, "year") == "2016"
