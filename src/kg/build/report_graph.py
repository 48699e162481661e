"""RDF for one report: the document, its segments and the observations extracted from it."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.build.entities import add_entities
from kg.build.observations import Inconsistency, Observation, add_observations
from kg.build.provenance import SEGMENT_CLASSES, add_footnote_links, add_segment
from kg.extract.records import Extraction
from kg.iris import KG, Iris
from kg.sources import Report


def report_graph(
    report: Report, iris: Iris, extraction: Extraction | None = None
) -> tuple[Graph, list[Observation], list[Inconsistency]]:
    graph = Graph(store="SimpleMemory")  # no context indexes: adds cost a third less
    _document(graph, report, iris)
    if extraction is None:
        return graph, [], []
    for segment in extraction.segments:
        if segment.kind in SEGMENT_CLASSES:
            add_segment(graph, iris, report.slug, segment)
    add_footnote_links(graph, iris, report.slug, extraction.segments)
    observations, problems = add_observations(graph, iris, report, extraction.figures)
    add_entities(graph, iris, report, extraction)
    return graph, observations, problems


def _document(graph: Graph, report: Report, iris: Iris) -> None:
    meta = report.metadata
    doc = iris.report(report.slug)
    graph.add((doc, RDF.type, KG.Report))
    graph.add((doc, RDFS.label, Literal(meta.title.vi, lang="vi")))
    graph.add((doc, RDFS.label, Literal(meta.title.en, lang="en")))
    graph.add((doc, DCTERMS.title, Literal(meta.title.vi, lang="vi")))
    graph.add((doc, DCTERMS.identifier, Literal(meta.document_number)))
    graph.add((doc, DCTERMS.issued, Literal(meta.date.isoformat(), datatype=XSD.date)))
    graph.add((doc, DCTERMS.language, Literal(meta.language, datatype=XSD.language)))
    graph.add((doc, DCTERMS.spatial, iris.admin_unit(meta.area.admin_list, meta.area.gso_code)))
    text = URIRef(str(doc) + "/text")
    graph.add((doc, PROV.wasDerivedFrom, text))
    graph.add((text, DCTERMS.format, Literal("text/plain; charset=utf-8")))
