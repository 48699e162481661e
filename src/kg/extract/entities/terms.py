"""Lexicon terms found by their folded patterns: programmes, organisations, indices,
foreign areas. A template key or label may hold `{province}` / `{province_key}`, the
report's own province, so "HĐND tỉnh" in a Lạng Sơn report is Lạng Sơn's council."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.fold import LB, LE, compile_folded
from kg.extract.entities.lexicon import Lexicon
from kg.iris import slug

Hit = tuple[dict[str, Any], int, int]


def find_terms(doc: Doc, entries: list[dict[str, Any]], capital: bool = False) -> Iterator[Hit]:
    """(entry, start, end) for every pattern match, leftmost-longest, no overlaps."""
    hits: list[Hit] = []
    for entry in entries:
        for pattern in entry.get("patterns", []):
            for m in compile_folded(rf"{LB}(?:{pattern}){LE}").finditer(doc.folded):
                if _excluded(doc, entry, m.start()) or (capital and not _cap(doc, m.start())):
                    continue
                hits.append((entry, m.start(), m.end()))
    hits.sort(key=lambda h: (h[1], -(h[2] - h[1])))
    end = -1
    for hit in hits:
        if hit[1] >= end:
            end = hit[2]
            yield hit


def _cap(doc: Doc, pos: int) -> bool:
    return doc.text[pos].isupper()


def _excluded(doc: Doc, entry: dict[str, Any], pos: int) -> bool:
    before = doc.folded[max(0, pos - 20) : pos]
    return any(re.search(rf"{re.escape(w)}$", before) for w in entry.get("not_after", []))


def fill(value: str | None, doc: Doc) -> str | None:
    if value is None:
        return None
    filled = value.format(province=doc.province, province_key=slug(doc.province))
    return " ".join(filled.split())  # no province known: "Tỉnh ủy", not "Tỉnh ủy "


def add_programmes(col: Collector, doc: Doc, lex: Lexicon) -> dict[str, list[tuple[int, int]]]:
    """Programmes and the members of the province's programme groups; where each is named."""
    where: dict[str, list[tuple[int, int]]] = {}
    entries = lex.get("programmes", "programmes") + lex.get("programmes", "members")
    for entry, start, end in find_terms(doc, entries):
        attrs = {"national-target": "true"} if entry.get("national_target") else {}
        if entry.get("group"):
            attrs["group" if entry["group"] is True else "member-of"] = str(entry["group"])
        ref = col.add(
            "programme",
            entry["key"],
            entry["label"],
            doc.span(start, end),
            entry.get("label_en"),
            attrs,
        )
        where.setdefault(ref, []).append((start, end))
    for entry in (e for e in entries if isinstance(e.get("group"), str)):
        ref, group = f"programme:{entry['key']}", f"programme:{entry['group']}"
        if ref in where and group in where:
            start, end = where[ref][0]
            col.relate(ref, "part-of", group, doc.span(start, end))
    return where


def add_organisations(col: Collector, doc: Doc, lex: Lexicon) -> dict[str, list[tuple[int, int]]]:
    where: dict[str, list[tuple[int, int]]] = {}
    for entry, start, end in find_terms(doc, lex.get("organisations", "organisations")):
        key = fill(entry["key"], doc) or ""
        ref = col.add(
            "organisation",
            key.strip("-"),
            fill(entry["label"], doc) or "",
            doc.span(start, end),
            fill(entry.get("label_en"), doc),
        )
        where.setdefault(ref, []).append((start, end))
    for ref, spans in _headed(col, doc, lex).items():
        where.setdefault(ref, []).extend(spans)
    return where


