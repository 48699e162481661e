"""A total broken down into parts ("63 trường, trong đó: 01 trường …"): which total a
number details, so that a part does not take the total's own indicator."""

from __future__ import annotations

import re

from kg.extract.figures.dating import after_comparison
from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.reading import Reading, SentenceState, Settings

_BREAKDOWN = re.compile(r"(?<!\w)(?:trong đó|bao gồm|gồm)(?!\w)|\(")


def track_total(
    lex: Lexicon, low: str, r: Reading, unit: str, st: SentenceState, cfg: Settings
) -> str | None:
    """Follow the total being broken down; the indicator a part must not take, if any."""
    total = _breakdown_of(lex, low, r, st, cfg)
    if total != st.total:
        st.total_estimate = bool(total) and st.prev_estimate
    st.total = total
    parts = total and total[1] == unit and lex.units[unit].kind not in ("percent", "pp")
    return total[0] if total and parts else None


def _breakdown_of(
    lex: Lexicon, low: str, r: Reading, st: SentenceState, cfg: Settings
) -> tuple[str, str] | None:
    """The total a number details: "63 trường, trong đó: 01 trường …, 12 trường …" or "11
    mỏ (07 mỏ đất, 03 mỏ đá …)". The parts are not values of the total's indicator, whose
    name was written before the total; a ";" or a closing bracket ends the list."""
    if st.prev is None:
        return None
    between = low[st.prev[1] : r.p0]
    if ";" in between or ")" in between:
        return None
    if _BREAKDOWN.search(between) and not after_comparison(lex, low, r.p0, cfg):
        return st.prev[0], st.prev[2]
    return st.total
