"""Where the vocabulary graph comes from: one node per reference file, with its sources.

`files.csv` lists every file the vocabulary stage reads, the upstream files each was
extracted from and their licences; SOURCES.md tells the full story in prose. Reading a
file that `files.csv` does not describe is an error, so no data enters the graph
without a stated source and licence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class SourceFile:
    """A row of files.csv: one reference file, where it comes from, under which licences."""

    name: str
    title_vi: str
    title_en: str
    sources: tuple[str, ...]
    licenses: tuple[str, ...]


def source_files(manifest: Table, used: Iterable[str]) -> list[SourceFile]:
    """The manifest rows of the files in `used`; every one of them must have a row."""
    rows = {row.matching("file", _FILE_NAME, required=True): row for row in manifest.rows}
    found = []
    for name in sorted(used):
        if name not in rows:
            raise manifest.error(f"no row for {name}: state its sources and licences")
        row = rows[name]
        found.append(
            SourceFile(
                name,
                row.required("title_vi"),
                row.required("title_en"),
                _iris(row, "sources"),
                _iris(row, "licenses"),
            )
        )
    return found


def _iris(row: Row, column: str) -> tuple[str, ...]:
    values = tuple(row.split(column))
    for value in values:
        if not _HTTP_IRI.fullmatch(value):
            raise row.error(f"column '{column}': {value!r} is not an http(s) IRI")
    return values


def add_provenance(graph: Graph, iris: Iris, files: list[SourceFile]) -> None:
    """Describe the vocab graph as a dataset whose sources are the files it was read from."""
    dataset = iris.graph("vocab")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDFS.label, Literal("Dữ liệu tham chiếu quốc gia", lang="vi")))
    graph.add((dataset, RDFS.label, Literal("National reference data", lang="en")))
    for source in files:
        node = file_iri(iris, source.name)
        graph.add((dataset, DCTERMS.source, node))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, DCTERMS.identifier, Literal(source.name)))
        graph.add((node, RDFS.label, Literal(source.title_vi, lang="vi")))
        graph.add((node, RDFS.label, Literal(source.title_en, lang="en")))
        for upstream in source.sources:
            graph.add((node, DCTERMS.source, URIRef(upstream)))
        for license_iri in source.licenses:
            graph.add((node, DCTERMS.license, URIRef(license_iri)))
