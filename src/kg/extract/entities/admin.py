"""Administrative units the report names, resolved to GSO codes of the 2023 list.

Three rules: a cue word and a capitalised name ("huyện Hà Quảng", "các thị trấn: Xuân
Hòa ..."), continued over lists ("huyện Bảo Lạc, Bảo Lâm"); a commune placed by the
district after it ("Chu Trinh (TPCB)", "Đức Long - Thạch An"); a province in brackets
("Đồng Đăng (Lạng Sơn)"). A name that is ambiguous is resolved by the districts named in
the same clause, then by the report's own province; if it stays ambiguous it is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.extract.entities.context import Collector, Doc
from kg.extract.entities.gazetteer import LATER, Gazetteer, Unit
from kg.extract.entities.lexicon import Lexicon
from kg.extract.entities.names import CAP_RUN, Run, run_at, runs_from_longest, suffixes, words_of

_SEP = re.compile(r"[ \t]*(?:,|và|-|–)[ \t]*\n?[ \t]*")
_LIST = re.compile(r"[ \t]*:")


@dataclass(frozen=True)
class Mention:
    start: int  # of the span (cue included)
    end: int
    name_start: int
    level: str
    name: str
    types: tuple[str, ...] = ()
    code: str = ""  # set once resolved


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    level: str
    types: tuple[str, ...]


def cues(lexicon: Lexicon) -> list[Cue]:
    items = sorted(lexicon.get("admin", "cues"), key=lambda c: -len(c["word"]))
    return [
        Cue(re.compile(rf"(?<!\w){c['word']}(?=[\s:])"), c["level"], tuple(c.get("types", ())))
        for c in items
    ]


def find_mentions(doc: Doc, gaz: Gazetteer, lexicon: Lexicon) -> list[Mention]:
    """Every unit mention, before resolution (a name may have several candidates)."""
    found: dict[tuple[int, int], Mention] = {}
    for cue in cues(lexicon):
        for m in cue.pattern.finditer(doc.folded):
            if any(s <= m.start() < e for s, e in found):
                continue  # "thị xã" already read, do not read its "xã" again
            for mention in _typed(doc, gaz, cue, m.start(), m.end()):
                found.setdefault((mention.start, mention.end), mention)
    for mention in _abbreviations(doc, lexicon) + _bracketed_provinces(doc, gaz):
        found.setdefault((mention.start, mention.end), mention)
    return sorted(found.values(), key=lambda x: (x.start, x.end))


def _typed(doc: Doc, gaz: Gazetteer, cue: Cue, start: int, end: int) -> list[Mention]:
    listing = _LIST.match(doc.text, end)
    pos = listing.end() if listing else end
    first = _match(doc, gaz, cue, pos, start)
    if not first:
        return []
    out = [first]
    if listing:
        return out + _list_items(doc, gaz, cue, first.end)
    while nxt := _continuation(doc, gaz, cue, out[-1].end):
        out.append(nxt)
    return out


def _match(doc: Doc, gaz: Gazetteer, cue: Cue, pos: int, span_start: int) -> Mention | None:
    run = run_at(doc.text, pos)
    if not run:
        return None
    for part in runs_from_longest(run):
        name = doc.display(part.start, part.end)
        if _candidates(gaz, cue.level, name):
            return Mention(span_start, part.end, part.start, cue.level, name, cue.types)
    return None


def _continuation(doc: Doc, gaz: Gazetteer, cue: Cue, end: int) -> Mention | None:
    sep = _SEP.match(doc.text, end)
    if not sep or sep.end() == end:
        return None
    return _match(doc, gaz, cue, sep.end(), sep.end())


def _list_items(doc: Doc, gaz: Gazetteer, cue: Cue, end: int) -> list[Mention]:
    """After "các thị trấn:", every name of that level up to the end of the sentence."""
    _, stop = doc.sentence_bounds(end)
    stop = min(stop, doc.bounds(end, re.compile(r"\.(?=\s)|\n\s*\n"))[1])
    out = []
    for m in re.finditer(CAP_RUN, doc.text[:stop]):
        if m.start() < end or _after_cue(doc, m.start()):
            continue
        hit = _match(doc, gaz, cue, m.start(), m.start())
        if hit:
            out.append(hit)
    return out


def _after_cue(doc: Doc, pos: int) -> bool:
    before = doc.folded[max(0, pos - 12) : pos].rstrip()
    return bool(re.search(r"(huyen|tinh|xa|phuong|thi tran|thanh pho|tp)$", before))


def _abbreviations(doc: Doc, lexicon: Lexicon) -> list[Mention]:
    out = []
    for abbr, spec in (lexicon.data["admin"].get("abbreviations") or {}).items():
        for m in re.finditer(rf"(?<!\w){re.escape(abbr)}(?!\w)", doc.folded):
            out.append(Mention(m.start(), m.end(), m.start(), spec["level"], spec["name"]))
    return out


def _bracketed_provinces(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    out = []
    for m in re.finditer(rf"\(\s*({CAP_RUN})\s*[),]", doc.text):
        name = doc.display(m.start(1), m.end(1))
        if gaz.find("province", name):
            out.append(Mention(m.start(1), m.end(1), m.start(1), "province", name))
    return out


def _candidates(gaz: Gazetteer, level: str, name: str) -> list[Unit]:
    found = gaz.find(level, name)
    if level == "district" and not found:  # "thành phố Hà Nội" is a province-level city
        found = [u for u in gaz.find("province", name) if u.type.startswith("Thành phố")]
    if level == "commune" and not found:  # a unit created in 2025 ("phường Thục Phán")
        found = gaz.find(LATER, name)
    return found


def home_province(mentions: list[Mention], gaz: Gazetteer) -> str:
    """The province the report is about: the one it names most often."""
    counts = Counter(
        gaz.find("province", m.name)[0].code
        for m in mentions
        if m.level == "province" and gaz.find("province", m.name)
    )
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[0][0] if ranked else ""


def resolve(doc: Doc, gaz: Gazetteer, mentions: list[Mention], home: str) -> list[Mention]:
    """Give each mention a code: provinces, then districts, then communes in context."""
    done: list[Mention] = []
    for level in ("province", "district", "commune"):
        for m in (x for x in mentions if x.level == level):
            code = _choose(doc, gaz, m, done, home)
            if code:
                done.append(Mention(**{**m.__dict__, "code": code}))
    done += _placed_communes(doc, gaz, done, home)
    return sorted(set(done), key=lambda x: (x.start, x.end, x.code))


def _choose(doc: Doc, gaz: Gazetteer, m: Mention, done: list[Mention], home: str) -> str:
    cands = _candidates(gaz, m.level, m.name)
    typed = [u for u in cands if u.type in m.types]
    cands = typed or cands
    if len(cands) <= 1:
        unit = cands[0] if cands else None
        return unit.code if unit and _plausible(gaz, unit, home, doc, m, done) else ""
    for bounds in (doc.clause_bounds(m.start), doc.sentence_bounds(m.start)):
        near = _codes_within(done, bounds)
        hits = [u for u in cands if u.parent in near or gaz.province_of(u.code) in near]
        if len(hits) == 1:
            return hits[0].code
    hits = [u for u in cands if gaz.province_of(u.code) == home]
    return hits[0].code if len(hits) == 1 else ""


def _plausible(gaz: Gazetteer, unit: Unit, home: str, doc: Doc, m: Mention, done: list) -> bool:
    """A commune is read only in the report's province or beside its own district."""
    if not unit.level.startswith("commune") or gaz.province_of(unit.code) == home:
        return True
    return unit.parent in _codes_within(done, doc.sentence_bounds(m.start))


