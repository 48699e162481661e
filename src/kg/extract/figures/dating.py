"""The period of a number read in a sentence, and the period it is compared with."""

from __future__ import annotations

from kg.extract.figures import cues, periods
from kg.extract.figures.flow import Context
from kg.extract.figures.indicators import PERCENT_KINDS
from kg.extract.figures.lexicon import Lexicon
from kg.extract.figures.periods import PeriodHit
from kg.extract.figures.reading import DELIM, INDEX_UNITS, Reading, SentenceState, Settings
from kg.extract.figures.words import Hit


def period_of(
    lex: Lexicon,
    r: Reading,
    low: str,
    key: str,
    unit: str,
    hits: list[Hit],
    phits: list[PeriodHit],
    cfg: Settings,
    ctx: Context,
) -> str:
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


def after_comparison(lex: Lexicon, low: str, pos: int, cfg: Settings) -> bool:
    return periods.comparison_before(lex, low, pos, cfg.period) is not None


def compared_value(
    lex: Lexicon, r: Reading, low: str, period: str, cue: cues.Cue, st: SentenceState
) -> str | None:
    """The period of a value given for comparison: "… so với cùng kỳ năm 2022 (11 dự án với
    tổng vốn 1.739 tỷ đồng)" states 2022's figures right after the comparison, and a value
    joined to such a value with no clause break ("… với tổng vốn …") is of the same period."""
    if cue.kind not in (None, "actual"):
        return None
    found = periods.comparison_before(lex, low, r.p0, period)
    if found:
        return found
    if st.prev_compared and st.prev and not DELIM.search(low, st.prev[1], r.p0):
        return st.prev_compared
    return None


def comparison(lex: Lexicon, r: Reading, kind: str, period: str, low: str) -> str | None:
    """The period a change or a percentage of the same period compares with."""
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
