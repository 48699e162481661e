"""Numbers, changes, periods and dates as a Vietnamese or English reader writes them.

Vietnamese uses "." between thousands and "," as decimal point (1.000.000; 3,5), English
the reverse; babel knows both. Changes carry ▲/▼ so direction reads without colour
(fact sheets are printed in black and white).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.dates import format_date as babel_date
from babel.numbers import format_decimal

UP, DOWN, SAME = "▲", "▼", "="
_PERIOD = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<h>H[12])|-(?P<q>Q[1-4])|-(?P<m>\d{2})(?:-(?P<d>\d{2}))?"
    r"|-(?P<m1>\d{2})/(?P<y2>\d{4})-(?P<m2>\d{2})|/(?P<ye>\d{4}))?$"
)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


def decimal(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def format_number(value: Decimal, lang: str) -> str:
    """Up to two decimals, trailing zeros dropped: 3.00 -> '3', 2.50 -> '2,5' (vi)."""
    rounded = value.quantize(Decimal("0.01")) if value != value.to_integral() else value
    return format_decimal(rounded, format="#,##0.##", locale=lang)


def format_percent(value: Decimal, lang: str) -> str:
    return f"{format_number(value, lang)}%"


def arrow(change: Decimal) -> str:
    return UP if change > 0 else DOWN if change < 0 else SAME


def format_change(change: Decimal, lang: str, suffix: str = "%") -> str:
    """'▲ +3,5%' or '▼ −10%': arrow, sign and magnitude."""
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return f"{arrow(change)} {sign}{format_number(abs(change), lang)}{suffix}"


def format_rank_change(change: Decimal, lang: str) -> str:
    """Positive means places gained (rank 1 is best)."""
    word = (
        ("bậc" if lang == "vi" else "places")
        if abs(change) != 1
        else ("bậc" if lang == "vi" else "place")
    )
    if change == 0:
        return f"{SAME} " + ("giữ nguyên" if lang == "vi" else "unchanged")
    return f"{arrow(change)} {format_number(abs(change), lang)} {word}"


def format_date(text: str, lang: str) -> str:
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        return text
    return day.strftime("%d/%m/%Y") if lang == "vi" else babel_date(day, "d MMMM y", locale="en")


def format_period(key: str, lang: str) -> str:
    """A period key of docs/model.md ('2023-H1', '2023-05-31', '2021/2025') in words."""
    m = _PERIOD.match(key)
    if not m:
        return key
    y, vi = m["y"], lang == "vi"
    if m["h"]:
        half = m["h"][1]
        return (f"6 tháng {'đầu' if half == '1' else 'cuối'} năm {y}") if vi else f"H{half} {y}"
    if m["q"]:
        return f"Quý {_ROMAN[m['q'][1]]}/{y}" if vi else f"{m['q']} {y}"
    if m["d"]:
        when = format_date(key, lang)
        return f"Đến ngày {when}" if vi else f"As of {when}"
    if m["m"]:
        month = int(m["m"])
        return (
            f"Tháng {month}/{y}"
            if vi
            else babel_date(date(int(y), month, 1), "MMMM y", locale="en")
        )
    if m["m2"]:
        first, last = int(m["m1"]), int(m["m2"])
        return f"Tháng {first}–{last}/{y}" if vi else f"{_month(first)}–{_month(last)} {y}"
    if m["ye"]:
        return f"Giai đoạn {y}–{m['ye']}" if vi else f"{y}–{m['ye']}"
    return f"Năm {y}" if vi else y


def _month(number: int) -> str:
    return babel_date(date(2000, number, 1), "MMM", locale="en")


def format_yes_no(text: str, lang: str) -> str:
    yes = text.lower() in ("true", "1")
    return ("có" if yes else "không") if lang == "vi" else ("yes" if yes else "no")
