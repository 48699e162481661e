"""The rules for one sentence: every measuring number -> a `Figure`, the rest -> review.

Each number is read with its unit, the clause fragment before it and the text after it
up to the next number or delimiter. The same rules serve every report of the genre:
they know cue words and lexicon names, never a particular sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from kg.extract.figures import cues, periods, units, wholes
from kg.extract.figures.estimates import (
    BREAKDOWN_OPENING,
    ESTIMATE,
    ESTIMATE_HEADING,
    ESTIMATE_INTRO,
    LEAD_ESTIMATE,
    derived_from_estimate,
)
from kg.extract.figures.indicators import PERCENT_KINDS, Want, choose, name_index
from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.units import unit_after
from kg.extract.figures.words import Hit, lower, word_pattern
from kg.extract.numbers import NumberToken, find_numbers
from kg.extract.records import Figure, ReviewItem, Span

MEASURING = ("number", "ratio")
INDEX_UNITS = ("point", "rank")  # unit kinds of composite indices (PCI, PAPI …): annual
_DELIM = re.compile(r"[,;:(){}\[\]]")
_EQUALS = re.compile(r"^\D{0,24}=$")  # "giảm 02 người chết = 13,3%"
_THEO = re.compile(r"\s*theo(?!\w)")
_NATIONAL = re.compile(r"(?<!\w)của\s+cả\s+nước(?!\w)")


class SentenceLike(Protocol):
    start: int
    end: int
    text: str
    segment: str


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


@dataclass(frozen=True)
class Settings:
    period: str  # default period of the report
    area: str  # GSO code of the report's own area


@dataclass
class _State:
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
class _Reading:
    """One number read in its sentence."""

    tok: NumberToken
    p0: int
    p1: int
    uend: int
    before: str
    after: str
    window: str  # up to the next ";": where "… đạt x% KH" of an a/b is looked for
    tail: str  # up to the next number: where the comparison of this number is written
    frag_start: int


def read_sentence(
    lex: Lexicon, sent: SentenceLike, cfg: Settings, ctx: Context
) -> tuple[list[Figure], list[ReviewItem], Context]:
    """Figures and review items of one sentence, and the context it sets for the next."""
    masked = getattr(sent, "masked", sent.text)  # footnote blocks inside a sentence blanked
    low = lower(masked)
    if ctx.items and not is_list_item(low):
        ctx = Context()  # the list is over
    if ctx.previous and ctx.period is None and _opens_with_comparison(lex, low):
        ctx = replace(ctx, period=ctx.previous)
    hits = name_index(lex).hits(low)
    phits = periods.find_periods(lex, low, periods.year_of(cfg.period))
    span = Span(sent.start, sent.end, sent.text, sent.segment)
    lead = bool(LEAD_ESTIMATE.match(low)) or (
        ctx.previous_estimate and BREAKDOWN_OPENING.match(low) is not None
    )
    intro = ESTIMATE_INTRO.search(low)
    state = _State(lead_estimate=lead, estimate_from=intro.end() if intro else None)
    tokens = find_numbers(masked, offset=sent.start)
    names = [(h.start, h.end) for h in hits]
    covered = names + [(p.start, p.end) for p in phits]
    for i, tok in enumerate(tokens):
        if tok.kind not in MEASURING or _inside(tok.start - sent.start, covered):
            if tok.kind in MEASURING and _inside(tok.start - sent.start, names):
                state.review.append(ReviewItem(span, tok.text, "number inside an indicator name"))
            continue
        reading = _read(lex, low, sent.start, tok, tokens[i + 1 :])
        _one(lex, reading, low, hits, phits, span, cfg, ctx, state)
    return state.figures, state.review, _next_context(low, hits, phits, ctx, state)


def _opens_with_comparison(lex: Lexicon, low: str) -> bool:
    """ "So với cùng kỳ năm trước, …" compares the figures the previous sentence just gave:
    the sentence goes on in that sentence's period."""
    return any(re.match(r"\W{0,3}" + word_pattern(w), low) for w in lex.cues["compare"])


