"""Which indicator a number measures: the nearest indicator name around it.

Order of preference: a name earlier in the same clause fragment, a name right after the
number ("129 vụ vi phạm …"), the indicator of the previous figure of the sentence when
no other name stands between them, any earlier name in the sentence, and the names of
the introducing sentence ("… như sau:"). A name whose default unit does not fit the
number's unit (an area name for an amount of money) is passed over.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

from kg.extract.figures.lexicon import Family, Lexicon, unclassified_key
from kg.extract.figures.units import fits
from kg.extract.figures.words import Hit, any_of, find_names, name_table

PERCENT_KINDS = frozenset(
    {"percent-of-plan", "percent-of-same-period", "growth-rate", "percentage-point-change"}
)


@dataclass(frozen=True)
class NameIndex:
    table: dict[str, str]
    pattern: object  # re.Pattern[str]

    def hits(self, low: str) -> list[Hit]:
        return find_names(low, self.table, self.pattern)  # type: ignore[arg-type]


@cache
def name_index(lex: Lexicon) -> NameIndex:
    """Indicator names, family item names ("item:crop:spring-rice") and variable names."""
    pairs: list[tuple[str, str]] = []
    for ind in lex.indicators.values():
        pairs.extend((n, ind.key) for n in ind.names)
    for fam in lex.families:
        for item in fam.items:
            pairs.extend((n, f"item:{fam.prefix}:{item.item}") for n in item.names)
        for var in fam.variables:
            pairs.extend((n, f"var:{fam.prefix}:{var.key}") for n in var.names)
    table = name_table(pairs)
    return NameIndex(table, any_of(table))


@dataclass(frozen=True)
class Want:
    """What the chosen indicator must fit."""

    unit: str
    kind: str
    p0: int  # number start (sentence-relative)
    follow: tuple[int, int] = (-1, -1)  # where a name right after the number may start


def _family(lex: Lexicon, prefix: str) -> Family:
    return next(f for f in lex.families if f.prefix == prefix)


def resolve(
    lex: Lexicon, hit: Hit, hits: list[Hit], want: Want, prev: str | None, strict: bool = False
) -> str | None:
    """The indicator key a name hit stands for, or None if it does not fit the number.

    `strict` (a name outside the number's own clause) asks for the indicator's very unit,
    not only its dimension, before a count or an amount is given to it."""
    if hit.key.startswith("var:"):
        return None
    if hit.key.startswith("item:"):
        return _family_key(lex, hit, hits, want, prev)
    ind = lex.indicators[hit.key]
    return ind.key if _fits(lex, ind.unit, want, strict) else None


def _fits(lex: Lexicon, unit: str, want: Want, strict: bool) -> bool:
    if want.kind in PERCENT_KINDS or want.kind == "share":
        return True
    if strict and lex.units[want.unit].kind in ("count", "money"):
        return unit == want.unit
    return fits(lex, unit, want.unit)  # 16 classes (lớp) are not 16 trainees (người)


def _family_key(
    lex: Lexicon, hit: Hit, hits: list[Hit], want: Want, prev: str | None
) -> str | None:
    _, prefix, item = hit.key.split(":")
    fam = _family(lex, prefix)
    var_hits = [h for h in hits if h.key.startswith(f"var:{prefix}:")]
    after = [h for h in var_hits if want.follow[0] <= h.start <= want.follow[1]]
    between = [h for h in var_hits if hit.end <= h.start < want.p0]
    if after:  # "… lớp 12: đạt 09 giải Nhất, 52 giải Nhì": the variable follows each number
        var = after[0].key.split(":")[2]
    elif between:
        var = between[-1].key.split(":")[2]
    elif want.kind in PERCENT_KINDS and prev and prev.startswith(f"{prefix}-{item}-"):
        return prev
    else:
        var = next((v.key for v in fam.variables if v.unit == want.unit), "")
    if not var:
        return None
    unit = next(v.unit for v in fam.variables if v.key == var)
    if want.kind not in PERCENT_KINDS and not fits(lex, unit, want.unit):
        return None
    return fam.key(item, var)


def _first_fit(
    lex: Lexicon, candidates: list[Hit], hits: list[Hit], want: Want, prev_key: str | None
) -> tuple[str, Hit] | None:
    for hit in candidates:
        key = resolve(lex, hit, hits, want, prev_key)
        if key:
            return key, hit
    return None


def choose(
    lex: Lexicon,
    hits: list[Hit],
    want: Want,
    frag_start: int,
    follow: tuple[int, int],
    prev: tuple[str, int, str] | None,
    context: tuple[str, ...],
    avoid: str | None = None,
    used: Collection[str] = (),
) -> tuple[str, Hit | None]:
    """The indicator of a number at `want.p0`, and the name hit it came from; a number no
    name fits gets the unclassified indicator of its unit. `avoid` is the indicator of a
    total the number is a part of: names written before the total are not the part's.
    `used` are the indicators given an actual value earlier in the sentence: a name further
    back than the number's own clause, already spent on one value, does not take another."""
    earlier = sorted((h for h in hits if h.end <= want.p0), key=lambda h: (-h.end, h.start))
    # a name begun at the previous figure's unit ("277 báo cáo viên …"), or one the unit form
    # spells in full ("78 phương án chữa cháy"), is that figure's
    prev_end = prev[1] if prev else -1
    in_fragment = [h for h in earlier if h.start >= frag_start and not h.start < prev_end <= h.end]
    following = [h for h in hits if follow[0] <= h.start <= follow[1]]
    prev_key = prev[0] if prev else None
    near = _first_fit(lex, in_fragment + following, hits, want, prev_key)
    if near:
        return near
    # the previous figure's indicator: a percentage of it, or its change in its own unit
    derived = want.kind in PERCENT_KINDS or want.kind == "share"
    own = prev is not None and (derived or (want.kind == "change" and prev[2] == want.unit))
    if prev and own and not any(prev[1] <= h.start for h in earlier):
        return prev[0], None
    if avoid:  # a part of a total: only a name of its own, next to it, says what it is
        return unclassified_key(want.unit), None
    for hit in earlier:
        key = resolve(lex, hit, hits, want, prev_key, strict=True)
        if key and not (want.kind == "actual" and key in used):
            return key, hit
    for key in context:
        ind = lex.everything.get(key)
        if ind and _fits(lex, ind.unit, want, strict=True):
            return key, None
    return unclassified_key(want.unit), None
