"""`/dataset` (VoID + DCAT, computed from the store) and the gzipped dumps.

The description is computed once per process from the store itself (counts, classes,
vocabularies, report documents) so it cannot disagree with the data it describes.
"""

from __future__ import annotations

import asyncio
import gzip
import re
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from rdflib import DCTERMS, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from kg.iris import KG, PREFIXES
from kg.serve.errors import ApiError
from kg.serve.rdfdoc import graph_response
from kg.serve.state import Service, endpoint_url, service
from kg.store import RowsJob

router = APIRouter(tags=["dataset"])
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DUMPS = {"kg.nt.gz": "kg.nt", "kg.trig.gz": "kg.trig"}
STATS = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "subjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "classes": "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } "
    "GROUP BY ?c ORDER BY ?c",
    "predicates": "SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?p",
    "graphs": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "reports": f"SELECT ?g ?r WHERE {{ GRAPH ?g {{ ?r a <{KG}Report> }} }} ORDER BY ?g ?r",
}
_NAMESPACE = re.compile(r"^(.*[#/])[^#/]*$")


async def _stats(state: Service) -> dict[str, list[dict[str, Any]]]:
    if not state.dataset_rows:
        for key, query in STATS.items():
            outcome = await state.require_backend().rows(RowsJob(query))
            if outcome.error:
                raise ApiError(503, f"dataset statistics failed: {outcome.error}")
            state.dataset_rows[key] = outcome.rows
    return state.dataset_rows


def _count(rows: list[dict[str, Any]]) -> Literal:
    return Literal(int(rows[0]["n"].value) if rows else 0, datatype=XSD.integer)


def describe_dataset(state: Service, stats: dict[str, Any], root: str) -> Graph:
    """VoID + DCAT of the whole graph; partitions and subsets get IRIs, never blank nodes."""
    g = Graph(bind_namespaces="rdflib")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    ds = URIRef(state.iris.id("dataset").rstrip("/"))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add(
        (ds, DCTERMS.title, Literal("Đồ thị tri thức báo cáo kinh tế - xã hội cấp tỉnh", lang="vi"))
    )
    g.add(
        (
            ds,
            DCTERMS.title,
            Literal("Knowledge graph of provincial socio-economic reports", lang="en"),
        )
    )
    g.add((ds, RDFS.label, Literal("Đồ thị tri thức kg", lang="vi")))
    g.add((ds, RDFS.label, Literal("The kg knowledge graph", lang="en")))
    g.add((ds, DCTERMS.license, URIRef(state.settings.license)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(state.iris.id(""))))
    g.add((ds, VOID.triples, _count(stats["triples"])))
    g.add((ds, VOID.distinctSubjects, _count(stats["subjects"])))
    g.add((ds, VOID.classes, Literal(len(stats["classes"]), datatype=XSD.integer)))
    _dumps(g, ds, root)
    _classes(g, ds, stats["classes"])
    for ns in sorted({_NAMESPACE.sub(r"\1", r["p"].value) for r in stats["predicates"]}):
        g.add((ds, VOID.vocabulary, URIRef(ns)))
    _subsets(g, ds, stats)
    return g


def _dumps(g: Graph, ds: URIRef, root: str) -> None:
    media = {"kg.nt.gz": "application/n-triples", "kg.trig.gz": "application/trig"}
    for name, kind in media.items():
        dump = URIRef(f"{root}dumps/{name}")
        g.add((ds, VOID.dataDump, dump))
        g.add((ds, DCAT.distribution, dump))
        g.add((dump, RDF.type, DCAT.Distribution))
        g.add((dump, DCAT.downloadURL, dump))
        g.add(
            (dump, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{kind}"))
        )
        g.add(
            (
                dump,
                DCAT.compressFormat,
                URIRef("https://www.iana.org/assignments/media-types/application/gzip"),
            )
        )


def _classes(g: Graph, ds: URIRef, rows: list[dict[str, Any]]) -> None:
    for i, row in enumerate(rows, start=1):
        part = URIRef(f"{ds}/class-partition/{i}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(row["c"].value)))
        g.add((part, VOID.entities, Literal(int(row["n"].value), datatype=XSD.integer)))


def _subsets(g: Graph, ds: URIRef, stats: dict[str, Any]) -> None:
    for row in stats["graphs"]:
        graph = URIRef(row["g"].value)
        g.add((ds, VOID.subset, graph))
        g.add((graph, RDF.type, VOID.Dataset))
        g.add((graph, VOID.triples, Literal(int(row["n"].value), datatype=XSD.integer)))
    for row in stats["reports"]:
        g.add((URIRef(row["g"].value), DCTERMS.source, URIRef(row["r"].value)))


@router.get("/dataset", summary="Dataset description (VoID, DCAT) / Mô tả bộ dữ liệu")
async def dataset(request: Request) -> Response:
    state = service(request)
    stats = await _stats(state)
    root = endpoint_url(request)[: -len("sparql")]
    return graph_response(request, describe_dataset(state, stats, root))


@router.get("/dumps/{name}", summary="Gzipped dump of the graph / Bản tải về")
async def dump(request: Request, name: str) -> Response:
    state = service(request)
    if name not in DUMPS or state.build is None:
        raise ApiError(404, f"no dump named {name!r}", {"dumps": sorted(DUMPS)})
    source = state.build.build_dir / DUMPS[name]
    path = await asyncio.to_thread(_gzipped, source, state.build.store_path.parent / name)
    return FileResponse(path, media_type="application/gzip", filename=name)


def _gzipped(source: Path, target: Path) -> Path:
    """Compress once per build (the store folder is per build), deterministically."""
    if not target.is_file():
        tmp = target.with_suffix(".tmp")
        with (
            source.open("rb") as raw,
            tmp.open("wb") as out,
            gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as packed,
        ):
            while block := raw.read(1 << 20):
                packed.write(block)
        tmp.replace(target)
    return target