def _inside(pos: int, covered: list[tuple[int, int]]) -> bool:
    """Digits inside a lexicon name ("19 tiêu chí") or a period ("6 tháng đầu năm")."""
    return any(a <= pos < b for a, b in covered)


_EMBEDDED_INTRO = re.compile(r":\s*\n\W{0,3}(?:\(?\d{1,2}\)|[a-zđ]\)|[-+•])")
_LIST_ITEM = re.compile(r"^\W{0,3}(?:\(?\d{1,2}\)|[a-zđ]\)|[-+•])")  # "(2) …", "b) …", "- …"


def is_list_item(low: str) -> bool:
    return _LIST_ITEM.match(low) is not None


def _next_context(low: str, hits: list[Hit], phits: list, ctx: Context, state: _State) -> Context:
    """An introducing sentence ("… như sau:") hands on its period, estimate and names, and
    the items of the list it opens hand them on to each other; any other sentence hands on
    the period it set or received (its paragraph goes on in that period, the caller resets
    it at the next paragraph) and its names, the last resort of the next sentence."""
    names = tuple(h.key for h in reversed(hits) if not h.key.startswith(("var:", "item:")))
    period = phits[-1].key if phits else ctx.period
    headed = ctx.headed or ESTIMATE_HEADING.match(low) is not None
    return replace(_following(low, hits, phits, ctx, state, names, period), headed=headed)


def _following(low: str, hits, phits, ctx: Context, state: _State, names, period) -> Context:
    """The context proper; `_next_context` adds the segment's estimate heading to it."""
    if not low.rstrip().endswith(":"):
        if ctx.intro and is_list_item(low) and not phits:
            return replace(ctx, items=True)
        inner = _EMBEDDED_INTRO.search(low)
        if inner:  # "5. Ước 6 tháng …, cụ thể như sau:\n- …\n- …" read as one sentence
            return _intro_context(low[: inner.start()], phits, names, ctx, items=True)
        # a topic sentence without figures names what the next sentence counts
        last = state.figures[-1].estimate if state.figures else False
        return Context(
            indicators=() if state.figures else names, previous=period, previous_estimate=last
        )
    return _intro_context(low, phits, names, ctx)


def _intro_context(
    head: str, phits: list, names: tuple[str, ...], ctx: Context, items: bool = False
) -> Context:
    """What an introducing "… như sau:" hands to the sentences (or list items) after it."""
    own = [p for p in phits if p.end <= len(head)]
    period = own[-1].key if own else ctx.period
    estimate = bool(ESTIMATE.search(head)) or ctx.estimate
    return Context(period, estimate, names + ctx.indicators, intro=True, items=items)


def _read(lex: Lexicon, low: str, base: int, tok: NumberToken, rest: list[NumberToken]) -> _Reading:
    p0, p1 = tok.start - base, tok.end - base
    uh = unit_after(lex, low, p1)
    uend = uh.end if uh else p1
    delims = [m.end() for m in _DELIM.finditer(low, 0, p0)]
    frag_start = delims[-1] if delims else 0
    measuring = (t for t in rest if t.kind in MEASURING and t.start - base >= uend)
    next_tok = min((t.start - base for t in measuring), default=len(low))
    m = _DELIM.search(low, uend)
    stop = min(next_tok, m.start() if m else len(low))
    semi = low.find(";", uend)
    window = low[uend : semi if semi >= 0 else len(low)]
    tail = low[uend : min(next_tok, semi if semi >= 0 else len(low))]
    return _Reading(tok, p0, p1, uend, low[frag_start:p0], low[uend:stop], window, tail, frag_start)


