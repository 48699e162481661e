"""The rules for one sentence: every measuring number -> a `Figure`, the rest -> review.

Each number is read with its unit, the clause fragment before it and the text after it
up to the next number or delimiter (`reading`). The rules here choose the number's unit
and measure kind from the cue words, its indicator (`indicators`), its period
(`dating`) and estimate flag, and hand the sentence's context to the next (`flow`). The
same rules serve every report of the genre: they know cue words and lexicon names, never
a particular sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol

from kg.extract.figures import cues, periods, units, wholes
from kg.extract.figures.dating import after_comparison, compared_value, comparison, period_of
from kg.extract.figures.estimates import (
    BREAKDOWN_OPENING,
    ESTIMATE,
    ESTIMATE_INTRO,
    LEAD_ESTIMATE,
    derived_from_estimate,
)
from kg.extract.figures.flow import Context, is_list_item, next_context, opens_with_comparison
from kg.extract.figures.indicators import PERCENT_KINDS, Want, choose, name_index
from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.reading import (
    DELIM,
    MEASURING,
    Reading,
    SentenceState,
    Settings,
    read_number,
)
from kg.extract.figures.totals import track_total
from kg.extract.figures.units import unit_after
from kg.extract.figures.words import Hit, lower
from kg.extract.numbers import find_numbers
from kg.extract.records import Figure, ReviewItem, Span

_EQUALS = re.compile(r"^\D{0,24}=$")  # "giảm 02 người chết = 13,3%"
_THEO = re.compile(r"\s*theo(?!\w)")
_NATIONAL = re.compile(r"(?<!\w)của\s+cả\s+nước(?!\w)")


class SentenceLike(Protocol):
    start: int
    end: int
    text: str
    segment: str


def read_sentence(
    lex: Lexicon, sent: SentenceLike, cfg: Settings, ctx: Context
) -> tuple[list[Figure], list[ReviewItem], Context]:
    """Figures and review items of one sentence, and the context it sets for the next."""
    masked = getattr(sent, "masked", sent.text)  # footnote blocks inside a sentence blanked
    low = lower(masked)
    if ctx.items and not is_list_item(low):
        ctx = Context()  # the list is over
    if ctx.previous and ctx.period is None and opens_with_comparison(lex, low):
        ctx = replace(ctx, period=ctx.previous)
    hits = name_index(lex).hits(low)
    phits = periods.find_periods(lex, low, periods.year_of(cfg.period))
    span = Span(sent.start, sent.end, sent.text, sent.segment)
    lead = bool(LEAD_ESTIMATE.match(low)) or (
        ctx.previous_estimate and BREAKDOWN_OPENING.match(low) is not None
    )
    intro = ESTIMATE_INTRO.search(low)
    state = SentenceState(lead_estimate=lead, estimate_from=intro.end() if intro else None)
    tokens = find_numbers(masked, offset=sent.start)
    names = [(h.start, h.end) for h in hits]
    covered = names + [(p.start, p.end) for p in phits]
    for i, tok in enumerate(tokens):
        if tok.kind not in MEASURING or _inside(tok.start - sent.start, covered):
            if tok.kind in MEASURING and _inside(tok.start - sent.start, names):
                state.review.append(ReviewItem(span, tok.text, "number inside an indicator name"))
            continue
        reading = read_number(lex, low, sent.start, tok, tokens[i + 1 :])
        _one(lex, reading, low, hits, phits, span, cfg, ctx, state)
    return state.figures, state.review, next_context(low, hits, phits, ctx, state.figures)


def _inside(pos: int, covered: list[tuple[int, int]]) -> bool:
    """Digits inside a lexicon name ("19 tiêu chí") or a period ("6 tháng đầu năm")."""
    return any(a <= pos < b for a, b in covered)


def _one(
    lex, r: Reading, low, hits, phits, span, cfg: Settings, ctx: Context, st: SentenceState
) -> None:
    uh = unit_after(lex, low, r.p1)
    if uh is None:
        _unitless(lex, r, low, hits, phits, span, cfg, ctx, st)
        return
    unit = units.specific(lex, low, r.p1, r.p0, units.in_context(lex, low, r.p1, uh, r.before))
    if unit.unit.kind == "percent":
        cue = _percent_cue(lex, r, low, st)
    else:
        cue = _quantity_cue(lex, r, unit.unit.kind, low, cfg, st)
    if cue.kind in cues.TARGETED and not cue.plan_pair and cues.target_before(lex, low, r.p0):
        cue = cues.Cue("plan-target", cue.sign)  # "phấn đấu năm 2023 có thêm ít nhất 04 xã"
    _emit(lex, r, unit.unit.key, cue, low, hits, phits, span, cfg, ctx, st)


def _unitless(
    lex, r: Reading, low, hits, phits, span, cfg: Settings, ctx: Context, st: SentenceState
) -> None:
    """A number with no unit after it: a rank, the counts behind a rate, a part of a
    bracketed breakdown in the count's unit, or else a review item."""
    if cues.rank_before(lex, r.before):
        _emit(lex, r, "rank-place", cues.Cue("rank"), low, hits, phits, span, cfg, ctx, st)
        return
    pair = wholes.rate_pair_unit(lex, low, r.p0, st.prev, r.tok.denominator)
    if pair is not None and st.prev is not None:  # "đạt 45% (3238/7195)"
        rate = st.prev
        st.forced = wholes.rate_count(lex, rate[0])
        _emit(lex, r, pair.key, cues.Cue("ratio"), low, hits, phits, span, cfg, ctx, st)
        st.prev = (rate[0], r.uend, rate[2])  # "… tăng 0,2% so với cùng kỳ" is the rate's
        return
    listed = wholes.listed_part_unit(lex, low, r.p0, r.p1, st.prev)
    if listed is not None and r.tok.denominator is None:  # "… (04 kiện tướng, 02 …"
        cue = cues.quantity_cue(lex, listed.kind, r.before, r.window, False)
        _emit(lex, r, listed.key, cue, low, hits, phits, span, cfg, ctx, st)
        return
    st.review.append(ReviewItem(span, r.tok.text, "no unit after the number"))


