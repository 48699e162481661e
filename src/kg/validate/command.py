"""`kg validate`: check the built graph one report graph at a time.

Each report graph is validated together with the shared graphs (ontology, vocab, …):
sh:class and sh:targetClass need the ontology's rdfs:subClassOf and the vocab's types.
Validating per report keeps every run as small as one report plus the shared data, so
the cost grows linearly with the number of reports instead of with the union's size.

`kg.nq` is never loaded whole: one pass finds where each graph's lines are (the build
writes each graph's quads together), and each report graph is read from its byte range
in a worker process, so memory stays that of one report whatever the build's size.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from rdflib import Graph, URIRef

from kg.build.writer import DATASET_NQ
from kg.errors import KgError
from kg.iris import Iris
from kg.settings import Settings
from kg.validate.shacl import ValidationReport, load_shapes, merge_reports, validate_graph

Range = tuple[int, int]  # [start, end) byte offsets of one graph's lines in kg.nq


@dataclass(frozen=True)
class Layout:
    """Where the shared graphs and each report graph are in one `kg.nq`."""

    path: Path
    shared: tuple[Range, ...]
    reports: tuple[tuple[str, Range], ...]  # in graph IRI order
    ontology: tuple[Range, ...] = ()


def validate_build(settings: Settings, build_dir: Path) -> ValidationReport:
    data_path = build_dir / DATASET_NQ
    if not data_path.is_file():
        raise KgError(f"{data_path}: no built graph here; run `kg build` first")
    shapes_path = settings.ontology_dir / "shapes.ttl"
    load_shapes(shapes_path)  # a bad shapes file is one error, before any worker starts
    layout = index_graphs(data_path, Iris(settings.base_iri))
    parts: list[Range | None] = [None, *(rng for _name, rng in layout.reports)]
    workers = min(settings.build_workers or os.cpu_count() or 1, len(parts))
    args = (repeat(layout), repeat(shapes_path), parts)
    if workers <= 1:
        return merge_reports(map(validate_part, *args))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return merge_reports(pool.map(validate_part, *args, chunksize=1))


def validate_part(layout: Layout, shapes_path: Path, report: Range | None) -> ValidationReport:
    """The shared graphs on their own (`report` None), or one report graph with the
    ontology and the shared nodes it reaches: the vocabulary entries it links to, what
    those link to, and so on. Shared nodes it does not reach were checked in the shared
    run, so they are not checked again for every report."""
    shapes = _shapes(shapes_path)
    if report is None:
        return validate_graph(_shared(layout.path, layout.shared), shapes)
    data = _read(layout.path, (report,))
    reached(data, _shared(layout.path, layout.shared), data)  # seeds taken before adding
    data += _shared(layout.path, layout.ontology)
    return validate_graph(data, shapes)


def reached(graph: Graph, shared: Graph, into: Graph) -> None:
    """Add to `into` every triple of `shared` about a node `graph` links to, directly or
    through other such triples (the vocabulary a report needs: a unit, its province, the
    concept scheme of an indicator, …)."""
    todo = {t for triple in graph for t in (triple[0], triple[2]) if isinstance(t, URIRef)}
    seen: set[URIRef] = set()
    while todo:
        node = todo.pop()
        seen.add(node)
        for triple in shared.triples((node, None, None)):
            into.add(triple)
            if isinstance(triple[2], URIRef) and triple[2] not in seen:
                todo.add(triple[2])


def index_graphs(path: Path, iris: Iris) -> Layout:
    """One pass over the lines: the byte range of each run of quads in one graph."""
    report_prefix = str(iris.id("graph", "report")) + "/"
    runs: list[tuple[str, Range]] = []
    name, start, offset = None, 0, 0
    with path.open("rb") as handle:
        for line in handle:
            here = _graph_of(line)
            if here != name:
                if name is not None:
                    runs.append((name, (start, offset)))
                name, start = here, offset
            offset += len(line)
    if name is not None:
        runs.append((name, (start, offset)))
    shared = tuple(rng for n, rng in runs if n and not n.startswith(report_prefix))
    reports = sorted((n, rng) for n, rng in runs if n.startswith(report_prefix))
    ontology = tuple(rng for n, rng in runs if n == str(iris.graph("ontology")))
    return Layout(path, shared, tuple(reports), ontology)


def _graph_of(line: bytes) -> str:
    """The graph IRI of a quad line as the build writes it ('… <graph> .'); '' if none."""
    body = line.rstrip()
    if not body.endswith(b"> ."):
        return ""
    body = body[:-2]
    at = body.rfind(b" <")
    return body[at + 2 : -1].decode("utf-8") if at >= 0 else ""


@cache
def _shared(path: Path, ranges: tuple[Range, ...]) -> Graph:
    return _read(path, ranges)


@cache
def _shapes(path: Path) -> Graph:
    return load_shapes(path)


def _read(path: Path, ranges: tuple[Range, ...], into: Graph | None = None) -> Graph:
    """The triples of the quads in `ranges`, as one graph (parsed as N-Triples once the
    graph term is cut off: rdflib's N-Quads parser and Dataset are several times slower)."""
    graph = Graph() if into is None else into
    with path.open("rb") as handle:
        for start, end in ranges:
            handle.seek(start)
            lines = handle.read(end - start).splitlines()
            triples = b"".join(_triple_line(line) for line in lines if line.strip())
            try:
                graph.parse(data=triples.decode("utf-8"), format="nt")
            except Exception as exc:  # rdflib raises several parser error types
                raise KgError(f"{path}: not readable N-Quads ({exc})") from exc
    return graph


def _triple_line(line: bytes) -> bytes:
    """'<s> <p> <o> <g> .' -> '<s> <p> <o> .' (the graph term is an IRI, without spaces)."""
    body = line.rstrip()
    if body.endswith(b"> ."):
        at = body.rfind(b" <", 0, len(body) - 2)
        if at >= 0:
            return body[:at].rstrip() + b" .\n"
    return body + b"\n"
