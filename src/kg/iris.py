"""The IRI scheme: every IRI the project mints is made here, from the configured base.

IRIs are readable and deterministic: they are built from codes and slugs of the input,
never from counters or random numbers, so the same sources always give the same IRIs.
See the README section "IRIs" for the scheme.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Namespace, URIRef

# The ontology's own namespace is fixed (it is published with the ontology files);
# only instance IRIs follow the configurable base.
KG = Namespace("https://w3id.org/kg-vn/def#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
WD = Namespace("http://www.wikidata.org/entity/")
GEONAMES = Namespace("https://sws.geonames.org/")
OSM_RELATION = Namespace("https://www.openstreetmap.org/relation/")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "qb": str(QB),
    "sdmx-dimension": str(SDMX_DIMENSION),
    "sdmx-attribute": str(SDMX_ATTRIBUTE),
    "sdmx-measure": str(SDMX_MEASURE),
    "sdmx-code": str(SDMX_CODE),
    "oa": str(OA),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "time": "http://www.w3.org/2006/time#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": str(WD),
}

_DASHES = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII slug of Vietnamese text: 'Lúa xuân' -> 'lua-xuan', 'Đồng Đăng' -> 'dong-dang'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _DASHES.sub("-", folded.lower()).strip("-")


@dataclass(frozen=True)
class Iris:
    """Mints instance IRIs under `{base}id/`."""

    base: str

    def id(self, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(parts))

    def admin_unit(self, list_version: str, code: str) -> URIRef:
        """A unit as listed in one GSO list version: codes are reused across versions."""
        return self.id("admin-unit", list_version, code)

    def report(self, report_slug: str) -> URIRef:
        return self.id("report", report_slug)

    def report_graph(self, report_slug: str) -> URIRef:
        """The named graph holding everything extracted from one report."""
        return self.id("graph", "report", report_slug)

    def graph(self, name: str) -> URIRef:
        """Named graphs of shared data: 'ontology', 'vocab', 'queries'."""
        return self.id("graph", name)

    def indicator(self, key: str) -> URIRef:
        return self.id("indicator", key)

    def concept(self, scheme: str, key: str) -> URIRef:
        return self.id(scheme, key)

    def period(self, key: str) -> URIRef:
        return self.id("period", key)

    def unit(self, key: str) -> URIRef:
        return self.id("unit", key)
