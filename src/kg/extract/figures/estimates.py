"""When a figure is an estimate ("ước", "dự kiến"): the words of the genre that say so.

"ước" qualifies the value it precedes, the whole sentence when it leads it ("Ước 6 tháng
…"), what follows a colon it heads ("… (ước thực hiện): Tỷ lệ …"), the changes of an
estimated value in the same clause ("ước đạt 402.588 lượt, …, tăng 138.037 lượt"), and a
"Trong đó, …" sentence that breaks an estimated total down, and every sentence of a
segment (a footnote) headed by an "Ước tính 6 tháng/2023:" line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kg.extract.figures.indicators import PERCENT_KINDS

ESTIMATE = re.compile(r"(?<!\w)(?:ước|dự kiến)(?!\w)")
LEAD_ESTIMATE = re.compile(r"^\W*(?:\d+\W*)?(?:ước|dự kiến)(?!\w)")  # "5. Ước …"
ESTIMATE_INTRO = re.compile(r"(?<!\w)(?:ước|dự kiến)(?:\s+[^\W\d_]+){0,3}\s*\)?\s*:")
# "13 Ước tính 6 tháng/ 2023:" on a line of its own heads every figure of its segment
ESTIMATE_HEADING = re.compile(r"^\W*(?:\d+\W*)?(?:ước|dự kiến)(?!\w)[^:;.\n]{0,40}:\s*(?:\n|$)")
BREAKDOWN_OPENING = re.compile(r"^\W{0,3}trong\s+đó(?!\w)")  # "Trong đó, …" details it


def derived_from_estimate(
    key: str,
    kind: str | None,
    p0: int,
    phits: Sequence[Any],
    prev: tuple[str, int, str] | None,
    prev_estimate: bool,
) -> bool:
    """The change of an estimated value, in the same period (no period expression
    between them), is an estimate too."""
    if not (prev_estimate and prev is not None and key == prev[0]):
        return False
    derived = kind == "change" or kind in PERCENT_KINDS
    return derived and not any(prev[1] <= p.start < p0 for p in phits)
