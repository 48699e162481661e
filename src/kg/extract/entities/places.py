"""Places: border gates, geoparks, waterfalls, mines (cue word + name) and heritage items
(footnotes that list them), each placed in the communes and districts the text gives."""

from __future__ import annotations

import re
from typing import Any

from kg.extract.entities.admin import Mention
from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.fold import LB, LE, compile_folded, fold
from kg.extract.entities.lexicon import Lexicon
from kg.extract.entities.names import CAP_RUN, run_at
from kg.iris import slug

_FREE_STOP = re.compile(
    r"\s(?:nam(?=\s+\d)|va|theo|tai|giai|trong|thu|cua|ve|voi|den)(?=\s)|[;,.:()“”\"]|\n\s*\n"
)


def add_places(col: Collector, doc: Doc, lex: Lexicon, units: list[Mention]) -> None:
    for entry in lex.get("places", "places"):
        for m in compile_folded(rf"{LB}{entry['cue']}{LE}").finditer(doc.folded):
            name = _name(doc, entry, m.end())
            if name:
                _add_place(col, doc, entry, m.start(), m.end(), name, units)
    _heritage(col, doc, lex, units)


def _name(doc: Doc, entry: dict[str, Any], pos: int) -> tuple[int, int] | None:
    run = run_at(doc.text, pos, max_words=4)
    if not run:
        return None
    end = run.end
    if entry.get("free_name"):
        stop = _FREE_STOP.search(doc.folded, run.start)
        end = min(stop.start() if stop else len(doc.text), run.start + 60)
    if fold(doc.display(run.start, end)) in entry.get("exclude_names", []):
        return None
    return run.start, end


def _add_place(
    col: Collector,
    doc: Doc,
    entry: dict[str, Any],
    cue_start: int,
    cue_end: int,
    name: tuple[int, int],
    units: list[Mention],
) -> None:
    shown = doc.display(*name)
    prefix = doc.display(cue_start, cue_end) if entry.get("keep_cue") else entry["label_prefix"]
    label = f"{prefix} {shown}".strip()
    label = label[0].upper() + label[1:]
    key = slug(f"{entry['key']} {fold(prefix) if entry.get('keep_cue') else ''} {shown}")
    ref = col.add(
        "place",
        key,
        label,
        doc.span(cue_start, name[1]),
        f"{entry['label_en']} {_ascii(shown)}",
        {"place-type": entry["key"], "class": entry["class"]},
    )
    bracket = re.match(r"\s*\(([^)]{0,60})\)", doc.text[name[1] :])
    if bracket:
        start = name[1] + bracket.start(1)
        _contain(col, doc, ref, units, start, start + len(bracket.group(1)))
        _counterpart(col, doc, entry, name[1] + bracket.end())


_PAIR = re.compile(rf"[ \t]*[-–][ \t]*\n?[ \t]*({CAP_RUN})\s*\(\s*([^)]{{1,30}}?)\s*\)")


def _counterpart(col: Collector, doc: Doc, entry: dict[str, Any], pos: int) -> None:
    """ "cửa khẩu Sóc Giang (Việt Nam) - Bình Mãng (Trung Quốc)": the other side's gate,
    in the foreign area the brackets name."""
    m = _PAIR.match(doc.text, pos)
    area = m and _foreign_key(doc, m.group(2))
    if not m or not area:
        return
    shown = doc.display(m.start(1), m.end(1))
    label = f"{entry['label_prefix']} {shown}".strip()
    ref = col.add(
        "place",
        slug(f"{entry['key']} {shown}"),
        label[0].upper() + label[1:],
        doc.span(m.start(1), m.end()),
        f"{entry['label_en']} {_ascii(shown)}",
        {"place-type": entry["key"], "class": entry["class"]},
    )
    col.relate(ref, "contained-in", f"foreign-area:{area}", doc.span(m.start(2), m.end(2)))


def _foreign_key(doc: Doc, text: str) -> str | None:
    folded = " ".join(fold(text).split())
    for area in doc.foreign_areas:
        if any(re.fullmatch(p, folded) for p in area.get("patterns", [])):
            return str(area["key"])
    return None


def _ascii(name: str) -> str:
    return " ".join(w.capitalize() for w in slug(name).split("-"))


_CONTAINED = {"commune": "in-commune", "district": "in-district"}


def _contain(
    col: Collector, doc: Doc, ref: str, units: list[Mention], start: int, end: int
) -> None:
    for u in units:
        if start <= u.start and u.end <= end:
            predicate = _CONTAINED.get(u.level, "contained-in")
            col.relate(ref, predicate, f"admin-unit:{u.code}", doc.span(u.start, u.end))


def _heritage(col: Collector, doc: Doc, lex: Lexicon, units: list[Mention]) -> None:
    """Footnotes listing heritage items: name up to the first unit named, then its units."""
    spec = lex.data["places"]["heritage"]
    starts = compile_folded(rf"\s*\d*\s*{spec['starts']}")
    for seg in (s for s in doc.segments if s.kind == "footnote"):
        head = starts.match(doc.folded, seg.start, seg.end)
        if not head:
            continue
        pos = seg.start + len(re.match(r"\s*\d*\s*", doc.text[seg.start : seg.end]).group())
        for item in re.finditer(r"[^;]+", doc.text[pos : seg.end]):
            start, end = pos + item.start(), pos + item.end()
            inside = [u for u in units if start <= u.start and u.end <= end]
            name_end = min([u.start for u in inside], default=end)
            lead = re.match(rf"\s*(?:{spec['drop_prefix']})?", doc.folded[start:name_end])
            shown = doc.display(start + (lead.end() if lead else 0), name_end).rstrip(" ,.")
            if len(shown.split()) < 2:
                continue
            ref = col.add(
                "place",
                slug(shown)[:80].strip("-"),
                shown[0].upper() + shown[1:],
                doc.span(start, end),
                None,
                {"place-type": "heritage-item", "class": spec["class"]},
            )
            _contain(col, doc, ref, units, start, end)
