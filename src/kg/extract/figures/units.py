"""The unit written after a number ("ha", "tỷ đồng", "triệu USD", "%", "điểm phần trăm")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract.figures.lexicon import Lexicon, Unit
from kg.extract.figures.words import word_pattern

# units whose numbers are compared only with numbers of the same dimension; a count unit
# is a dimension of its own (households are not people), shared only with the units that
# name it as their `dimension` in units.yaml (thousand head -> head)
DIMENSIONS = {
    "money": "money",
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
    """Dimension used to check that an indicator fits a figure's unit: money, percent and
    index units each form one; a count or physical unit is its own, or its `dimension`."""
    unit = lex.units[unit_key]
    if unit.kind in DIMENSIONS:
        return DIMENSIONS[unit.kind]
    return unit.dimension or unit_key


def fits(lex: Lexicon, indicator_unit: str, figure_unit: str) -> bool:
    if not indicator_unit:
        return True
    return dimension(lex, indicator_unit) == dimension(lex, figure_unit)


def _form(low: str, pos: int, hit: UnitHit) -> str:
    return " ".join(low[pos : hit.end].split())


def in_context(lex: Lexicon, low: str, pos: int, hit: UnitHit, before: str) -> UnitHit:
    """A form whose unit the words before the number decide ("đạt 08 giải" are prizes won,
    "tham dự 06 giải" tournaments); `units.yaml` lists them under `contextual`."""
    form = _form(low, pos, hit)
    tail = before.rstrip(" \n\t:")
    for c in lex.contextual_units:
        if form == c.form and any(re.search(word_pattern(w) + r"$", tail) for w in c.before):
            return UnitHit(lex.units[c.unit], hit.end)
    return hit


def specific(lex: Lexicon, low: str, pos: int, p0: int, hit: UnitHit) -> UnitHit:
    """A classifier word ("1/10 đơn vị") stands for the longer form the sentence named
    before the number ("số đơn vị cấp huyện … là 1/10 đơn vị"): that form's unit."""
    form = _form(low, pos, hit)
    if form not in lex.classifiers:
        return hit
    best: tuple[int, Unit] | None = None
    for unit in lex.units.values():
        for longer in unit.forms:
            if longer.startswith(form + " ") and unit.key != hit.unit.key:
                for m in re.finditer(word_pattern(longer), low[:p0]):
                    if best is None or m.start() > best[0]:
                        best = (m.start(), unit)
    return UnitHit(best[1], hit.end) if best else hit


def subject_unit(lex: Lexicon, low: str, p0: int) -> Unit | None:
    """The count unit a rate is of: "Tỷ lệ trẻ dưới 1 tuổi … đạt 45% (3238/7195)" counts
    children (the first unit form within a few words after the last "tỷ lệ")."""
    starts = [m.end() for m in re.finditer(r"(?<!\w)tỷ\s+lệ(?!\w)", low[:p0])]
    if not starts:
        return None
    words = list(re.finditer(r"\S+", low[starts[-1] : p0]))[:4]
    for w in words:
        hit = unit_after(lex, low, starts[-1] + w.start())
        if hit and hit.unit.kind == "count":
            return hit.unit
    return None
