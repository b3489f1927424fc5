"""Figures formatted for a locale: en ``US$22.9 billion``, uk ``22,9 млрд дол. США``."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal, format_percent

from kb.labels import QUALIFIERS, UNITS
from kb.model import Figure, Language, Unit

#: The minus sign of typeset numbers (CLDR's data for both languages has the hyphen-minus).
MINUS = "\u2212"


def format_number(figure: Figure, language: Language) -> str:
    """The value in the locale's digits and separators, every decimal kept, with a real minus."""
    if figure.unit is Unit.PERCENT:
        # The percent pattern has no decimals: 5.2 would be shown as "5%".
        number = format_percent(Decimal(str(figure.value)) / 100, locale=language.value, decimal_quantization=False)
    else:
        number = format_decimal(figure.value, locale=language.value)
    return number.replace("-", MINUS)


def format_figure(figure: Figure, language: Language, part: str | None = None) -> str:
    """The figure as prose: with its unit and qualifier, or only its ``year`` or ``value``."""
    if part == "year":
        return str(figure.year)
    number = format_number(figure, language)
    if part == "value":
        return number
    amount = UNITS[language][figure.unit].format(number=number)
    return QUALIFIERS[language][figure.qualifier].format(amount=amount)
