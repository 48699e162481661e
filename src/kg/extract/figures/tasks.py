"""Figures of a part that sets tasks for a coming period ("II. NHIỆM VỤ CÔNG TÁC TRỌNG TÂM
6 THÁNG CUỐI NĂM 2023"): what it counts is planned, not done.

A half-year report closes with the tasks of the next half; "Tổ chức 28 lớp bồi dưỡng"
there is a target for that half, although the sentence reads like the results of part I.
The part's heading says both things the rule needs: a task word (measures.yaml, cue
`tasks`) and a period that starts after the reported one ends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.periods import find_periods, first_day, same_period_before
from kg.extract.figures.words import any_of, lower
from kg.extract.records import Figure, Segment


@dataclass(frozen=True)
class TaskPart:
    start: int
    end: int
    period: str  # the coming period whose tasks the part sets


def task_parts(lex: Lexicon, segments: Sequence[Segment], reported_end: dt.date) -> list[TaskPart]:
    """Parts whose heading names tasks for a period starting after `reported_end`."""
    words = any_of(lex.cues.get("tasks", ()))
    out: list[TaskPart] = []
    for seg in segments:
        if seg.kind != "part" or not seg.title:
            continue
        low = lower(seg.title)
        if not words.search(low):
            continue
        hits = find_periods(lex, low, reported_end.year)
        if hits and first_day(hits[-1].key) > reported_end:
            out.append(TaskPart(seg.start, seg.end, hits[-1].key))
    return out


def as_tasks(
    figures: Sequence[Figure], at: int, parts: Sequence[TaskPart], reported: str
) -> list[Figure]:
    """The figures of a sentence starting at `at`: in a task part, a count is a plan-target
    and a figure dated by default with the reported period takes the part's period (and a
    same-period comparison follows it: "tăng 5% so với cùng kỳ" of 2023-H2 is with 2022-H2)."""
    part = next((p for p in parts if p.start <= at < p.end), None)
    if part is None:
        return list(figures)
    out = []
    for f in figures:
        kind = "plan-target" if f.measure_kind == "actual" else f.measure_kind
        if f.period != reported:
            out.append(replace(f, measure_kind=kind))
            continue
        compared = f.comparison_period
        if compared == same_period_before(reported):
            compared = same_period_before(part.period)
        out.append(replace(f, measure_kind=kind, period=part.period, comparison_period=compared))
    return out
