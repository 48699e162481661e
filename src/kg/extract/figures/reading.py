"""One number read in its sentence: where its unit ends, the clause fragment before it,
the text after it up to the next number or delimiter; and the state the rules of one
sentence keep from number to number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.units import unit_after
from kg.extract.numbers import NumberToken
from kg.extract.records import Figure, ReviewItem

MEASURING = ("number", "ratio")
INDEX_UNITS = ("point", "rank")  # unit kinds of composite indices (PCI, PAPI …): annual
DELIM = re.compile(r"[,;:(){}\[\]]")


@dataclass(frozen=True)
class Settings:
    period: str  # default period of the report
    area: str  # GSO code of the report's own area


@dataclass
class SentenceState:
    """What the rules remember from one number of a sentence to the next."""

    figures: list[Figure] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    prev: tuple[str, int, str] | None = None  # indicator, end and unit of the previous figure
    prev_verb: int | None = None
    prev_kind: str | None = None
    prev_ratio: bool = False
    prev_estimate: bool = False
    prev_compared: str | None = None  # the previous figure was a value of this earlier period
    total: tuple[str, str] | None = None  # indicator and unit of a total being broken down
    total_estimate: bool = False  # the total being broken down is an estimate
    used: set[str] = field(default_factory=set)  # indicators of the sentence's actual values
    lead_estimate: bool = False  # the sentence opens with "Ước …"
    forced: str | None = None  # indicator set by the rule that read the number
    estimate_from: int | None = None  # numbers after an "(ước thực hiện):" are estimates


@dataclass(frozen=True)
class Reading:
    """One number read in its sentence (offsets relative to the sentence)."""

    tok: NumberToken
    p0: int
    p1: int
    uend: int
    before: str
    after: str
    window: str  # up to the next ";": where "… đạt x% KH" of an a/b is looked for
    tail: str  # up to the next number: where the comparison of this number is written
    frag_start: int


def read_number(
    lex: Lexicon, low: str, base: int, tok: NumberToken, rest: list[NumberToken]
) -> Reading:
    """The number `tok` of the lowered sentence `low` (which starts at offset `base`)."""
    p0, p1 = tok.start - base, tok.end - base
    uh = unit_after(lex, low, p1)
    uend = uh.end if uh else p1
    delims = [m.end() for m in DELIM.finditer(low, 0, p0)]
    frag_start = delims[-1] if delims else 0
    measuring = (t for t in rest if t.kind in MEASURING and t.start - base >= uend)
    next_tok = min((t.start - base for t in measuring), default=len(low))
    m = DELIM.search(low, uend)
    stop = min(next_tok, m.start() if m else len(low))
    semi = low.find(";", uend)
    window = low[uend : semi if semi >= 0 else len(low)]
    tail = low[uend : min(next_tok, semi if semi >= 0 else len(low))]
    return Reading(tok, p0, p1, uend, low[frag_start:p0], low[uend:stop], window, tail, frag_start)
