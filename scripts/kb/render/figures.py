"""Figures formatted for a locale: en ``US$22.9 billion``, uk ``22,9 млрд дол. США``."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from kb.labels import QUALIFIERS, UNITS
from kb.model import Figure, Language, Unit


def format_number(figure: Figure, language: Language) -> str:
    if figure.unit is Unit.PERCENT:
        return format_percent(figure.value / 100, locale=language.value)
    return format_decimal(figure.value, locale=language.value)


def format_figure(figure: Figure, language: Language, part: str | None = None) -> str:
    """The figure as prose: with its unit and qualifier, or only its ``year`` or ``value``."""
    if part == "year":
        return str(figure.year)
    number = format_number(figure, language)
    if part == "value":
        return number
    amount = UNITS[language][figure.unit].format(number=number)
    return QUALIFIERS[language][figure.qualifier].format(amount=amount)
