"""Numbers as Vietnamese reports write them, with what the text around them says.

Vietnamese groups thousands with "." and marks decimals with "," ("1.144.384",
"3,29"); the appendix tables of the same reports use "." as a decimal point ("8.00").
The finder reports every digit run once, classified (`kind`) so that callers can skip
dates, years, document numbers, list markers and footnote markers, and it records the
qualifier before ("hơn", "khoảng" …) and the multiplier word after ("triệu", "tỷ" …)
without applying either: deciding what "triệu đồng" means is the unit layer's job.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal

from kg.extract.text.context import (
    classify,
    footnote_marker_kind,
    multiplier_after,
    qualifier_before,
)

KINDS = (
    "number",
    "ratio",
    "date",
    "year",
    "doc-number",
    "list-marker",
    "footnote-marker",
    "identifier",
)


@dataclass(frozen=True)
class NumberToken:
    """One number in the text; `text == source[start - offset:end - offset]`."""

    value: Decimal
    start: int
    end: int
    text: str
    denominator: Decimal | None = None
    qualifier: str | None = None  # approximately | more-than | less-than | at-least
    multiplier_word: str | None = None  # nghìn | triệu | tỷ (as read, folded)
    ambiguous: bool = False
    footnote_marker: str | None = None
    kind: str = "number"  # one of KINDS


_SIGN = "+-−–"
_YEAR_BEFORE = re.compile(r"\bnăm\s+$", re.IGNORECASE)
_RAW = re.compile(r"(?<!\d)\d+(?:[.,]\d+)*")
_SPLIT_OCR = re.compile(r"\b(?:bằng|bàng|đạt|tăng|giảm) (\d{1,3}) (\d{1,3},\d+)(?= ?%)")


def parse_number(s: str, *, decimal_point_style: bool = False) -> Decimal:
    """Read one number written the Vietnamese way ("1.144.384", "3,29", "+ 0.1").

    A "." followed by one, two or more than three digits cannot group thousands, so it
    is read as a decimal point ("8.00", "57.83"); a single "." followed by exactly three
    digits groups thousands unless `decimal_point_style` says the table uses points.
    """
    body = s.strip()
    if not body:
        raise ValueError("empty string is not a number")
    sign = 1
    if body[0] in _SIGN:
        sign = 1 if body[0] == "+" else -1
        body = body[1:].lstrip()
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", body):
        raise ValueError(f"{s!r} is not a number (digits with '.' or ',' separators expected)")
    value = _unsigned(body, decimal_point_style)
    return value if sign == 1 else -value


def _unsigned(body: str, decimal_point_style: bool) -> Decimal:
    dots, commas = body.count("."), body.count(",")
    if commas > 1 and dots == 0:
        raise ValueError(f"{body!r}: more than one decimal comma")
    if dots == 1 and commas == 0:
        head, tail = body.split(".")
        if len(tail) != 3 or decimal_point_style:
            return Decimal(f"{head}.{tail}")
    if dots and commas and body.rfind(",") < body.rfind("."):
        raise ValueError(f"{body!r}: decimal comma before a thousands point")
    try:
        return Decimal(str(parse_decimal(body, locale="vi", strict=True)))
    except (NumberFormatError, InvalidOperation) as err:
        raise ValueError(f"{body!r} is not a Vietnamese-formatted number: {err}") from err


@dataclass(frozen=True)
class _Style:
    point: bool  # the text (a table) may use "." as a decimal point
    known_markers: bool  # footnote markers were given by the segmenter


def is_ambiguous(body: str) -> bool:
    """True when a dotted number reads differently as thousands or as a decimal point.

    Running Vietnamese text groups thousands with "." by convention, so "1.909 hộ" is
    only flagged where points may be decimals (tables: `decimal_point_style`).
    """
    return bool(re.fullmatch(r"\d{1,3}\.\d{3}", body))


def _merged_ocr_splits(text: str) -> dict[int, re.Match[str]]:
    """OCR sometimes puts a space inside a number ("bằng 10 6,47%")."""
    return {m.start(1): m for m in _SPLIT_OCR.finditer(text)}


def find_numbers(
    text: str,
    offset: int = 0,
    *,
    decimal_point_style: bool = False,
    markers: Collection[tuple[int, int]] = (),
) -> list[NumberToken]:
    """Every number in `text`; offsets are `offset` + index into `text`.

    `decimal_point_style` marks table text ("8.00", "+ 0.1 -7"): signs written before a
    number count even after another number, and "x.yyy" is flagged `ambiguous`.

    `markers` are known footnote-marker spans (absolute offsets, e.g. from
    `kg.extract.text.segment.footnote_markers`): digits there become `footnote-marker`
    tokens and the number they are glued to records them.
    """
    local = [(a - offset, b - offset) for a, b in markers]
    style = _Style(point=decimal_point_style, known_markers=bool(markers))
    splits = _merged_ocr_splits(text)
    tokens: list[NumberToken] = []
    skip_until = -1
    for m in _RAW.finditer(text):
        if m.start() < skip_until:
            continue
        if m.start() in splits:
            sm = splits[m.start()]
            tokens.append(_split_token(sm, text, offset))
            skip_until = sm.end(2)
            continue
        found = _tokens_for(m, text, offset, style, local)
        tokens.extend(found)
        if found:
            skip_until = max(t.end for t in found) - offset
    return _attach_markers(tokens)


def _split_token(m: re.Match[str], text: str, offset: int) -> NumberToken:
    value = parse_number(m.group(1) + m.group(2))
    return NumberToken(
        value=value,
        start=offset + m.start(1),
        end=offset + m.end(2),
        text=text[m.start(1) : m.end(2)],
        qualifier=qualifier_before(text, m.start(1)),
        ambiguous=True,
    )


def _marker_cut(a: int, b: int, markers: list[tuple[int, int]]) -> int | None:
    """Where a known marker starts inside the digit run [a, b), if one does."""
    for ma, mb in markers:
        if ma < b and a < mb <= b:  # "I7": the OCR'd "1" of the marker is a letter
            return max(ma, a)
    return None


def _tokens_for(
    m: re.Match[str],
    text: str,
    offset: int,
    style: _Style,
    markers: list[tuple[int, int]],
) -> list[NumberToken]:
    a, b = m.span()
    cut = _marker_cut(a, b, markers)
    if cut is None and not style.known_markers:
        cut = _year_marker_cut(text, a, b)
    if cut is not None:
        out: list[NumberToken] = []
        if cut > a:
            out.extend(_tokens_for_run(text, a, cut, offset, style))
        out.append(_marker_token(text, cut, b, offset))
        return out
    return _tokens_for_run(text, a, b, offset, style)


def _year_marker_cut(text: str, a: int, b: int) -> int | None:
    """ "năm 20237": a footnote marker glued to a year, seen without the segmenter's list."""
    if re.fullmatch(r"(?:19|20)\d{3,4}", text[a:b]) and _YEAR_BEFORE.search(
        text[max(0, a - 6) : a]
    ):
        return a + 4
    return None


