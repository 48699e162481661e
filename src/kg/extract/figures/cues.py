"""Measure kind of a number from the cue words around it.

`before` is the clause fragment before the number (from the previous delimiter or
number), `after` the fragment after its unit. Reports of the genre write
"đạt 98,6% KH", "bằng 100,3% so với cùng kỳ", "tăng 2,97 điểm phần trăm", "giảm 5,47%",
"chiếm 12,2%", "xếp hạng 63", "tăng 20 bậc"; these rules read exactly such cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.units import unit_after
from kg.extract.figures.words import contains_any, ends_with_any, word_pattern

UP, DOWN = 1, -1


@dataclass(frozen=True)
class Cue:
    kind: str | None  # measure kind, None when the words do not decide it
    sign: int = UP
    plan_pair: bool = False  # "a/b ha, đạt x% KH": a is actual, b the plan


def verb(lex: Lexicon, before: str) -> int | None:
    """UP/DOWN when the fragment ends with an increase/decrease verb ("tăng", "giảm")."""
    full = before.rstrip()
    tail = re.sub(r"\s*(?:khoảng|gần|hơn|trên|thêm|là|được|:)\s*$", "", full)
    for text in (full, tail):  # "ít hơn" is a cue itself, "tăng hơn" a cue and a qualifier
        if ends_with_any(text, lex.cues["decrease"]):
            return DOWN
        if ends_with_any(text, lex.cues["increase"]):
            return UP
    return None


def _starts_with_plan(lex: Lexicon, after: str) -> bool:
    lead = r"\s*(?:so\s+với\s+)?"
    return any(re.match(lead + word_pattern(w), after) for w in lex.cues["plan"])


def _plan_before(lex: Lexicon, before: str) -> bool:
    return contains_any(before, lex.cues["plan_before"])


def percent_cue(lex: Lexicon, before: str, after: str, prev_verb: int | None) -> Cue:
    if _starts_with_plan(lex, after) or _plan_before(lex, before):
        return Cue("percent-of-plan")
    v = verb(lex, before)
    if v is None and before.strip() in ("=", "(=", "") and prev_verb is not None:
        v = prev_verb if before.strip() else None
    if v is not None:
        return Cue("growth-rate", v)
    same = contains_any(before + " " + after, lex.cues["same_period"])
    if same or ends_with_any(before, lex.cues["same_ratio"]):
        return Cue("percent-of-same-period")
    if contains_any(before, lex.cues["share"]):
        return Cue("share")
    return Cue(None)


def plan_follows(lex: Lexicon, window: str) -> bool:
    """A "x% KH" comes later in the clause: the a/b before it is actual/plan."""
    plan = "|".join(word_pattern(w) for w in lex.cues["plan"])
    return re.search(r"\d\s*%\s*(?:" + plan + ")", window) is not None


def quantity_cue(lex: Lexicon, unit_kind: str, before: str, window: str, ratio: bool) -> Cue:
    """Cue of a number with a unit that is not a percentage."""
    v = verb(lex, before)
    if unit_kind == "pp":
        return Cue("percentage-point-change", v or UP)
    if v is not None:
        return Cue("change", v)
    if unit_kind == "point":
        return Cue("score")
    if unit_kind == "rank":
        return Cue("rank")
    if ratio:
        return Cue("actual", plan_pair=True) if plan_follows(lex, window) else Cue("ratio")
    plan = "|".join(word_pattern(w) for w in lex.cues["plan"])
    if re.search(
        r"(?:" + plan + r")(?:\s+năm)?(?:\s+\d{4})?(?:\s+giao)?(?:\s+là)?\s*:?\s*$", before
    ):
        return Cue("plan-target")
    if re.search(r"(?<!\w)giao(?:\s+là)?\s*:?\s*$", before):
        return Cue("plan-target")
    return Cue("actual")


def rank_before(lex: Lexicon, before: str) -> bool:
    return ends_with_any(before, lex.cues["rank"]) is not None


def contains_share(lex: Lexicon, text: str) -> bool:
    return contains_any(text, lex.cues["share"])


TARGETED = frozenset({"actual", "share", "ratio", "growth-rate", "change", None})


def target_before(lex: Lexicon, low: str, p0: int) -> bool:
    """A "phấn đấu …" (strive for) earlier in the number's ";"-clause: the value is a target."""
    clause = low[low.rfind(";", 0, p0) + 1 : p0]
    return contains_any(clause, lex.cues.get("target", ()))


def share_of_noun(lex: Lexicon, after_unit: str) -> bool:
    """ "tại 100% xã, phường", "khoảng 8% diện tích lúa": a percentage written right before
    a counted noun (or a `share_of` word) is a share of it."""
    hit = unit_after(lex, after_unit, 0)
    if hit is not None and hit.unit.kind == "count":
        return True
    lead = after_unit.lstrip()
    return any(re.match(word_pattern(w), lead) for w in lex.cues.get("share_of", ()))