def _percent_cue(lex: Lexicon, r: Reading, low: str, st: SentenceState) -> cues.Cue:
    """What a percentage measures: a growth rate, a percent of plan or of the same period,
    a share ("chiếm", "đạt" after a ratio, "tại 100% xã")."""
    since_prev = low[st.prev[1] if st.prev else 0 : r.p0].strip()
    if _EQUALS.match(since_prev) and st.prev_verb:
        return cues.Cue("growth-rate", st.prev_verb)  # "giảm 39 vụ = 30,23%"
    cue = cues.percent_cue(lex, r.before, r.after, st.prev_verb)
    if cue.kind is None and st.prev_ratio and re.search(r"(?<!\w)đạt\s*$", r.before):
        cue = cues.Cue("share")
    if cue.kind is None and cues.contains_share(lex, low[: r.p0]):
        cue = cues.Cue("share")
    if cue.kind is None and cues.share_of_noun(lex, r.after):
        cue = cues.Cue("share")  # "tại 100% xã, phường"
    return cue


def _quantity_cue(
    lex: Lexicon, r: Reading, kind: str, low: str, cfg: Settings, st: SentenceState
) -> cues.Cue:
    """What an amount or count measures: an actual value, a plan, a change listed after a
    verb of change ("giảm 1.893 hộ, 9.481 khẩu")."""
    cue = cues.quantity_cue(lex, kind, r.before, r.window, r.tok.denominator is not None)
    listed = st.prev_verb and r.before.strip() in ("", "=")
    if cue.kind == "actual" and listed and not after_comparison(lex, low, r.p0, cfg):
        cue = cues.Cue("change", st.prev_verb)  # "giảm 1.893 hộ, 9.481 khẩu"
    if cue.kind == "actual" and st.prev_kind == "plan-target" and _THEO.match(r.before):
        cue = cues.Cue("plan-target")  # "… giao là A; theo Nghị quyết HĐND là B"
    return cue


