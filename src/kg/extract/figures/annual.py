"""Composite indices (PCI, PAPI …) are annual: a sentence that dates an index's score
("tổng điểm PCI [năm 2022] tăng 3,29 điểm") dates the component ranks and scores it goes
on to give ("… “Tính năng động” tăng 20 bậc"), which name no year of their own.

`extract.py` already carries an index's year from one sentence to the next; this carries
it within the sentence, from the first dated figure of an index to the later figures of
the same index family (indicator keys sharing their first word, "pci", "pci-…").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.extract.figures.lexicon import UNCLASSIFIED, Lexicon
from kg.extract.figures.periods import same_period_before
from kg.extract.figures.reading import INDEX_UNITS
from kg.extract.records import Figure

_YEAR = re.compile(r"\d{4}")


def _family(key: str) -> str:
    return key.split("-")[0]


def dated_indices(lex: Lexicon, figures: Sequence[Figure]) -> list[Figure]:
    """The figures of one sentence, each undated index figure given its family's year."""
    years: dict[str, str] = {}
    out: list[Figure] = []
    for f in figures:
        if lex.units[f.unit].kind not in INDEX_UNITS:
            out.append(f)
            continue
        family = _family(f.indicator)
        if family == UNCLASSIFIED:
            out.append(f)  # unclassified figures may be of any index
            continue
        if _YEAR.fullmatch(f.period):
            years.setdefault(family, f.period)
        elif family in years:
            year = years[family]
            compared = same_period_before(year) if f.comparison_period else None
            f = replace(f, period=year, comparison_period=compared)
        out.append(f)
    return out
