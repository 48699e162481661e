"""Cut a report into parts, sections, paragraphs, footnotes and appendix table rows.

Offsets always point into the original text; keys are stable and readable:
"I", "I.1", "I.1.2", "I.1.2.a", "I.1.2/p3", "fn/2", "fn/2/cont" (the part of footnote 2
printed on the next page: parent "fn/2", no number of its own), "annex-1",
"annex-1/header", "annex-1/row/14", "front", "closing", "artefact/3".
"""

from __future__ import annotations

import itertools
import re

from kg.extract.records import Segment
from kg.extract.text.headings import Heading, find_headings
from kg.extract.text.layout import Layout, read_layout
from kg.extract.text.lines import Line, split_lines
from kg.extract.text.paragraphs import paragraphs
from kg.extract.text.tables import ANNEX, Annex, read_annex

_CLOSING = re.compile(r"\s?Nơi nhận\s*:")


def segment(text: str) -> tuple[Segment, ...]:
    """Every segment of the report, in document order (outer before inner)."""
    lines = split_lines(text)
    annex_at = [ln.index for ln in lines if ANNEX.match(ln.text)]
    body_end = annex_at[0] if annex_at else len(lines)
    closing_at = next((ln.index for ln in lines[:body_end] if _CLOSING.match(ln.text)), body_end)
    layout = read_layout(lines[:closing_at])
    out = _body_segments(layout)
    out += _footnote_segments(layout)
    out += _closing_segments(lines[closing_at:body_end])
    bounds = [*annex_at, len(lines)]
    for k, (a, b) in enumerate(itertools.pairwise(bounds), start=1):
        out += _annex_segments(read_annex(lines[a:b], k))
    return tuple(sorted(out, key=lambda s: (s.start, -s.end, s.key)))


def footnote_markers(segments: tuple[Segment, ...]) -> list[tuple[int, int]]:
    """(start, end) of every footnote marker in the body, for `find_numbers(markers=…)`."""
    return [
        (s.marker_offset, s.marker_offset + _marker_len(s))
        for s in segments
        if s.kind == "footnote" and s.marker_offset is not None
    ]


def innermost(segments: tuple[Segment, ...], offset: int) -> Segment | None:
    """The smallest segment holding `offset`: a footnote or page artefact printed inside a
    paragraph's range wins over the paragraph, since the text there is theirs."""
    holding = [s for s in segments if s.start <= offset < s.end]
    return min(holding, key=lambda s: (s.end - s.start, s.key), default=None)


def _marker_len(s: Segment) -> int:
    return len(s.number or "")


def _content(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if not ln.blank]


def _range(lines: list[Line]) -> tuple[int, int]:
    content = _content(lines)
    return content[0].content_start, content[-1].content_end


def _body_segments(layout: Layout) -> list[Segment]:
    body = layout.body
    heads = find_headings(body)
    out: list[Segment] = []
    starts = {h.lines[0].index: h for h in heads}
    first = heads[0].lines[0].index if heads else None
    front = [ln for ln in body if first is None or ln.index < first]
    if _content(front):
        a, b = _range(front)
        out.append(Segment("front", "part", a, b, title=_content(front)[0].stripped))
        out += paragraphs(front, "front")
    for h in heads:
        out += _heading_segments(h, heads, body, starts)
    return out


def _heading_segments(
    h: Heading, heads: list[Heading], body: list[Line], starts: dict[int, Heading]
) -> list[Segment]:
    after = [g for g in heads if g.lines[0].index > h.lines[0].index]
    end_at = next((g.lines[0].index for g in after if g.level <= h.level), None)
    own_end = after[0].lines[0].index if after else None
    span = [
        ln for ln in body if ln.index >= h.lines[0].index and (end_at is None or ln.index < end_at)
    ]
    own = [
        ln
        for ln in body
        if ln.index > h.lines[-1].index and (own_end is None or ln.index < own_end)
    ]
    a, b = _range(span)
    parent = ".".join(h.key.split(".")[:-1]) or None
    seg = Segment(h.key, h.kind, a, b, title=h.title, parent=parent, number=h.number)
    return [seg, *paragraphs(own, h.key)]


def _footnote_segments(layout: Layout) -> list[Segment]:
    out: list[Segment] = []
    n_artefact = 0
    for zone in layout.zones:
        if zone.kind == "artefact":
            n_artefact += 1
            a, b = _range(zone.lines)
            out.append(Segment(f"artefact/{n_artefact}", "artefact", a, b))
            continue
        if zone.head and zone.continues is not None:
            a, b = _range(zone.head)
            n = zone.continues
            # part of footnote n, printed on the next page (so outside fn/n's range); a long
            # footnote can run over several pages, and each part needs its own IRI
            key = _unused(f"fn/{n}/cont", out)
            out.append(Segment(key, "footnote", a, b, parent=f"fn/{n}"))
        for fn in zone.footnotes:
            a, b = _range(fn.lines)
            marker = fn.marker[0] if fn.marker else None
            out.append(
                Segment(
                    f"fn/{fn.number}", "footnote", a, b, number=str(fn.number), marker_offset=marker
                )
            )
    return out


def _unused(key: str, taken: list[Segment]) -> str:
    """The key, or the key with the first free "-2", "-3", ... suffix: segment keys become
    IRIs, and two segments sharing one would merge into a node with two ranges."""
    keys = {seg.key for seg in taken}
    candidate, n = key, 1
    while candidate in keys:
        n += 1
        candidate = f"{key}-{n}"
    return candidate


def _closing_segments(lines: list[Line]) -> list[Segment]:
    if not _content(lines):
        return []
    a, b = _range(lines)
    out = [Segment("closing", "part", a, b, title=_content(lines)[0].stripped)]
    blocks: list[list[Line]] = [[]]
    for ln in lines:
        if ln.blank:
            blocks.append([])
        else:
            blocks[-1].append(ln)
    for k, block in enumerate([b for b in blocks if b], start=1):
        ba, bb = _range(block)
        out.append(Segment(f"closing/p{k}", "paragraph", ba, bb, parent="closing"))
    return out


def _annex_segments(annex: Annex) -> list[Segment]:
    key = f"annex-{annex.number}"
    a, b = _range(annex.lines)
    title = " ".join(ln.stripped for ln in annex.caption[:3]) or None
    out = [Segment(key, "table", a, b, title=title, number=annex.printed)]
    if annex.caption:
        ca, cb = _range(annex.caption)
        out.append(Segment(f"{key}/caption", "paragraph", ca, cb, parent=key))
    n_head = n_row = 0
    for row in annex.rows:
        if row.header:
            n_head += 1
            rkey = f"{key}/header" if n_head == 1 else f"{key}/header/{n_head}"
        else:
            n_row += 1
            rkey = f"{key}/row/{n_row}"
        out.append(Segment(rkey, "table-row", row.start, row.end, parent=key, number=row.number))
    if annex.note:
        na, nb = _range(annex.note)
        out.append(Segment(f"{key}/note", "paragraph", na, nb, parent=key))
    return out
