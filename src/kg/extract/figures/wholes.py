"""The whole an "x/y" count is part of, and the counts behind a rate.

"Mầm non 65/179 trường" states two figures: 65 schools meet the standard (a ratio to
179) and the province has 179 pre-schools. "đạt 45% (3238/7195)" gives the counts behind
a rate: 3238 of 7195 children. The indicator of the whole (and of the counts of a rate)
comes from the lexicon (`whole`, `count` of the part's or rate's indicator); without one
the figure stays unclassified in its unit, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from kg.extract.figures.lexicon import Lexicon, Unit, unclassified_key
from kg.extract.figures.units import subject_unit
from kg.extract.records import Figure

PART_KINDS = ("ratio", "plan-target")


def rate_pair_unit(
    lex: Lexicon, low: str, p0: int, prev: tuple[str, int, str] | None, denominator: object
) -> Unit | None:
    """The count unit of a unitless "(x/y)" written right after a percentage, if any."""
    if denominator is None or prev is None or prev[2] != "percent":
        return None
    if low[prev[1] : p0].strip() not in ("(", ""):
        return None
    return subject_unit(lex, low, p0)


_OPENS_LIST = re.compile(r"^[^\d;)]{0,40}\(\s*$")
_NEXT_ITEM = re.compile(r"^[^\d;()]{0,30},\s*$")  # "04 kiện tướng, " before "02 cấp I"
_NOUN_AFTER = re.compile(r"\s{1,3}[^\W\d]")


def listed_part_unit(
    lex: Lexicon, low: str, p0: int, p1: int, prev: tuple[str, int, str] | None
) -> Unit | None:
    """The unit of a unitless count in a bracketed breakdown of the count before it:
    "07 vận động viên đạt đẳng cấp quốc gia (04 kiện tướng, 02 cấp I, …)" are athletes.
    Only a number followed by a word, right after the bracket or after a comma inside it,
    and only for counts."""
    if prev is None or lex.units[prev[2]].kind != "count" or not _NOUN_AFTER.match(low, p1):
        return None
    between = low[prev[1] : p0]
    listed = _NEXT_ITEM.match(between) and low.rfind("(", 0, p0) > low.rfind(")", 0, p0)
    return lex.units[prev[2]] if listed or _OPENS_LIST.match(between) else None


def rate_count(lex: Lexicon, rate: str) -> str | None:
    """The lexicon's indicator of the counts behind the rate `rate`, if it names one."""
    ind = lex.indicators.get(rate)
    return ind.count if ind else None


def whole_of(lex: Lexicon, part: Figure, denominator: Decimal, period: str) -> Figure:
    """The y of "x/y" as a figure of its own: the actual number of the whole."""
    ind = lex.indicators.get(part.indicator)
    key = ind.whole if ind and ind.whole else unclassified_key(part.unit)
    text = re.split(r"\s?/\s?", part.value_text)[-1] if part.value_text else ""
    return replace(
        part,
        indicator=key,
        value=denominator,
        measure_kind="actual",
        period=period,
        comparison_period=None,
        denominator=None,
        qualifier=None,
        value_text=text,
    )
