"""What one sentence hands to the next: an introducing "… như sau:" sentence its period,
estimate and names to the list after it, any sentence its period to the rest of its
paragraph and its names as the next sentence's last resort."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.figures.estimates import ESTIMATE, ESTIMATE_HEADING
from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.periods import PeriodHit
from kg.extract.figures.words import Hit, word_pattern
from kg.extract.records import Figure


@dataclass(frozen=True)
class Context:
    """What a sentence hands to the next ones (an introducing "… như sau:" sentence)."""

    period: str | None = None
    estimate: bool = False
    indicators: tuple[str, ...] = ()
    intro: bool = False  # set by a sentence ending with ":"; outlives its paragraph
    items: bool = False  # handed on by a list item: holds for the next list items only
    previous: str | None = None  # period of the previous sentence of the paragraph
    index_year: str | None = None  # year of the last index score/rank read in the section
    previous_estimate: bool = False  # the previous sentence's last figure was an estimate
    headed: bool = False  # the segment opened with an "Ước tính 6 tháng/2023:" heading line


_EMBEDDED_INTRO = re.compile(r":\s*\n\W{0,3}(?:\(?\d{1,2}\)|[a-zđ]\)|[-+•])")
_LIST_ITEM = re.compile(r"^\W{0,3}(?:\(?\d{1,2}\)|[a-zđ]\)|[-+•])")  # "(2) …", "b) …", "- …"


def is_list_item(low: str) -> bool:
    return _LIST_ITEM.match(low) is not None


def opens_with_comparison(lex: Lexicon, low: str) -> bool:
    """ "So với cùng kỳ năm trước, …" compares the figures the previous sentence just gave:
    the sentence goes on in that sentence's period."""
    return any(re.match(r"\W{0,3}" + word_pattern(w), low) for w in lex.cues["compare"])


def next_context(
    low: str, hits: list[Hit], phits: list[PeriodHit], ctx: Context, figures: list[Figure]
) -> Context:
    """An introducing sentence ("… như sau:") hands on its period, estimate and names, and
    the items of the list it opens hand them on to each other; any other sentence hands on
    the period it set or received (its paragraph goes on in that period, the caller resets
    it at the next paragraph) and its names, the last resort of the next sentence."""
    names = tuple(h.key for h in reversed(hits) if not h.key.startswith(("var:", "item:")))
    period = phits[-1].key if phits else ctx.period
    headed = ctx.headed or ESTIMATE_HEADING.match(low) is not None
    return replace(_following(low, phits, ctx, figures, names, period), headed=headed)


def _following(
    low: str,
    phits: list[PeriodHit],
    ctx: Context,
    figures: list[Figure],
    names: tuple[str, ...],
    period: str | None,
) -> Context:
    """The context proper; `next_context` adds the segment's estimate heading to it."""
    if not low.rstrip().endswith(":"):
        if ctx.intro and is_list_item(low) and not phits:
            return replace(ctx, items=True)
        inner = _EMBEDDED_INTRO.search(low)
        if inner:  # "5. Ước 6 tháng …, cụ thể như sau:\n- …\n- …" read as one sentence
            return _intro_context(low[: inner.start()], phits, names, ctx, items=True)
        # a topic sentence without figures names what the next sentence counts
        last = figures[-1].estimate if figures else False
        return Context(indicators=() if figures else names, previous=period, previous_estimate=last)
    return _intro_context(low, phits, names, ctx)


def _intro_context(
    head: str, phits: list[PeriodHit], names: tuple[str, ...], ctx: Context, items: bool = False
) -> Context:
    """What an introducing "… như sau:" hands to the sentences (or list items) after it."""
    own = [p for p in phits if p.end <= len(head)]
    period = own[-1].key if own else ctx.period
    estimate = bool(ESTIMATE.search(head)) or ctx.estimate
    return Context(period, estimate, names + ctx.indicators, intro=True, items=items)
