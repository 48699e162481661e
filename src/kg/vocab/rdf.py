"""Units, unit types and successions as triples, in the shapes docs/model.md fixes."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.iris import GEONAMES, KG, OSM_RELATION, SCHEMA, WD, Iris, slug
from kg.vocab.succession import Succession
from kg.vocab.units import COMMUNE, DISTRICT, PROVINCE, Unit

LEVEL_CLASSES = {
    PROVINCE: KG.Province,
    DISTRICT: KG.DistrictLevelUnit,
    COMMUNE: KG.CommuneLevelUnit,
}
COUNTRY_CODE = "VN"


def country_iri(iris: Iris) -> URIRef:
    return iris.id("admin-unit", "country", COUNTRY_CODE)


def unit_type_iri(iris: Iris, type_vi: str) -> URIRef:
    return iris.id("unit-type", slug(type_vi))


def unit_type_scheme(iris: Iris) -> URIRef:
    return iris.id("scheme", "unit-types")


def add_unit(graph: Graph, iris: Iris, unit: Unit) -> URIRef:
    node = iris.admin_unit(unit.list_version, unit.code)
    # The superclass is stated too: queries and SHACL run without RDFS inference.
    graph.add((node, RDF.type, KG.AdministrativeUnit))
    graph.add((node, RDF.type, LEVEL_CLASSES[unit.level]))
    graph.add((node, KG.unitType, unit_type_iri(iris, unit.type_vi)))
    graph.add((node, KG.gsoCode, Literal(unit.code)))
    graph.add((node, SKOS.notation, Literal(unit.code)))
    graph.add((node, KG.listVersion, Literal(unit.list_version)))
    _add_labels(graph, node, unit)
    parent = iris.admin_unit(unit.list_version, unit.parent) if unit.parent else None
    graph.add((node, SCHEMA.containedInPlace, parent or country_iri(iris)))
    _add_date(graph, node, SCHEMA.validFrom, unit.valid_from)
    _add_date(graph, node, SCHEMA.validThrough, unit.valid_through)
    for note in unit.change_notes:
        graph.add((node, SKOS.changeNote, Literal(note, lang="en")))
    _add_links(graph, node, unit)
    return node


def _add_labels(graph: Graph, node: URIRef, unit: Unit) -> None:
    for prop in (RDFS.label, SKOS.prefLabel):
        graph.add((node, prop, Literal(unit.name, lang="vi")))
        graph.add((node, prop, Literal(unit.name_en, lang="en")))
    graph.add((node, SKOS.altLabel, Literal(unit.short_name, lang="vi")))


def _add_date(graph: Graph, node: URIRef, prop: URIRef, date: dt.date | None) -> None:
    if date is not None:
        graph.add((node, prop, Literal(date.isoformat(), datatype=XSD.date)))


def _add_links(graph: Graph, node: URIRef, unit: Unit) -> None:
    """`skos:exactMatch`, not `owl:sameAs`: one Wikidata item or GeoNames feature often
    spans two GSO list versions (province 04 in 2023 and 2025), and owl:sameAs would make
    a reasoner merge the versions (kg:listVersion is functional: inconsistent)."""
    found = unit.links
    if found.wikidata:
        graph.add((node, SKOS.exactMatch, WD[found.wikidata]))
    if found.geonames:
        graph.add((node, SKOS.exactMatch, GEONAMES[found.geonames + "/"]))
    if found.osm_relation:
        graph.add((node, RDFS.seeAlso, OSM_RELATION[found.osm_relation]))
    if found.hasc:
        graph.add((node, KG.hascCode, Literal(found.hasc)))
    if found.iso:
        graph.add((node, KG.isoCode, Literal(found.iso)))


def add_unit_types(graph: Graph, iris: Iris, units: list[Unit]) -> None:
    """One concept per Vietnamese unit type, with the English gloss of the data."""
    scheme = unit_type_scheme(iris)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDFS.label, Literal("Loại đơn vị hành chính", lang="vi")))
    graph.add((scheme, RDFS.label, Literal("Types of administrative unit", lang="en")))
    for type_vi, type_en in sorted({(unit.type_vi, unit.type_en) for unit in units}):
        concept = unit_type_iri(iris, type_vi)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        for prop in (RDFS.label, SKOS.prefLabel):
            graph.add((concept, prop, Literal(type_vi, lang="vi")))
            graph.add((concept, prop, Literal(type_en, lang="en")))


def add_succession(graph: Graph, iris: Iris, succession: Succession) -> None:
    old = iris.admin_unit(*succession.old)
    new = iris.admin_unit(*succession.new)
    graph.add((old, DCTERMS.isReplacedBy, new))
    graph.add((new, DCTERMS.replaces, old))
    graph.add((old, KG.replacementBasis, Literal(succession.basis)))