def _one(lex, r: _Reading, low, hits, phits, span, cfg: Settings, ctx: Context, st: _State) -> None:
    uh = unit_after(lex, low, r.p1)
    if uh is None:
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
        return
    uh = units.specific(lex, low, r.p1, r.p0, units.in_context(lex, low, r.p1, uh, r.before))
    unit = uh.unit
    since_prev = low[st.prev[1] if st.prev else 0 : r.p0].strip()
    if unit.kind == "percent" and _EQUALS.match(since_prev) and st.prev_verb:
        cue = cues.Cue("growth-rate", st.prev_verb)  # "giảm 39 vụ = 30,23%"
    elif unit.kind == "percent":
        cue = cues.percent_cue(lex, r.before, r.after, st.prev_verb)
        if cue.kind is None and st.prev_ratio and re.search(r"(?<!\w)đạt\s*$", r.before):
            cue = cues.Cue("share")
        if cue.kind is None and cues.contains_share(lex, low[: r.p0]):
            cue = cues.Cue("share")
        if cue.kind is None and cues.share_of_noun(lex, r.after):
            cue = cues.Cue("share")  # "tại 100% xã, phường"
    else:
        cue = cues.quantity_cue(lex, unit.kind, r.before, r.window, r.tok.denominator is not None)
        listed = st.prev_verb and r.before.strip() in ("", "=")
        if cue.kind == "actual" and listed and not _after_comparison(lex, low, r.p0, cfg):
            cue = cues.Cue("change", st.prev_verb)  # "giảm 1.893 hộ, 9.481 khẩu"
        if cue.kind == "actual" and st.prev_kind == "plan-target" and _THEO.match(r.before):
            cue = cues.Cue("plan-target")  # "… giao là A; theo Nghị quyết HĐND là B"
    if cue.kind in cues.TARGETED and not cue.plan_pair and cues.target_before(lex, low, r.p0):
        cue = cues.Cue("plan-target", cue.sign)  # "phấn đấu năm 2023 có thêm ít nhất 04 xã"
    _emit(lex, r, unit.key, cue, low, hits, phits, span, cfg, ctx, st)


def _emit(lex, r: _Reading, unit: str, cue: cues.Cue, low, hits, phits, span, cfg, ctx, st) -> None:
    avoid = _track_total(lex, low, r, unit, st, cfg)
    key, hit = _indicator(lex, r, unit, cue, low, hits, cfg, ctx, st, avoid)
    if cue.kind is None:
        bare = lex.indicators[key].bare if key in lex.indicators else None
        if bare is None:
            st.review.append(ReviewItem(span, r.tok.text, "percentage without a measure-kind cue"))
            return
        cue = cues.Cue(bare)
    period = _period(lex, r, low, key, unit, hits, phits, cfg, ctx)
    compared = _compared_value(lex, r, low, period, cue, st) if unit != "percent" else None
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


def _track_total(lex, low: str, r: _Reading, unit: str, st: _State, cfg: Settings) -> str | None:
    """Follow the total being broken down; the indicator a part must not take, if any."""
    total = _breakdown_of(lex, low, r, st, cfg)
    if total != st.total:
        st.total_estimate = bool(total) and st.prev_estimate
    st.total = total
    parts = total and total[1] == unit and lex.units[unit].kind not in ("percent", "pp")
    return total[0] if total and parts else None


def _indicator(
    lex: Lexicon,
    r: _Reading,
    unit: str,
    cue: cues.Cue,
    low: str,
    hits: list[Hit],
    cfg: Settings,
    ctx: Context,
    st: _State,
    avoid: str | None,
) -> tuple[str, Hit | None]:
    """The number's indicator (`choose`), remembering the names spent on actual values."""
    kind = cue.kind or "share"
    if st.forced:
        key, st.forced = st.forced, None
        return key, None
    gap = _DELIM.search(low, r.uend, r.uend + 3)
    follow = (r.p1, gap.start() if gap else r.uend + 2)
    # a value of the compared period may repeat the names of the values it is compared with
    earlier = unit != "percent" and _compared_value(lex, r, low, cfg.period, cue, st) is not None
    used = () if earlier else st.used
    want = Want(unit, kind, r.p0, follow)
    key, hit = choose(lex, hits, want, r.frag_start, follow, st.prev, ctx.indicators, avoid, used)
    if kind == "actual":
        st.used.add(key)
    return key, hit


