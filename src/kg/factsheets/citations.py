"""Where each printed figure was read: the quoted words, the report and its section.

Citations come from the graph (the spans every observation is derived from), read once
per sheet with two queries of the catalogue (`factsheet-citations`, `factsheet-segments`),
and numbered as footnotes in the order the sheet first prints each figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import pyoxigraph

from kg.factsheets.format import format_date
from kg.queries import CannedQuery

CITATIONS_QUERY = "factsheet-citations"
SEGMENTS_QUERY = "factsheet-segments"
KG = "https://w3id.org/kg-vn/def#"
_WORDS = {
    "vi": {"Section": "mục", "Part": "phần", "Footnote": "chú thích", "Table": "bảng",
           "TableRow": "dòng", "Paragraph": "đoạn", "report": "Báo cáo"},
    "en": {"Section": "section", "Part": "part", "Footnote": "footnote", "Table": "table",
           "TableRow": "row", "Paragraph": "paragraph", "report": "Report"},
}  # fmt: skip


@dataclass(frozen=True)
class Citation:
    subject: str  # the observation or entity IRI
    quote: str
    start: int
    end: int
    report: str  # report IRI
    source: str  # "Báo cáo 1468/BC-UBND (14/06/2023)"
    place: str  # "mục I.1 «Kinh tế» · chú thích 2", or the segment key
    also: tuple[str, ...] = ()  # other subjects read from the same words

    @property
    def subjects(self) -> tuple[str, ...]:
        return (self.subject, *self.also)


@dataclass(frozen=True)
class _Segment:
    kind: str
    parent: str | None
    title: str | None
    footnote: str | None


@dataclass
class Footnotes:
    """Numbers each quoted span once, in the order the sheet first cites it.

    One sentence often gives several figures (the value, its % of plan, its change): they
    share one footnote, which lists each figure's IRI, so a page carries one note per
    sentence quoted rather than one per number.
    """

    lookup: Callable[[str], Citation | None]
    order: list[Citation] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)
    spans: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def cite(self, subject: str | None) -> int | None:
        if not subject:
            return None
        if subject not in self.numbers:
            citation = self.lookup(subject)
            if citation is None:
                return None
            span = (citation.report, citation.start, citation.end)
            if span in self.spans:
                number = self.spans[span]
                first = self.order[number - 1]
                self.order[number - 1] = replace(first, also=(*first.also, subject))
            else:
                self.order.append(citation)
                number = self.spans[span] = len(self.order)
            self.numbers[subject] = number
        return self.numbers[subject]


def citation_finder(
    store: pyoxigraph.Store,
    catalog: dict[str, CannedQuery],
    lang: str,
    subjects: Iterable[str] = (),
) -> Callable[[str], Citation | None]:
    """Cite the given subjects with one query (a sheet cites a few dozen of the thousands of
    spans; one query per figure cost a millisecond each), and any other one on its own."""
    segments = _segments(store, catalog[SEGMENTS_QUERY])
    query = catalog[CITATIONS_QUERY]
    wanted = sorted(set(subjects))
    known: dict[str, Citation] = {}
    for row in _rows(store, _with_values(query.text, wanted)) if wanted else []:
        if row["subject"] not in known:  # rows come by subject, then position: first wins
            known[row["subject"]] = _citation(row, segments, lang)
    asked = set(wanted)

    def find(subject: str) -> Citation | None:
        if subject in asked:
            return known.get(subject)
        bound = {pyoxigraph.Variable("subject"): pyoxigraph.NamedNode(subject)}
        rows = _rows(store, query.text, bound)
        return _citation(rows[0], segments, lang) if rows else None  # first by position

    return find


def _with_values(text: str, subjects: list[str]) -> str:
    """The citations query restricted to these subjects (IRIs written by pyoxigraph)."""
    values = " ".join(str(pyoxigraph.NamedNode(s)) for s in subjects)
    return text.replace("WHERE {", f"WHERE {{\n  VALUES ?subject {{ {values} }}", 1)


def _citation(row: dict[str, str], segments: dict[str, _Segment], lang: str) -> Citation:
    return Citation(
        subject=row["subject"],
        quote=" ".join(row["quote"].split()),
        start=int(row["start"]),
        end=int(row["end"]),
        report=row.get("report", ""),
        source=_source(row, lang),
        place=_place(row.get("segment"), segments, lang),
    )


def _rows(store: pyoxigraph.Store, text: str, bound: dict | None = None) -> list[dict[str, str]]:
    result = store.query(text, use_default_graph_as_union=True, substitutions=bound or {})
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [
        {n: s[n].value for n in names if s[n] is not None}
        for s in result  # type: ignore[union-attr]
    ]


def _segments(store: pyoxigraph.Store, query: CannedQuery) -> dict[str, _Segment]:
    out: dict[str, _Segment] = {}
    for row in _rows(store, query.text):
        kind = row["kind"].removeprefix(KG)
        out.setdefault(
            row["segment"],
            _Segment(kind, row.get("parent"), row.get("title"), row.get("footnote")),
        )
    return out


def _source(row: dict[str, str], lang: str) -> str:
    number = row.get("number") or row.get(f"report_{lang}") or row.get("report", "")
    issued = row.get("issued")
    when = f" ({format_date(issued, lang)})" if issued else ""
    return f"{_WORDS[lang]['report']} {number}{when}"


def _place(segment: str | None, segments: dict[str, _Segment], lang: str) -> str:
    """Name the nearest titled section and, when the words sit in one, the footnote or row."""
    if not segment:
        return ""
    words = _WORDS[lang]
    parts: list[str] = []
    node: str | None = segment
    seen: set[str] = set()
    while node and node in segments and node not in seen:
        seen.add(node)
        seg = segments[node]
        key = node.rsplit("/segment/", 1)[-1]
        if seg.kind == "Footnote":
            parts.append(f"{words['Footnote']} {seg.footnote or key}")
        elif seg.kind in ("Section", "Part") and seg.title:
            parts.append(f"{words[seg.kind]} {key.split('/')[0]} «{seg.title}»")
            break
        elif seg.kind == "Table" and seg.title:
            parts.append(f"{words['Table']} «{seg.title}»")
            break
        node = seg.parent
    if not parts:
        return segment.rsplit("/segment/", 1)[-1]
    return " · ".join(reversed(parts))
