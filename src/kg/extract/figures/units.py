"""The unit written after a number ("ha", "tỷ đồng", "triệu USD", "%", "điểm phần trăm")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.figures.lexicon import Lexicon, Unit
from kg.extract.figures.words import word_pattern

# units whose numbers are compared only with numbers of the same dimension
DIMENSIONS = {
    "money": "money",
    "count": "count",
    "percent": "percent",
    "pp": "percent",
    "point": "index",  # scores, their changes and ranks all belong to composite indices
    "rank": "index",
}


@dataclass(frozen=True)
class UnitHit:
    unit: Unit
    end: int  # offset just after the unit form


@cache
def _forms(lex: Lexicon) -> tuple[tuple[re.Pattern[str], Unit], ...]:
    pairs = [(form, unit) for unit in lex.units.values() for form in unit.forms]
    pairs.sort(key=lambda p: -len(p[0]))
    return tuple(
        (re.compile(r"\s{0,3}" + word_pattern(f).removeprefix(r"(?<!\w)")), u) for f, u in pairs
    )


def unit_after(lex: Lexicon, low: str, pos: int) -> UnitHit | None:
    """The longest unit form starting at `pos` (after at most two spaces)."""
    for pattern, unit in _forms(lex):
        m = pattern.match(low, pos)
        if m:
            return UnitHit(unit, m.end())
    return None


def dimension(lex: Lexicon, unit_key: str) -> str:
    """Coarse dimension used to check that an indicator fits a figure's unit."""
    unit = lex.units[unit_key]
    if unit.kind in DIMENSIONS:
        return DIMENSIONS[unit.kind]
    return unit_key


def fits(lex: Lexicon, indicator_unit: str, figure_unit: str) -> bool:
    if not indicator_unit:
        return True
    return dimension(lex, indicator_unit) == dimension(lex, figure_unit)
