"""Period keys ("2023-H1", "2023-05-31", "2023-01/2023-05", "2023") read from the text.

The default period of a report comes from its metadata (`reporting_period`); expressions
in a sentence ("đến ngày 31/5/2023", "5 tháng đầu năm 2023", "hết năm 2022") override it
for the numbers after them; comparisons ("so với cùng kỳ năm 2019") give the comparison
period of changes and percentages of the same period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.figures.lexicon import Lexicon


@dataclass(frozen=True)
class PeriodHit:
    start: int
    end: int
    key: str


def period_key(start: dt.date, end: dt.date) -> str:
    """Key of a calendar span: year, half, quarter, month or months from January."""
    y = start.year
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day != 1 or end.day != last or end.year != y:
        return f"{start.isoformat()}/{end.isoformat()}"
    return months_key(y, start.month, end.month)


def months_key(year: int, first: int, last: int) -> str:
    spans = {(1, 12): f"{year}", (1, 6): f"{year}-H1", (7, 12): f"{year}-H2"}
    if (first, last) in spans:
        return spans[(first, last)]
    if first == last:
        return f"{year}-{first:02d}"
    if (last - first) == 2 and first % 3 == 1:
        return f"{year}-Q{(first + 2) // 3}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


def shift_year(key: str, years: int) -> str:
    """The same period `years` later (negative: earlier): '2023-H1' -> '2022-H1'."""
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) + years), key)


def year_of(key: str) -> int:
    return int(key[:4])


_FIRST_MONTH = re.compile(r"(\d{4})(?:-(H[12]|Q[1-4]|\d{2}))?")


def first_day(key: str) -> dt.date:
    """Where a period key starts ("2023-H2" -> 1 July 2023): to tell a coming period from
    the reported one."""
    m = _FIRST_MONTH.match(key)
    if m is None:
        raise ValueError(f"not a period key: {key!r}")
    part = m.group(2) or "01"
    month = {"H1": 1, "H2": 7}.get(part) or (
        3 * int(part[1]) - 2 if part.startswith("Q") else int(part)
    )
    return dt.date(int(m.group(1)), month, 1)


def with_year(key: str, year: int) -> str:
    """The same kind of period in another year: ('2023-H1', 2019) -> '2019-H1'."""
    return shift_year(key, year - year_of(key))


def _date(y: str, m: str, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _key_for(kind: str, m: re.Match[str], year: int) -> str | None:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else year
    if kind == "months_to_date":
        n = int(g["n"])
        return months_key(y, 1, n) if 1 <= n <= 12 else None
    if kind == "months_to_year_end":
        n = int(g["n"])
        return months_key(y, 13 - n, 12) if 1 <= n <= 12 else None
    if kind == "month_range":
        a, b = int(g["m1"]), int(g["m2"])
        return months_key(year, a, b) if 1 <= a <= b <= 12 else None
    if kind == "instant":
        return _date(g["y"], g["m"], g["d"])
    if kind == "month_end":
        mo = int(g["m"])
        return _date(str(y), str(mo), str(calendar.monthrange(y, mo)[1])) if 1 <= mo <= 12 else None
    if kind == "year_end":
        return f"{y}-12-31"
    return None


SETTING = (
    "months_to_date",
    "months_to_year_end",
    "month_range",
    "instant",
    "month_end",
    "year_end",
)


def find_periods(lex: Lexicon, low: str, year: int) -> list[PeriodHit]:
    """Period-setting expressions of one sentence, in text order."""
    hits: dict[int, PeriodHit] = {}
    for kind in SETTING:
        for pattern in lex.periods.get(kind, ()):
            for m in pattern.finditer(low):
                key = _key_for(kind, m, year)
                if key and m.start() not in hits:
                    hits[m.start()] = PeriodHit(m.start(), m.end(), key)
    return sorted(hits.values(), key=lambda h: h.start)


def year_after(lex: Lexicon, low: str, pos: int) -> str | None:
    """A "năm YYYY" written shortly after an indicator name, with no number or clause
    break between ("PCI năm 2022", "(PCI) của tỉnh Cao Bằng năm 2022")."""
    window = low[pos : pos + 40]
    gap = re.match(r"[^\d,;:()]{0,28}?(?=năm\s)", window)
    if gap is None:
        return None
    for pattern in lex.periods.get("year", ()):
        m = pattern.match(window, gap.end())
        if m:
            return m.group("y")
    return None


def comparison(lex: Lexicon, fragment: str, period: str) -> str | None:
    """The period a change or a percentage of the same period compares with."""
    for pattern in lex.periods.get("same_period_year", ()):
        m = pattern.search(fragment)
        if m:
            return with_year(period, int(m.group("y")))
    for pattern in lex.periods.get("compare_year", ()):
        m = pattern.search(fragment)
        if m:
            return m.group("y")
    for pattern in lex.periods.get("since_year_start", ()):
        if pattern.search(fragment):
            return f"{year_of(period) - 1}-12-31"
    return None


def compared_year(lex: Lexicon, text: str) -> str | None:
    """The year of "so với năm 2021" in a sentence, if it names one."""
    return _named_year(lex, "compare_year", text)


def _named_year(lex: Lexicon, kind: str, text: str) -> str | None:
    """The year (group `y`) of the first `kind` pattern of periods.yaml found in `text`."""
    for pattern in lex.periods.get(kind, ()):
        m = pattern.search(text)
        if m:
            return m.group("y")
    return None


def same_period_before(period: str) -> str:
    return shift_year(period, -1)


def comparison_before(lex: Lexicon, low: str, pos: int, period: str) -> str | None:
    """The compared period when a same-period comparison ends right before `pos`, at most
    an opening bracket between ("so với cùng kỳ năm 2022 (11 dự án"; OCR may garble it)."""
    for kind in ("same_period_year", "same_period_previous"):
        for pattern in lex.periods.get(kind, ()):
            for m in pattern.finditer(low, max(0, pos - 60), pos):
                if re.fullmatch(r"\s*[^\s\w,;:.!?)]?\w?\s*", low[m.end() : pos]):
                    y = m.groupdict().get("y")
                    return with_year(period, int(y)) if y else same_period_before(period)
    return None


def plan_year(lex: Lexicon, text: str) -> str | None:
    """The year of a plan written in the text ("KH năm 2023", "KH2023"), if any."""
    return _named_year(lex, "plan_year", text)
