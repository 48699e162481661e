"""Footnotes are linked to the segment carrying their marker (kg:hasFootnote)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.build.provenance import add_footnote_links, segment_iri
from kg.extract.records import Segment
from kg.iris import KG, Iris
from kg.sources import discover_reports, load_report

IRIS = Iris("https://example.org/")


def _segments() -> tuple[Segment, ...]:
    return (
        Segment("I", "part", 0, 100),
        Segment("I/p1", "paragraph", 0, 40, parent="I"),
        Segment("I/p2", "paragraph", 40, 90, parent="I"),
        Segment("fn/1", "footnote", 60, 80, parent="I", number="1", marker_offset=30),
        Segment("fn/2", "footnote", 90, 100, parent="I", number="2", marker_offset=None),
    )


def test_marker_in_a_paragraph_links_that_paragraph() -> None:
    graph = Graph()
    assert add_footnote_links(graph, IRIS, "r", _segments()) == 1
    assert set(graph) == {
        (segment_iri(IRIS, "r", "I/p1"), KG.hasFootnote, segment_iri(IRIS, "r", "fn/1"))
    }


def test_every_footnote_of_the_seed_report_is_linked(root: Path) -> None:
    from kg.extract.pipeline import extract_report

    report = load_report(discover_reports(root / "data" / "sources")[0])
    segments = extract_report(report).segments
    numbered = [s for s in segments if s.kind == "footnote" and s.marker_offset is not None]
    graph = Graph()
    assert add_footnote_links(graph, IRIS, report.slug, segments) == len(numbered) == 48
    assert len(set(graph.objects(None, KG.hasFootnote))) == 48
