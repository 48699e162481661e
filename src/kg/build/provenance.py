"""Spans and segments as PROV-O + Web Annotation resources (see docs/model.md)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.extract.records import Segment, Span
from kg.iris import KG, OA, Iris

_CONTEXT = 32  # characters of oa:prefix / oa:suffix around a quote
SEGMENT_CLASSES = {
    "part": KG.Part,
    "section": KG.Section,
    "subsection": KG.Section,
    "paragraph": KG.Paragraph,
    "footnote": KG.Footnote,
    "table": KG.Table,
    "table-row": KG.TableRow,
}


def text_iri(iris: Iris, report_slug: str) -> URIRef:
    return URIRef(str(iris.report(report_slug)) + "/text")


def span_iri(iris: Iris, report_slug: str, span: Span) -> URIRef:
    return URIRef(f"{text_iri(iris, report_slug)}/{span.start}-{span.end}")


def segment_iri(iris: Iris, report_slug: str, key: str) -> URIRef:
    return URIRef(f"{iris.report(report_slug)}/segment/{key}")


def add_evidence(
    graph: Graph, iris: Iris, report_slug: str, text: str, subject: URIRef, span: Span
) -> URIRef:
    """Link `subject` to the exact passage it was read from; return the span's IRI."""
    node = add_span(graph, iris, report_slug, text, span)
    graph.add((subject, PROV.wasDerivedFrom, node))
    graph.add((subject, PROV.hadPrimarySource, iris.report(report_slug)))
    return node


def add_span(graph: Graph, iris: Iris, report_slug: str, text: str, span: Span) -> URIRef:
    if text[span.start : span.end] != span.quote:
        raise ValueError(f"span {span.start}-{span.end} does not match its quote {span.quote!r}")
    node = span_iri(iris, report_slug, span)
    position = URIRef(f"{node}/position")
    quote = URIRef(f"{node}/quote")
    graph.add((node, RDF.type, OA.SpecificResource))
    graph.add((node, OA.hasSource, text_iri(iris, report_slug)))
    graph.add((node, OA.hasSelector, position))
    graph.add((node, OA.hasSelector, quote))
    graph.add((node, DCTERMS.isPartOf, segment_iri(iris, report_slug, span.segment)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.quote)))
    graph.add((quote, OA.prefix, Literal(text[max(0, span.start - _CONTEXT) : span.start])))
    graph.add((quote, OA.suffix, Literal(text[span.end : span.end + _CONTEXT])))
    return node


def add_segment(graph: Graph, iris: Iris, report_slug: str, segment: Segment) -> URIRef:
    node = segment_iri(iris, report_slug, segment.key)
    graph.add((node, RDF.type, SEGMENT_CLASSES[segment.kind]))
    graph.add((node, DCTERMS.isPartOf, _parent(iris, report_slug, segment)))
    graph.add((node, OA.start, Literal(segment.start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, OA.end, Literal(segment.end, datatype=XSD.nonNegativeInteger)))
    if segment.title:
        graph.add((node, DCTERMS.title, Literal(segment.title, lang="vi")))
    if segment.kind == "footnote" and segment.number:
        graph.add((node, KG.footnoteNumber, Literal(int(segment.number))))
    return node


def _parent(iris: Iris, report_slug: str, segment: Segment) -> URIRef:
    if segment.parent is None:
        return iris.report(report_slug)
    return segment_iri(iris, report_slug, segment.parent)


def add_footnote_links(
    graph: Graph, iris: Iris, report_slug: str, segments: tuple[Segment, ...]
) -> int:
    """`kg:hasFootnote` from the segment whose text holds a footnote's marker to the
    footnote, so a figure read in a footnote leads back to the sentence it annotates."""
    written = [s for s in segments if s.kind in SEGMENT_CLASSES]
    links = 0
    for note in written:
        if note.kind != "footnote" or note.marker_offset is None:
            continue
        holders = [
            s for s in written if s.start <= note.marker_offset < s.end and s.key != note.key
        ]
        if not holders:
            continue
        holder = min(holders, key=lambda s: (s.end - s.start, s.key))
        graph.add(
            (
                segment_iri(iris, report_slug, holder.key),
                KG.hasFootnote,
                segment_iri(iris, report_slug, note.key),
            )
        )
        links += 1
    return links