def _period(lex, r: _Reading, low: str, key: str, unit: str, hits, phits, cfg, ctx: Context) -> str:
    """The last period expression before the number; without one, a year written after a
    name of its indicator ("Chỉ số PCI của tỉnh năm 2022 …"), else the context's or the
    report's period."""
    before = [p for p in phits if p.end <= r.p0]
    if before:
        return before[-1].key
    for hit in reversed([h for h in hits if h.key == key and h.end <= r.p0]):
        year = periods.year_after(lex, low, hit.end)
        if year and _names_its_year(lex, unit, year, cfg):
            return year
    if lex.units[unit].kind in INDEX_UNITS:
        annual = periods.compared_year(lex, low)
        if annual:
            return str(int(annual) + 1)  # index results: "tăng 2 bậc so với năm 2021" is 2022's
        if ctx.index_year and not ctx.period:
            return ctx.index_year  # an index is annual: its list goes on in its year
    return ctx.period or cfg.period


def _names_its_year(lex: Lexicon, unit: str, year: str, cfg: Settings) -> bool:
    """A year after a name dates the figure when the figure is an annual index ("PCI năm
    2022") or the year is not the report's own; an activity of the report's year named with
    it ("cấp gạo cứu đói giáp hạt năm 2023 cho … khẩu") is counted in the report's period."""
    return lex.units[unit].kind in INDEX_UNITS or year != str(periods.year_of(cfg.period))


_BREAKDOWN = re.compile(r"(?<!\w)(?:trong đó|bao gồm|gồm)(?!\w)|\(")


def _breakdown_of(lex, low: str, r: _Reading, st: _State, cfg: Settings) -> tuple[str, str] | None:
    """The total a number details: "63 trường, trong đó: 01 trường …, 12 trường …" or "11
    mỏ (07 mỏ đất, 03 mỏ đá …)". The parts are not values of the total's indicator, whose
    name was written before the total; a ";" or a closing bracket ends the list."""
    if st.prev is None:
        return None
    between = low[st.prev[1] : r.p0]
    if ";" in between or ")" in between:
        return None
    if _BREAKDOWN.search(between) and not _after_comparison(lex, low, r.p0, cfg):
        return st.prev[0], st.prev[2]
    return st.total


def _after_comparison(lex: Lexicon, low: str, pos: int, cfg: Settings) -> bool:
    return periods.comparison_before(lex, low, pos, cfg.period) is not None


def _compared_value(lex, r: _Reading, low: str, period: str, cue: cues.Cue, st) -> str | None:
    """The period of a value given for comparison: "… so với cùng kỳ năm 2022 (11 dự án với
    tổng vốn 1.739 tỷ đồng)" states 2022's figures right after the comparison, and a value
    joined to such a value with no clause break ("… với tổng vốn …") is of the same period."""
    if cue.kind not in (None, "actual"):
        return None
    found = periods.comparison_before(lex, low, r.p0, period)
    if found:
        return found
    if st.prev_compared and st.prev and not _DELIM.search(low, st.prev[1], r.p0):
        return st.prev_compared
    return None


def _figures(
    lex, r: _Reading, key, unit, cue: cues.Cue, period, low, span, cfg, estimate
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
    compare = _comparison(lex, r, kind, period, low)
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


def _comparison(lex: Lexicon, r: _Reading, kind: str, period: str, low: str) -> str | None:
    if kind not in PERCENT_KINDS - {"percent-of-plan"} and kind != "change":
        return None
    for text in (r.tail, r.before):
        found = periods.comparison(lex, text, period)
        if found:
            return found
    annual = periods.compared_year(lex, low)  # "Có 5 chỉ số tăng … so với năm 2021 là: …"
    if annual and len(period) == 4:
        return annual
    return periods.same_period_before(period)