def _emit(lex, r: Reading, unit: str, cue: cues.Cue, low, hits, phits, span, cfg, ctx, st) -> None:
    avoid = track_total(lex, low, r, unit, st, cfg)
    key, hit = _indicator(lex, r, unit, cue, low, hits, cfg, ctx, st, avoid)
    if cue.kind is None:
        bare = lex.indicators[key].bare if key in lex.indicators else None
        if bare is None:
            st.review.append(ReviewItem(span, r.tok.text, "percentage without a measure-kind cue"))
            return
        cue = cues.Cue(bare)
    period = period_of(lex, r, low, key, unit, hits, phits, cfg, ctx)
    compared = compared_value(lex, r, low, period, cue, st) if unit != "percent" else None
    period = compared or period
    st.prev_compared = compared
    start = st.prev[1] if st.prev else 0
    estimate = (
        bool(ESTIMATE.search(low, start, r.p0))
        or st.lead_estimate
        or (st.estimate_from is not None and r.p0 >= st.estimate_from)
        or derived_from_estimate(key, cue.kind, r.p0, phits, st.prev, st.prev_estimate)
        or ctx.estimate
        or ctx.headed
        or (hit is None and cue.kind in PERCENT_KINDS and st.prev_estimate)
        or (bool(avoid) and st.total_estimate and not any(start <= p.start < r.p0 for p in phits))
    )  # the last: a part of an estimated total ("ước … 168 tỷ, trong đó: …") in its period
    figs = _figures(lex, r, key, unit, cue, period, low, span, cfg, estimate)
    st.figures.extend(figs)
    st.prev_estimate = estimate
    st.prev_kind = figs[-1].measure_kind if figs else None
    st.prev = (key, r.uend, unit)
    st.prev_verb = cue.sign if cue.kind in ("change", "growth-rate") else None
    st.prev_ratio = r.tok.denominator is not None


def _indicator(
    lex: Lexicon,
    r: Reading,
    unit: str,
    cue: cues.Cue,
    low: str,
    hits: list[Hit],
    cfg: Settings,
    ctx: Context,
    st: SentenceState,
    avoid: str | None,
) -> tuple[str, Hit | None]:
    """The number's indicator (`choose`), remembering the names spent on actual values."""
    kind = cue.kind or "share"
    if st.forced:
        key, st.forced = st.forced, None
        return key, None
    gap = DELIM.search(low, r.uend, r.uend + 3)
    follow = (r.p1, gap.start() if gap else r.uend + 2)
    # a value of the compared period may repeat the names of the values it is compared with
    earlier = unit != "percent" and compared_value(lex, r, low, cfg.period, cue, st) is not None
    used = () if earlier else st.used
    want = Want(unit, kind, r.p0, follow)
    key, hit = choose(lex, hits, want, r.frag_start, follow, st.prev, ctx.indicators, avoid, used)
    if kind == "actual":
        st.used.add(key)
    return key, hit


def _figures(
    lex, r: Reading, key, unit, cue: cues.Cue, period, low, span, cfg, estimate
) -> list[Figure]:
    tok = r.tok
    value = abs(tok.value) * cue.sign
    area = "VN" if _NATIONAL.search(low, 0, r.p0) else cfg.area
    kind = cue.kind or "actual"
    base = dict(
        indicator=key,
        unit=unit,
        span=span,
        area=area,
        estimate=estimate,
        qualifier=tok.qualifier,
        value_text=tok.text,
    )
    if cue.plan_pair and tok.denominator is not None:
        plan_year = periods.plan_year(lex, r.window) or str(periods.year_of(period))
        return [
            Figure(value=value, measure_kind="actual", period=period, **base),
            Figure(value=tok.denominator, measure_kind="plan-target", period=plan_year, **base),
        ]
    stock_period = period
    if kind == "plan-target":
        period = periods.plan_year(lex, r.before) or str(periods.year_of(period))
    compare = comparison(lex, r, kind, period, low)
    denominator = tok.denominator if kind in ("ratio", "rank") else None
    fig = Figure(
        value=value,
        measure_kind=kind,
        period=period,
        comparison_period=compare,
        denominator=denominator,
        **base,
    )
    if tok.denominator is None or kind not in wholes.PART_KINDS:
        return [fig]
    return [fig, wholes.whole_of(lex, fig, tok.denominator, stock_period)]
