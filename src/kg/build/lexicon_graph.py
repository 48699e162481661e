"""The curated lexicons as SKOS concept schemes in the vocab graph: indicators (under
their sectors), sectors and units (matched to QUDT where a unit fits)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.extract.figures.lexicon import Lexicon, load_lexicon
from kg.iris import KG, UNIT, Iris


def _concept(graph: Graph, node: URIRef, scheme: URIRef, vi: str, en: str, key: str) -> None:
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme))
    graph.add((node, SKOS.notation, Literal(key)))
    for text, lang in ((vi, "vi"), (en, "en")):
        graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        graph.add((node, RDFS.label, Literal(text, lang=lang)))


def _scheme(graph: Graph, iris: Iris, name: str, vi: str, en: str) -> URIRef:
    node = iris.id("scheme", name)
    graph.add((node, RDF.type, SKOS.ConceptScheme))
    for text, lang in ((vi, "vi"), (en, "en")):
        graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
        graph.add((node, RDFS.label, Literal(text, lang=lang)))
    return node


def lexicon_graph(iris: Iris, lex: Lexicon | None = None) -> Graph:
    """Indicator, sector and unit concepts; measure kinds live in the ontology."""
    lex = lex or load_lexicon()
    graph = Graph()
    sectors = _scheme(graph, iris, "sectors", "Lĩnh vực", "Sectors")
    for s in lex.sectors.values():
        node = iris.concept("sector", s.key)
        _concept(graph, node, sectors, s.vi, s.en, s.key)
        graph.add((node, RDF.type, KG.Sector))
        graph.add((node, SKOS.topConceptOf, sectors))
    units = _scheme(graph, iris, "units", "Đơn vị tính", "Units of measure")
    for u in lex.units.values():
        node = iris.unit(u.key)
        _concept(graph, node, units, u.vi, u.en, u.key)
        if u.qudt:
            graph.add((node, SKOS.exactMatch, UNIT[u.qudt]))
    indicators = _scheme(graph, iris, "indicators", "Chỉ tiêu", "Indicators")
    for ind in sorted(lex.everything.values(), key=lambda i: i.key):
        node = iris.indicator(ind.key)
        _concept(graph, node, indicators, ind.vi, ind.en, ind.key)
        graph.add((node, RDF.type, KG.Indicator))
        graph.add((node, SKOS.broader, iris.concept("sector", ind.sector)))
        graph.add((node, KG.defaultUnit, iris.unit(ind.unit)))
    return graph