def _headed(col: Collector, doc: Doc, lex: Lexicon) -> dict[str, list[tuple[int, int]]]:
    """ "Bộ Tài chính", "Sở Tư pháp": a head word and a known field of government."""
    names = lex.data["organisations"].get("fields") or {}
    escaped = (re.escape(n).replace("\\ ", " ") for n in sorted(names, key=len, reverse=True))
    alternatives = "|".join(escaped)
    where: dict[str, list[tuple[int, int]]] = {}
    for head in lex.get("organisations", "heads"):
        pattern = compile_folded(rf"{LB}{head['head']} ({alternatives}){LE}")
        for m in pattern.finditer(doc.folded):
            if not (_cap(doc, m.start()) and _cap(doc, m.start(1))):
                continue
            field = " ".join(m.group(1).split())
            label = f"{head['label']} {names[field]['vi']}"
            label_en = f"{head['label_en']} {names[field]['en']}"
            key = slug(f"{head['head']} {field}")
            if head.get("province_scoped") and doc.province:
                key, label = f"{key}-{slug(doc.province)}", f"{label} tỉnh {doc.province}"
                label_en = f"{label_en}, {doc.province} Province"
            ref = col.add("organisation", key, label, doc.span(m.start(), m.end()), label_en)
            where.setdefault(ref, []).append((m.start(), m.end()))
    return where


def add_indices(
    col: Collector, doc: Doc, lex: Lexicon, reach: int = 2500
) -> dict[str, list[tuple[int, int]]]:
    """Composite indices, and components linked to the index named before them."""
    seen: dict[str, list[int]] = {}
    where: dict[str, list[tuple[int, int]]] = {}
    for entry, start, end in find_terms(doc, lex.get("indices", "indices")):
        col.add(
            "composite-index",
            entry["key"],
            entry["label"],
            doc.span(start, end),
            entry.get("label_en"),
            {"sector": entry["sector"]} if entry.get("sector") else None,
        )
        seen.setdefault(entry["key"], []).append(start)
        where.setdefault(f"composite-index:{entry['key']}", []).append((start, end))
    for entry, start, end in find_terms(doc, lex.get("indices", "components")):
        index = entry["index"]
        if not any(0 <= start - s <= reach for s in seen.get(index, [])):
            continue  # a component name alone ("tính minh bạch") need not be the index's
        span = doc.span(start, end)
        ref = col.add(
            "index-component",
            entry["key"],
            entry["label"],
            span,
            entry.get("label_en"),
            {"index": index},
        )
        col.relate(ref, "component-of", f"composite-index:{index}", span)
    return where


def add_foreign_areas(col: Collector, doc: Doc, lex: Lexicon) -> None:
    """Foreign areas (capitalised), placed in the area the text puts after them."""
    hits = list(find_terms(doc, lex.get("foreign-areas", "areas"), capital=True))
    for entry, start, end in hits:
        col.add(
            "foreign-area",
            entry["key"],
            entry["label"],
            doc.span(start, end),
            entry.get("label_en"),
            {"type": entry.get("type", "")},
        )
    for (a, a_start, a_end), (b, b_start, b_end) in itertools.pairwise(hits):
        if re.fullmatch(r"\s*[(,]\s*", doc.text[a_end:b_start]) and a["key"] != b["key"]:
            col.relate(
                f"foreign-area:{a['key']}",
                "contained-in",
                f"foreign-area:{b['key']}",
                doc.span(a_start, b_end),
            )


_COMPANY = re.compile(
    r"(?<!\w)Công\s+ty\s+(?:CP|TNHH|[Cc]ổ\s+phần)[^\W\d_]*(?:[ \t]+[^\W\d_]+){1,7}"
)
_COMPANY_END = re.compile(r"\s+(?:đã|được|tại|trên|thực|và|với|để)\s")


def add_companies(col: Collector, doc: Doc) -> None:
    """ "Công ty CP gang thép Cao Bằng": a company named with its legal form."""
    for m in _COMPANY.finditer(doc.text):
        stop = _COMPANY_END.search(m.group())
        end = m.start() + (stop.start() if stop else len(m.group()))
        label = doc.display(m.start(), end)
        col.add(
            "organisation",
            slug(label),
            label,
            doc.span(m.start(), end),
            f"Company: {label}",
            {"org-type": "company"},
        )
