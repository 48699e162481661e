"""Where the vocabulary graph comes from: one node per reference file, with its sources.

`files.csv` lists every file the vocabulary stage reads, the upstream files each was
extracted from and their licences; SOURCES.md tells the full story in prose. Reading a
file that `files.csv` does not describe is an error, so no data enters the graph
without a stated source and licence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, VOID

from kg.iris import Iris
from kg.vocab.table import Row, Table

MANIFEST = "files.csv"
MANIFEST_COLUMNS = ["file", "title_vi", "title_en", "sources", "licenses"]
_HTTP_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]+")
_FILE_NAME = re.compile(r"[a-z0-9-]+\.csv")


def file_iri(iris: Iris, name: str) -> URIRef:
    return iris.id("vocab-file", name.removesuffix(".csv"))


def add_provenance(graph: Graph, iris: Iris, manifest: Table, used: Iterable[str]) -> None:
    """Describe the vocab graph as a dataset whose sources are the files it was read from."""
    rows = {row.matching("file", _FILE_NAME, required=True): row for row in manifest.rows}
    dataset = iris.graph("vocab")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDFS.label, Literal("Dữ liệu tham chiếu quốc gia", lang="vi")))
    graph.add((dataset, RDFS.label, Literal("National reference data", lang="en")))
    for name in sorted(used):
        if name not in rows:
            raise manifest.error(f"no row for {name}: state its sources and licences")
        graph.add((dataset, DCTERMS.source, _add_file(graph, iris, rows[name])))


def _add_file(graph: Graph, iris: Iris, row: Row) -> URIRef:
    node = file_iri(iris, row.get("file"))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, DCTERMS.identifier, Literal(row.get("file"))))
    graph.add((node, RDFS.label, Literal(row.required("title_vi"), lang="vi")))
    graph.add((node, RDFS.label, Literal(row.required("title_en"), lang="en")))
    for column, prop in (("sources", DCTERMS.source), ("licenses", DCTERMS.license)):
        for value in row.split(column):
            if not _HTTP_IRI.fullmatch(value):
                raise row.error(f"column '{column}': {value!r} is not an http(s) IRI")
            graph.add((node, prop, URIRef(value)))
    return node
