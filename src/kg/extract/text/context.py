"""What the words around a digit run say about it: kind, qualifier, multiplier.

Kept apart from the number grammar (`kg.extract.numbers`) because these are rules of
the report genre (how a date, a decree number or a footnote marker looks in an OCR'd
Vietnamese report), not of number formatting.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_NUMBER = r"\d+(?:[.,]\d+)*"

# First match wins. A comparative ("ít hơn 9 dự án": nine fewer) states a difference, not
# a bound, so it yields no qualifier rather than falling through to plain "hơn".
_QUALIFIERS: tuple[tuple[str, str | None], ...] = (
    (r"khoảng (?:trên|ữên|hơn|hon)", "more-than"),
    (r"(?:ít|nhiều|cao|thấp|lớn|nhỏ) (?:hơn|hon)", None),
    (r"(?:ít nhất|tối thiểu)", "at-least"),
    (r"(?:trên|ữên|hơn|hon|vượt|>|≥)", "more-than"),
    (r"(?:khoảng|xấp xỉ|chừng|gần|gân|~)", "approximately"),
    (r"(?:dưới|chưa đến|chưa tới|không quá|tối đa|<|≤)", "less-than"),
)
_QUALIFIER_RES = tuple((re.compile(rf"(?:^|[\s(:;,])({p})\s*$"), name) for p, name in _QUALIFIERS)
_MULTIPLIER = re.compile(r"\s?(nghìn|ngàn|triệu|ừiệu|tỷ|tỳ|tỉ|vạn)(?![^\W\d_])")
_MULTIPLIER_NAMES = {"ngàn": "nghìn", "ừiệu": "triệu", "tỳ": "tỷ", "tỉ": "tỷ"}

_DATE_DMY = re.compile(r"(\d{1,2})\s?/\s?(\d{1,2})\s?/\s?(\d{4})(?!\d)")
_DATE_MY = re.compile(r"(\d{1,2})/(\d{4})(?![\d/])")
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})(?![\d/]|[.,]\d)")
_DAY_RANGE = re.compile(r"(\d{1,2})\s?-\s?(?=\d{1,2}/\d{1,2}(?![\d/]|[.,]\d))")  # "(01-02/6)"
_DATE_BEFORE = re.compile(r"\d{1,2}/\d{1,2}\s*(?:và|,|-|–)\s*$")
_DATE_WORDS = re.compile(r"(?:ngày|lễ|dịp|tết|\()[^.;\d]{0,30}$", re.IGNORECASE)
_TIME = re.compile(r"\d{1,2}h\d{2}")
_DOC = re.compile(r"\d+(?:\s?/\s?\d{2,4})*\s?[/-]\s?[A-ZĐ][A-Za-zĐđ]*")
_DOC_NUMERIC = re.compile(r"\d+(?:/\d{2,4}(?=/))*")
_DOC_BEFORE = re.compile(
    r"(?:\bQĐ|\bQĐ số|\bD[ựu] án|\bĐ[ềeêồ] án|\bNghị quyết|\bQuyết định)\s?$", re.IGNORECASE
)
_IDENT_BEFORE = re.compile(
    r"(?:\bmốc(?: từ)?|\bđường t[ỉi]nh|\bquốc lộ|\brobotics|\blần(?: thứ)?|\bthứ|\bkhóa|"
    r"\btop|\bmức độ|\bgiai đoạn|\bl[ớó]p(?:\s?\d{1,2}\s?,)*|\bđợt|\bvòng|\bquý|"
    r"[A-Za-z]\s?-\s*)\s?$",
    re.IGNORECASE,
)
# a number that names a group, a schedule or an occasion rather than measuring one:
# the age bound of "trẻ dưới 5 tuổi", "từ 6-60 tháng tuổi"; "3 tháng/lần"; "kỷ niệm 80
# năm", "15 năm Ngày Văn hóa …"; round-the-clock "24/24 giờ"
_AGE_AFTER = re.compile(r"(?:\s?-\s?\d{1,3})?\s+(?:tháng\s+)?tu[ổôồ]i(?!\w)", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"(?:\btrẻ|\bem|\bdưới|\btrên|\btừ|\bđến|\d\s?-)\s?$", re.IGNORECASE)
_EVERY = re.compile(r"\s?(?:ngày|tuần|tháng|năm)\s?/\s?l[ầâa]n(?!\w)", re.IGNORECASE)
_ANNIVERSARY_BEFORE = re.compile(r"\bkỷ\s+niệm\s+$", re.IGNORECASE)
_ANNIVERSARY_AFTER = re.compile(
    r"\s+năm\s+(?:Ngày\s+[A-ZĐ]|ra\s+đời|thành\s+lập|chiến\s+thắng|giải\s+phóng)"
)
_ONE_OF = re.compile(r"\s+trong\s+(?:số\s+)?\d")  # "là 1 trong 20 đội": one of twenty
_ROUND_THE_CLOCK = re.compile(r"24\s?/\s?(?:24|7)(?!\d)")
_RATIO = re.compile(rf"\s?/\s?({_NUMBER})(?![\d/])")
_STARS = re.compile(r"\s?sao(?!\w)", re.IGNORECASE)
_UNIT_WORDS = frozenset({"m", "km", "cm", "dm", "mm", "kwh", "kw", "mw", "co", "pm"})


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")


def qualifier_before(text: str, start: int) -> str | None:
    """The qualifier word written right before a number ("hơn 9", "khoảng 6 tháng")."""
    before = unicodedata.normalize("NFC", text[max(0, start - 20) : start]).lower()
    for pattern, name in _QUALIFIER_RES:
        if pattern.search(before):
            return name
    return None


def multiplier_after(text: str, end: int) -> str | None:
    """ "nghìn" / "triệu" / "tỷ" / "vạn" written right after a number, as a name."""
    m = _MULTIPLIER.match(unicodedata.normalize("NFC", text[end : end + 8]).lower())
    if not m:
        return None
    return _MULTIPLIER_NAMES.get(m.group(1), m.group(1))


def footnote_marker_kind(text: str, a: int, b: int) -> bool:
    """Digits glued after a word or after "%", ")" that number a footnote ("tỉnh2")."""
    if b - a > 2 or a == 0:
        return False
    after = text[b] if b < len(text) else " "
    if after.isalnum() or after in "+-/":
        return False
    prev = text[a - 1]
    if prev == "I" and b - a == 1 and (a < 2 or text[a - 2].isspace()):
        return True  # "an toàn.. . I7.": the raised "1" of marker 17 read as "I"
    if _is_letter(prev):
        word = re.search(r"[^\W\d_]+$", text[max(0, a - 12) : a])
        letters = word.group() if word else ""
        glued_digit = a - len(letters) - 1 >= 0 and text[a - len(letters) - 1].isdigit()
        return len(letters) >= 2 and letters.lower() not in _UNIT_WORDS and not glued_digit
    if prev in "%)”\"'’":
        return True
    return prev == "." and a >= 2 and not text[a - 2].isdigit() and text[a - 2] != " "


def _parse_vi(s: str) -> Decimal | None:
    from kg.extract.numbers import parse_number

    try:
        return parse_number(s)
    except ValueError:
        return None


def _line_start(text: str, a: int) -> bool:
    head = text[max(0, a - 2) : a]
    return a == 0 or head.endswith("\n") or head == "\n " or (a == 1 and head == " ")


def _list_marker(text: str, a: int, b: int) -> bool:
    if a > 0 and text[a - 1] == "(" and text[b : b + 1] == ")":
        return True
    raw = text[a:b]
    if not _line_start(text, a) or not re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?", raw):
        return False
    rest = text[b : b + 3]
    if rest[:1] in ("", "\n"):
        return raw.isdigit()
    if re.match(r" \(\d{1,2}\)", text[b : b + 5]):
        return raw.isdigit()  # a footnote's number before its first item: "37 (1) Thanh tra"
    return (
        rest.startswith(". ")
        or rest in (".", ".\n")
        or bool(re.match(r"\.?\s?[^\W\d_]", rest) and rest.lstrip(". ")[:1].isupper())
    )


def _date_kind(text: str, a: int) -> tuple[str, int, Decimal] | None:
    for pattern in (_DATE_DMY, _DATE_MY):
        m = pattern.match(text, a)
        if m:
            parts = [int(g) for g in m.groups()]
            if pattern is _DATE_DMY and parts[1] <= 12 and parts[0] <= 31:
                return "date", m.end(), Decimal(parts[2] * 10000 + parts[1] * 100 + parts[0])
            if pattern is _DATE_MY and 1 <= parts[0] <= 12:
                return "date", m.end(), Decimal(parts[1] * 100 + parts[0])
    first = _DAY_RANGE.match(text, a)
    m = _DAY_MONTH.match(text, first.end() if first else a)
    if m and first and int(first.group(1)) > 31:
        m = None
    if m and int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12:
        before = text[max(0, a - 40) : a]
        wrapped = before.endswith("(") or text[m.end() : m.end() + 1] == ")"
        lunar = text[m.end() : m.end() + 8].strip().lower().startswith("âm lịch")
        if wrapped or lunar or _DATE_WORDS.search(before) or _DATE_BEFORE.search(before):
            return "date", m.end(), Decimal(int(m.group(2)) * 100 + int(m.group(1)))
    m = _TIME.match(text, a)
    if m:
        return "identifier", m.end(), Decimal(text[a : a + 2].rstrip("h"))
    return None


def classify(text: str, a: int, b: int, value: Decimal) -> tuple[str, int, Decimal | None, Decimal]:
    """(kind, end of the token, denominator, value) for the number text[a:b].

    Dates get the value YYYYMMDD (YYYYMM, MMDD without year) so they sort and compare.
    """
    digits_at = a if text[a].isdigit() else a + len(text[a:b]) - len(text[a:b].lstrip("+-−– "))
    raw = text[digits_at:b]
    if _list_marker(text, digits_at, b):
        return "list-marker", b, None, value
    doc = _DOC.match(text, digits_at)
    if doc and ("/" in doc.group() or text[doc.end() : doc.end() + 1] == "/"):
        numeric = _DOC_NUMERIC.match(text, digits_at)
        return "doc-number", max(b, numeric.end() if numeric else b), None, value
    if _DOC_BEFORE.search(text[max(0, a - 15) : a]):
        return "doc-number", b, None, value
    dated = _date_kind(text, digits_at)
    if dated:
        return dated[0], dated[1], None, dated[2]
    if re.fullmatch(r"(?:19|20)\d\d", raw) and _RATIO.match(text, b) is None:
        return "year", b, None, value
    clock = _ROUND_THE_CLOCK.match(text, digits_at)
    if clock:
        return "identifier", clock.end(), None, value
    ratio = _RATIO.match(text, b)
    if ratio:
        denominator = _parse_vi(ratio.group(1))
        if denominator is not None:
            return "ratio", ratio.end(), denominator, value
    if _identifier(text, a, b):
        return "identifier", b, None, value
    return "number", b, None, value


def _identifier(text: str, a: int, b: int) -> bool:
    """Names that contain a number: "COVID-19", "lần thứ 8", "dự án số 3A", "m3"."""
    if _IDENT_BEFORE.search(text[max(0, a - 20) : a]):
        return True
    if b < len(text) and text[b].isupper() and _is_letter(text[b]):
        return True
    if _STARS.match(text, b):  # "OCOP đạt hạng 4 sao": a class, not a count
        return True
    if _names_a_group_or_occasion(text, a, b):
        return True
    if _in_code(text, a):
        return True
    unit = re.search(r"[^\W\d_]+$", text[max(0, a - 4) : a])
    return bool(unit and unit.group().lower() in _UNIT_WORDS)


def _names_a_group_or_occasion(text: str, a: int, b: int) -> bool:
    """An age bound ("trẻ dưới 5 tuổi", "6-60 tháng tuổi"), a schedule ("3 tháng/lần"), an
    anniversary ("kỷ niệm 80 năm", "15 năm Ngày …") or "1 trong 20": not a measure.
    A figure in years of age ("tuổi thọ … đạt 73,5 tuổi") has no bound word before it."""
    before = text[max(0, a - 12) : a]
    if _AGE_AFTER.match(text, b) and _AGE_BEFORE.search(before):
        return True
    if _EVERY.match(text, b) or _ONE_OF.match(text, b):
        return True
    return bool(_ANNIVERSARY_BEFORE.search(before) or _ANNIVERSARY_AFTER.match(text, b))


def _in_code(text: str, a: int) -> bool:
    """Digits glued after letters that are themselves glued after a digit ("H5N1"): a
    code, not a count (a footnote marker is glued after a plain word)."""
    word = re.search(r"[^\W\d_]+$", text[max(0, a - 6) : a])
    if word is None:
        return False
    glued = a - len(word.group()) - 1
    return glued >= 0 and text[glued].isdigit()