def _marker_token(text: str, a: int, b: int, offset: int) -> NumberToken:
    return NumberToken(
        value=Decimal(text[a:b]),
        start=offset + a,
        end=offset + b,
        text=text[a:b],
        kind="footnote-marker",
    )


def _tokens_for_run(text: str, a: int, b: int, offset: int, style: _Style) -> list[NumberToken]:
    raw = text[a:b]
    if footnote_marker_kind(text, a, b):
        token = _marker_token(text, a, b, offset)
        # with the segmenter's marker list at hand, anything else glued to a word is a code
        return [replace(token, kind="identifier") if style.known_markers else token]
    try:
        # tables mix "8.00" (decimal point) with "1.909" (thousands): "." followed by
        # exactly three digits stays thousands and is flagged ambiguous there
        value = parse_number(raw)
    except ValueError:
        return _fallback(text, a, b, offset)
    sign_start, value = _with_sign(text, a, value, style.point)
    kind, extent, denominator, value = classify(text, sign_start, b, value)
    end = max(b, extent)
    return [
        NumberToken(
            value=value,
            start=offset + sign_start,
            end=offset + end,
            text=text[sign_start:end],
            denominator=denominator,
            qualifier=qualifier_before(text, sign_start),
            multiplier_word=multiplier_after(text, end),
            ambiguous=style.point and is_ambiguous(raw),
            kind=kind,
        )
    ]


def _fallback(text: str, a: int, b: int, offset: int) -> list[NumberToken]:
    """A malformed run ("2.469.415,1.2"): read its parts separately, flagged ambiguous."""
    out: list[NumberToken] = []
    for part in re.finditer(r"\d+", text[a:b]):
        pa, pb = a + part.start(), a + part.end()
        out.append(
            NumberToken(
                value=Decimal(part.group()),
                start=offset + pa,
                end=offset + pb,
                text=part.group(),
                ambiguous=True,
            )
        )
    return out


def _with_sign(text: str, a: int, value: Decimal, point_style: bool) -> tuple[int, Decimal]:
    """A "+"/"-" written before a number ("+ 0.1", "-7") that is not a range dash.

    In running text "2021 - 2025" and "Covid -19" are ranges and names; only tables
    (`point_style`) write signed changes after another number ("48 + 0.1 -7").
    """
    i = a - 1
    if i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] not in _SIGN:
        return a, value
    before = text[:i].rstrip()
    prev = before[-1] if before else ""
    if prev and (prev.isalpha() or prev in "/-"):
        return a, value
    if prev.isdigit() and text[i] != "+" and not point_style:
        return a, value
    return i, value if text[i] == "+" else -value


def _attach_markers(tokens: list[NumberToken]) -> list[NumberToken]:
    """A marker glued to the number before it ("39%21") is recorded on that number."""
    out: list[NumberToken] = []
    for tok in tokens:
        prev = out[-1] if out else None
        if (
            tok.kind == "footnote-marker"
            and prev is not None
            and prev.kind != "footnote-marker"
            and 0 <= tok.start - prev.end <= 2
        ):
            out[-1] = replace(prev, footnote_marker=tok.text)
        out.append(tok)
    return out