def _codes_within(done: list[Mention], bounds: tuple[int, int]) -> set[str]:
    return {x.code for x in done if bounds[0] <= x.start < bounds[1]}


def _placed_communes(doc: Doc, gaz: Gazetteer, done: list[Mention], home: str) -> list[Mention]:
    """ "X (huyện Y)", "X - Y", "X (TPCB)": X is a commune of the district Y."""
    out = []
    districts = [d for d in done if d.level == "district"] + _bare_districts(doc, gaz, home)
    taken = [(x.start, x.end) for x in done]
    for d in districts:
        before = doc.text[max(0, d.start - 60) : d.start]
        m = re.search(
            r"([^\W\d_][^\W_]*(?:[ \t]+\n?[ \t]*[^\W\d_][^\W_]*){0,5})\s*[(\-–]\s*$", before
        )
        run = m and words_of(
            doc.text, d.start - len(before) + m.start(1), d.start - len(before) + m.end(1)
        )
        for part in suffixes(run) if run else []:
            name = doc.display(part.start, part.end)
            hits = [u for u in gaz.find("commune", name) if u.parent == d.code]
            overlaps = any(s < part.end and part.start < e for s, e in taken)
            if hits and doc.text[part.start].isupper() and not overlaps:
                out.append(
                    Mention(part.start, part.end, part.start, "commune", name, (), hits[0].code)
                )
                if d not in done:
                    out.append(d)
                break
    return out


def _bare_districts(doc: Doc, gaz: Gazetteer, home: str) -> list[Mention]:
    """Districts of the report's province named without a cue, after a dash or bracket."""
    out = []
    for m in re.finditer(rf"[(\-–]\s*({CAP_RUN})", doc.text):
        for part in runs_from_longest(Run(_word_offsets(doc, m.start(1), m.end(1)))):
            name = doc.display(part.start, part.end)
            hits = [u for u in gaz.find("district", name) if u.parent == home]
            if len(hits) == 1:
                out.append(
                    Mention(part.start, part.end, part.start, "district", name, (), hits[0].code)
                )
                break
    return out


def _word_offsets(doc: Doc, start: int, end: int) -> tuple[tuple[int, int], ...]:
    run = words_of(doc.text, start, end)
    return run.words if run else ()


def add_admin(collector: Collector, doc: Doc, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Units by GSO code of the 2023 list; a unit only the 2025 list has keeps "2025:"."""
    for m in mentions:
        unit = gaz.units[m.code]
        collector.add(
            "admin-unit",
            unit.code,
            unit.name,
            doc.span(m.start, m.end),
            unit.name_en or None,
            {
                "level": unit.level.partition("-")[0],
                "gso-code": unit.code.rpartition(":")[2],
                "list": "2025" if unit.level == LATER else "2023",
            },
        )
