"""RDF for the entities and relations a report names (docs/model.md, "Documents,
organisations, programmes, projects, places"). Every entity is derived from the spans it
was read from; administrative units link to the vocab IRIs of the 2023 GSO list."""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.build.provenance import add_evidence
from kg.extract.records import Entity, Extraction, Relation
from kg.iris import KG, ORG, SCHEMA, Iris
from kg.sources import Report

_PATHS = {
    "document": "document",
    "organisation": "org",
    "programme": "programme",
    "plan": "programme",
    "scheme": "programme",
    "project": "project",
    "place": "place",
    "composite-index": "indicator",
    "index-component": "indicator",
    "obstacle": "obstacle",
    "investment-mode": "investment-mode",
    "foreign-area": "foreign-area",
}
_KIND_EN = {
    "plan": "Plan",
    "scheme": "Scheme",
    "project": "Project",
    "place": "Place",
    "document": "Document",
    "programme": "Programme",
}
_PREDICATES = {
    "location": KG.location,
    "obstacle": KG.obstacle,
    "programme": KG.programme,
    "issuer": DCTERMS.creator,
    "component-of": KG.componentOf,
    "in-commune": SCHEMA.containedInPlace,
    "in-district": SCHEMA.containedInPlace,
    "contained-in": SCHEMA.containedInPlace,
    "part-of": DCTERMS.isPartOf,
    "investment-mode": KG.investmentMode,
    "indicator": KG.hasIndicator,
}


def entity_iri(iris: Iris, ref: str) -> URIRef:
    """IRI of "kind:key"; administrative units are the vocab graph's (list 2023)."""
    kind, _, key = ref.partition(":")
    if kind == "admin-unit":  # "01273" (2023 list) or "2025:01273" (2025 list)
        list_version, _, code = key.rpartition(":")
        return iris.admin_unit(list_version or "2023", code)
    return iris.id(_PATHS[kind], key)


def add_entities(graph: Graph, iris: Iris, report: Report, extraction: Extraction) -> None:
    """Add every entity (types, labels, attributes, evidence) and relation to `graph`."""
    own = _own_number(report)
    skip = {f"document:{e.key}" for e in extraction.entities if _is_report(e, own)}
    doc = iris.report(report.slug)
    for entity in extraction.entities:
        ref = f"{entity.kind}:{entity.key}"
        if ref in skip:
            continue
        node = entity_iri(iris, ref)
        _describe(graph, iris, node, entity)
        graph.add((doc, SCHEMA.mentions, node))
        if entity.kind == "document" or (entity.kind == "scheme" and "number" in entity.attributes):
            graph.add((doc, DCTERMS.references, node))
        for span in entity.spans:
            add_evidence(graph, iris, report.slug, report.text, node, span)
    for relation in extraction.relations:
        if relation.subject in skip or relation.object in skip:
            continue
        _relate(graph, iris, report, relation)


def _describe(graph: Graph, iris: Iris, node: URIRef, entity: Entity) -> None:
    if entity.kind != "admin-unit":  # the vocab graph describes units
        for cls in _classes(entity):
            graph.add((node, RDF.type, cls))
        graph.add((node, RDFS.label, Literal(entity.label, lang="vi")))
        english = entity.label_en or f"{_KIND_EN.get(entity.kind, 'Item')}: {entity.label}"
        graph.add((node, RDFS.label, Literal(english, lang="en")))
    _DESCRIBERS.get(entity.kind, _nothing)(graph, iris, node, entity)


def _classes(entity: Entity) -> list[URIRef]:
    kind, attrs = entity.kind, entity.attributes
    if kind == "document":
        return [KG[attrs.get("class", "Document")], KG.Document]
    if kind == "programme":
        extra = [KG.NationalTargetProgramme] if attrs.get("national-target") else []
        return [KG.Programme, *extra]
    fixed = {
        "plan": [KG.ActionPlan],
        "scheme": [KG.Scheme],
        "project": [KG.Project],
        "organisation": [ORG.Organization, ORG.FormalOrganization],
        "composite-index": [KG.CompositeIndex, SKOS.Concept],
        "index-component": [KG.IndexComponent, SKOS.Concept],
        "obstacle": [SKOS.Concept],
        "investment-mode": [SKOS.Concept],
        "foreign-area": [KG.ForeignArea],
    }
    if kind == "place":
        return [KG[attrs.get("class", "Place")], SCHEMA.Place]
    return fixed.get(kind, [])


def _document(graph: Graph, iris: Iris, node: URIRef, entity: Entity) -> None:
    attrs = entity.attributes
    if attrs.get("number"):
        graph.add((node, DCTERMS.identifier, Literal(attrs["number"])))
    if attrs.get("date"):
        graph.add((node, DCTERMS.issued, Literal(attrs["date"], datatype=XSD.date)))
    if attrs.get("title"):
        graph.add((node, DCTERMS.title, Literal(attrs["title"], lang="vi")))


_SCHEME_LABELS = {
    "obstacles": ("Vướng mắc của dự án", "Project obstacles"),
    "investment-modes": ("Hình thức đầu tư", "Investment modes"),
}


def _concept(scheme: str) -> Callable[[Graph, Iris, URIRef, Entity], None]:
    def add(graph: Graph, iris: Iris, node: URIRef, entity: Entity) -> None:
        scheme_node = iris.id("scheme", scheme)
        graph.add((node, SKOS.inScheme, scheme_node))
        graph.add((node, SKOS.prefLabel, Literal(entity.label, lang="vi")))
        if scheme in _SCHEME_LABELS:  # the indicator scheme is declared by the lexicon graph
            graph.add((scheme_node, RDF.type, SKOS.ConceptScheme))
            for text, lang in zip(_SCHEME_LABELS[scheme], ("vi", "en"), strict=True):
                graph.add((scheme_node, RDFS.label, Literal(text, lang=lang)))
        if entity.attributes.get("sector"):
            graph.add((node, SKOS.broader, iris.concept("sector", entity.attributes["sector"])))

    return add


def _nothing(graph: Graph, iris: Iris, node: URIRef, entity: Entity) -> None:
    return None


_DESCRIBERS: dict[str, Callable[[Graph, Iris, URIRef, Entity], None]] = {
    "document": _document,
    "scheme": _document,
    "project": _document,
    "obstacle": _concept("obstacles"),
    "investment-mode": _concept("investment-modes"),
    "composite-index": _concept("indicators"),
    "index-component": _concept("indicators"),
}


def _relate(graph: Graph, iris: Iris, report: Report, relation: Relation) -> None:
    subject = entity_iri(iris, relation.subject)
    obj = entity_iri(iris, relation.object)
    graph.add((subject, _PREDICATES[relation.predicate], obj))
    add_evidence(graph, iris, report.slug, report.text, subject, relation.span)


def _own_number(report: Report) -> str:
    return _squash(report.metadata.document_number)


def _squash(number: str) -> str:
    return re.sub(r"\s+", "", number).upper()


def _is_report(entity: Entity, own: str) -> bool:
    """The report's own number (in its appendix headers) is the report, not a citation."""
    return entity.kind == "document" and _squash(entity.attributes.get("number", "")) == own


__all__ = ["add_entities", "entity_iri"]
