"""Viet Nam and the General Statistics Office, from `reference-entities.csv`.

The file names entities by their Wikidata item; the IRIs they get here are fixed by
docs/model.md, so the mapping from item to IRI is spelled out rather than derived.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, OWL, RDF, RDFS, SKOS

from kg.iris import KG, ORG, SCHEMA, WD, Iris
from kg.vocab.rdf import country_iri
from kg.vocab.table import Row, Table
from kg.vocab.units import NUMERIC_ID, WIKIDATA

REFERENCE_COLUMNS = ["entity", "label_vi", "label_en", "wikidata", "viaf", "lccn", "website"]
COUNTRY_ITEM = "Q881"  # Viet Nam
GSO_ITEM = "Q10831788"  # General Statistics Office of Viet Nam
LCCN = re.compile(r"n[a-z]?[0-9]+")
WEBSITE = re.compile(r"https?://\S+")
VIAF_BASE = "http://viaf.org/viaf/"
LCCN_BASE = "http://id.loc.gov/authorities/names/"


def add_reference_entities(graph: Graph, iris: Iris, table: Table) -> None:
    rows = {row.matching("wikidata", WIKIDATA, required=True): row for row in table.rows}
    for item in (COUNTRY_ITEM, GSO_ITEM):
        if item not in rows:
            raise table.error(f"no row for Wikidata item {item}")
    _add_country(graph, iris, rows[COUNTRY_ITEM])
    _add_gso(graph, iris, rows[GSO_ITEM])


def gso_iri(iris: Iris) -> URIRef:
    return iris.id("org", "gso")


def _add_country(graph: Graph, iris: Iris, row: Row) -> None:
    node = country_iri(iris)
    graph.add((node, RDF.type, KG.Country))
    graph.add((node, RDF.type, SCHEMA.Country))
    _add_common(graph, node, row)


def _add_gso(graph: Graph, iris: Iris, row: Row) -> None:
    """Authority-file records identify the body, so they are `schema:sameAs` links."""
    node = gso_iri(iris)
    graph.add((node, RDF.type, ORG.FormalOrganization))
    _add_common(graph, node, row)
    viaf = row.matching("viaf", NUMERIC_ID)
    if viaf:
        graph.add((node, SCHEMA.sameAs, URIRef(VIAF_BASE + viaf)))
    lccn = row.matching("lccn", LCCN)
    if lccn:
        graph.add((node, SCHEMA.sameAs, URIRef(LCCN_BASE + lccn)))
    website = row.matching("website", WEBSITE)
    if website:
        graph.add((node, FOAF.homepage, URIRef(website)))


def _add_common(graph: Graph, node: URIRef, row: Row) -> None:
    for prop in (RDFS.label, SKOS.prefLabel):
        graph.add((node, prop, Literal(row.required("label_vi"), lang="vi")))
        graph.add((node, prop, Literal(row.required("label_en"), lang="en")))
    graph.add((node, OWL.sameAs, WD[row.required("wikidata")]))
