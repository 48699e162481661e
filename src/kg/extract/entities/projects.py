"""Projects the report names, where they are, what holds them up, how they are financed.

Projects are read four ways: lists in footnotes that start with "Dự án" (one project per
item, split at ";"); expressways "cao tốc A (…) - B (…)"; hydropower plants "Thủy điện X"
(also "dự án Thủy điện: X, Y"); numbered projects "dự án phát triển đô thị số 3A, 7A";
and "Dự án" + a capitalised or quoted name. A project is located in the units named
inside its own name or list item; it meets an obstacle when the obstacle is named in the
clause that carries its footnote, or later in its own sentence outside brackets.
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.entities.admin import Mention
from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.english import english_label
from kg.extract.entities.fold import LB, LE, compile_folded
from kg.extract.entities.lexicon import Lexicon
from kg.extract.entities.names import CAP_RUN
from kg.extract.records import Segment
from kg.iris import slug

Found = tuple[str, int, int]  # entity ref, start, end of the mention

_EXPRESSWAY = re.compile(
    rf"(?:tuyến\s+)?(?:đường\s+bộ\s+)?cao\s+tốc\s+({CAP_RUN})\s*(\([^)]{{0,30}}\))?\s*[-–]\s*"
    rf"({CAP_RUN})\s*(\([^)]{{0,30}}\))?",
    re.IGNORECASE,
)
_HYDRO = re.compile(rf"[Tt]h[ủu]y\s+điện[ \t]*(:?)[ \t]*\n?[ \t]*({CAP_RUN}(?:[ \t]+[A-Z]\b)?)")
_BELONGS = re.compile(r"(?<!\w)thuoc(?!\w)")
_MORE = re.compile(rf"\s*,\s*({CAP_RUN}(?:[ \t]+[A-Z]\b)?)")
_NUMBERED = compile_folded(r"du an phat trien do thi so ((?:\d+[a-z]?(?:, ?| va )?)+)")
_NAMED = re.compile(
    r"(?<!\w)(?:Dự án|dự án)\s*(?:“([^”]{5,200})”|\"([^\"]{5,200})\"|(?=[A-ZĐ\d]))"
    r"|(?<!\w)Dự án\s+(?=[^\W\d_])"
)
_NAMED_END = re.compile(r"[;:.(“]|\s(?:thuộc|trên|đúng|theo|đi|chưa|do|đã|được|gồm)\s")


def add_projects(
    col: Collector,
    doc: Doc,
    lex: Lexicon,
    units: list[Mention],
    programmes: dict[str, list[tuple[int, int]]],
) -> None:
    found: list[Found] = []
    found += _footnote_lists(col, doc, units, lex)
    found += _expressways(col, doc, units)
    found += _hydropower(col, doc)
    found += _numbered(col, doc)
    found += _named(col, doc, lex, units, found, programmes)
    _sentence_links(col, doc, lex, found)
    _programme_links(col, doc, found, programmes)


def _programme_links(
    col: Collector, doc: Doc, found: list[Found], programmes: dict[str, list[tuple[int, int]]]
) -> None:
    """ "Dự án … thuộc Chương trình MTQG …": the programme the project belongs to."""
    for ref, _, end in found:
        clause_end = doc.clause_bounds(end)[1]
        for programme, places in sorted(programmes.items()):
            for p_start, p_end in places:
                gap = doc.folded[end:p_start]
                if end <= p_start < clause_end and len(gap) < 40 and _BELONGS.search(gap):
                    col.relate(ref, "programme", programme, doc.span(p_start, p_end))


def _project(
    col: Collector, doc: Doc, lex: Lexicon, name: str, start: int, end: int, **attrs: str
) -> str:
    label = " ".join(name.split()).strip(" .…;,")
    label = label[:1].upper() + label[1:]
    label_en = english_label(label, dict(lex.data["projects"].get("glossary") or {}))
    key = slug(label)[:80].strip("-")
    return col.add("project", key, label, doc.span(start, end), label_en, attrs)


def _locate(col: Collector, doc: Doc, ref: str, units: list[Mention], start: int, end: int) -> None:
    for u in units:
        if start <= u.start and u.end <= end:
            col.relate(ref, "location", f"admin-unit:{u.code}", doc.span(u.start, u.end))


def _footnote_lists(col: Collector, doc: Doc, units: list[Mention], lex: Lexicon) -> list[Found]:
    out: list[Found] = []
    for seg in (s for s in doc.segments if s.kind == "footnote"):
        body = re.match(r"\s*\d*\s*(Dự án\s+)", doc.text[seg.start : seg.end])
        if not body:
            continue
        pos = seg.start + body.start(1)
        refs = []
        for item in re.finditer(r"[^;]+", doc.text[pos : seg.end]):
            start, end = pos + item.start(), pos + item.end()
            name = re.sub(r"^\s*Dự án\s+", "", item.group()).strip()
            if len(name.split()) < 3:
                continue
            ref = _project(col, doc, lex, name, start, end, source="footnote-list")
            _locate(col, doc, ref, units, start, end)
            refs.append(ref)
            out.append((ref, start, end))
        _footnote_obstacles(col, doc, lex, seg, refs)
    return out


def _footnote_obstacles(
    col: Collector, doc: Doc, lex: Lexicon, seg: Segment, refs: list[str]
) -> None:
    """The clause holding the footnote marker names what the listed projects are stuck on."""
    if seg.marker_offset is None:
        return
    start, end = doc.clause_bounds(seg.marker_offset)
    end = min(end, doc.segment_end(seg.marker_offset))
    for _key, cue_start, cue_end, entry in obstacle_cues(doc, lex, start, end):
        obstacle = _obstacle(col, doc, entry, cue_start, cue_end)
        for ref in refs:
            col.relate(ref, "obstacle", obstacle, doc.span(cue_start, cue_end))


def obstacle_cues(doc: Doc, lex: Lexicon, start: int, end: int) -> list[tuple[str, int, int, Any]]:
    """Obstacle cues in [start, end), each in a clause that names a problem."""
    problem = compile_folded(rf"{LB}(?:{'|'.join(lex.get('obstacles', 'problem_words'))}){LE}")
    out = []
    for entry in lex.get("obstacles", "obstacles"):
        for cue in entry["cues"]:
            for m in compile_folded(rf"{LB}{cue}{LE}").finditer(doc.folded, start, end):
                c_start, c_end = doc.clause_bounds(m.start())
                if problem.search(doc.folded, c_start, c_end):
                    out.append((entry["key"], m.start(), m.end(), entry))
    return sorted(out, key=lambda c: (c[1], c[0]))


def _obstacle(col: Collector, doc: Doc, entry: dict[str, Any], start: int, end: int) -> str:
    return col.add(
        "obstacle", entry["key"], entry["label"], doc.span(start, end), entry.get("label_en")
    )


def _expressways(col: Collector, doc: Doc, units: list[Mention]) -> list[Found]:
    out = []
    for m in _EXPRESSWAY.finditer(doc.text):
        a, b = " ".join(m.group(1).split()), " ".join(m.group(3).split())
        ref = col.add(
            "project",
            slug(f"cao tốc {a} {b}"),
            f"Đường bộ cao tốc {a} - {b}",
            doc.span(m.start(), m.end()),
            f"{_ascii(a)} - {_ascii(b)} expressway",
            {"project-type": "expressway"},
        )
        _locate(col, doc, ref, units, m.start(), m.end())
        out.append((ref, m.start(), m.end()))
    return out


def _ascii(name: str) -> str:
    return " ".join(w.capitalize() for w in slug(name).split("-"))


def _hydropower(col: Collector, doc: Doc) -> list[Found]:
    out = []
    for m in _HYDRO.finditer(doc.text):
        names = [(m.start(2), m.end(2))]
        if m.group(1):  # "Thủy điện: Bảo Lạc A, Thượng Hà, Pác Khuổi"
            pos = m.end()
            while more := _MORE.match(doc.text, pos):
                names.append((more.start(1), more.end(1)))
                pos = more.end()
        for start, end in names:
            name = " ".join(doc.text[start:end].split())
            span_start = m.start() if start == m.start(2) else start
            ref = col.add(
                "project",
                slug(f"thuy dien {name}"),
                f"Thủy điện {name}",
                doc.span(span_start, end),
                f"{_ascii(name)} hydropower plant",
                {"project-type": "hydropower"},
            )
            out.append((ref, span_start, end))
    return out


def _numbered(col: Collector, doc: Doc) -> list[Found]:
    out = []
    for m in _NUMBERED.finditer(doc.folded):
        for code in re.finditer(r"\d+[a-z]?", m.group(1)):
            start, end = m.start(1) + code.start(), m.start(1) + code.end()
            number = doc.text[start:end].upper()
            ref = col.add(
                "project",
                f"du-an-phat-trien-do-thi-{slug(number)}",
                f"Dự án phát triển đô thị số {number}",
                doc.span(start, end),
                f"Urban development project No. {number}",
                {"project-type": "urban"},
            )
            out.append((ref, start, end))
    return out


def _named(
    col: Collector,
    doc: Doc,
    lex: Lexicon,
    units: list[Mention],
    found: list[Found],
    programmes: dict[str, list[tuple[int, int]]],
) -> list[Found]:
    out = []
    taken = [(s, e) for _, s, e in found] + [p for ps in programmes.values() for p in ps]
    starts = compile_folded("|".join(lex.get("projects", "name_starts")))
    aliases = _numbered_aliases(doc)
    for m in _NAMED.finditer(doc.text):
        if not _is_name(doc, m, starts):
            continue
        start, end = _name_range(doc, m)
        name = doc.display(start, end)
        numeric = name.isdigit()
        too_short = len(name.split()) < (1 if numeric else 3)
        if too_short or any(s < end and start < e for s, e in taken):
            continue
        attrs = _project_attrs(doc, name, end, aliases)
        if numeric and name in aliases:
            name, numeric = aliases[name], False
        shown = f"Dự án {name}" if numeric else name
        ref = _project(col, doc, lex, shown, m.start(), end, **attrs)
        _locate(col, doc, ref, units, start, end)
        out.append((ref, m.start(), end))
    return out


def _project_attrs(doc: Doc, name: str, end: int, aliases: dict[str, str]) -> dict[str, str]:
    """The number of a numbered project ("Dự án 513 “Hoàn thiện …”") and its title."""
    if not name.isdigit():
        numbers = [n for n, alias in sorted(aliases.items()) if alias == name]
        return {"number": numbers[0]} if numbers else {}
    attrs = {"number": name}
    quoted = re.match(r"\s*“([^”]{5,200})”", doc.text[end:])
    if quoted:
        attrs["title"] = " ".join(quoted.group(1).split())
    return attrs


def _is_name(doc: Doc, m: re.Match[str], starts: re.Pattern[str]) -> bool:
    lower = not (m.group(1) or m.group(2)) and doc.text[m.end()].islower()
    if lower and not starts.match(doc.folded, m.end()):
        return False  # "Dự án chiếm tỷ trọng …" is a sentence about a project, not a name
    # "Tiểu dự án" is a part of a project, not one
    return not re.search(r"[Tt]iểu\s+$", doc.text[max(0, m.start() - 6) : m.start()])


def _numbered_aliases(doc: Doc) -> dict[str, str]:
    """dự án “Thí điểm …” (Dự án 585): later "Dự án 585" is the same project."""
    pattern = re.compile(r"“([^”]{5,200})”\s*\(\s*Dự án\s+(\d+)\s*\)")
    return {m.group(2): doc.display(m.start(1), m.end(1)) for m in pattern.finditer(doc.text)}


def _name_range(doc: Doc, m: re.Match[str]) -> tuple[int, int]:
    """A quoted name, a number ("Dự án 585"), or capitalised words up to the clause end."""
    if m.group(1) or m.group(2):
        return (m.start(1), m.end(1)) if m.group(1) else (m.start(2), m.end(2))
    number = re.match(r"\d+\b", doc.text[m.end() :])
    if number:
        return m.end(), m.end() + number.end()
    stop = _NAMED_END.search(doc.text, m.end(), doc.segment_end(m.start()))
    return m.end(), min(stop.start() if stop else doc.segment_end(m.start()), m.end() + 160)


def _sentence_links(col: Collector, doc: Doc, lex: Lexicon, found: list[Found]) -> None:
    """PPP and obstacles the sentence states after a project named outside brackets."""
    modes = lex.get("obstacles", "investment_modes")
    for ref, start, end in found:
        s_start, s_end = doc.sentence_bounds(start)
        if doc.text[s_start:start].count("(") > doc.text[s_start:start].count(")"):
            continue
        for entry in modes:
            for cue in entry["cues"]:
                m = compile_folded(rf"{LB}{cue}{LE}").search(doc.folded, s_start, s_end)
                if m:
                    mode = col.add(
                        "investment-mode",
                        entry["key"],
                        entry["label"],
                        doc.span(m.start(), m.end()),
                        entry.get("label_en"),
                    )
                    col.relate(ref, "investment-mode", mode, doc.span(m.start(), m.end()))
        for _, c_start, c_end, entry in obstacle_cues(doc, lex, end, doc.clause_bounds(end)[1]):
            obstacle = _obstacle(col, doc, entry, c_start, c_end)
            col.relate(ref, "obstacle", obstacle, doc.span(c_start, c_end))
