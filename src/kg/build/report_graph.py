"""RDF for one report: the document itself (extracted facts are added by the extract stage)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.iris import KG, Iris
from kg.sources import Report


def report_graph(report: Report, iris: Iris) -> Graph:
    graph = Graph()
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
    return graph
