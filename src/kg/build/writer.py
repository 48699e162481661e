"""Write a build to disk atomically, in files that are byte-identical for the same input.

The build is written to a fresh temporary folder beside the target and swapped in
only when complete, so a failed build never leaves a half-written or empty graph
where the last good one was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from kg.errors import KgError
from kg.iris import PREFIXES

DATASET_NQ = "kg.nq"
DATASET_TRIG = "kg.trig"
UNION_TTL = "kg.ttl"
UNION_NT = "kg.nt"
SUMMARY = "summary.json"


def write_build(
    build_dir: Path,
    graphs: Mapping[URIRef, Graph],
    summary: Mapping[str, Any],
    extra_files: Mapping[str, str] | None = None,
) -> None:
    """Write every graph and the summary, then replace `build_dir` in one rename."""
    _refuse_blank_nodes(graphs)
    build_dir = build_dir.resolve()
    build_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=build_dir.name + ".tmp-", dir=build_dir.parent))
    try:
        _write_files(tmp, graphs, summary, extra_files or {})
        _swap(tmp, build_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write_files(
    folder: Path,
    graphs: Mapping[URIRef, Graph],
    summary: Mapping[str, Any],
    extra_files: Mapping[str, str],
) -> None:
    quad_lines: list[str] = []
    triple_lines: set[str] = set()
    for name in sorted(graphs):
        lines = _nt_lines(graphs[name])
        quad_lines.extend(line[:-2] + f" <{name}> .\n" for line in lines)
        triple_lines.update(lines)
    nquads = "".join(quad_lines)
    ntriples = "".join(sorted(triple_lines))
    (folder / DATASET_NQ).write_text(nquads, encoding="utf-8")
    (folder / UNION_NT).write_text(ntriples, encoding="utf-8")
    (folder / DATASET_TRIG).write_bytes(_pretty(nquads, ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG))
    (folder / UNION_TTL).write_bytes(_pretty(ntriples, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE))
    (folder / SUMMARY).write_text(
        json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    for name, content in sorted(extra_files.items()):
        (folder / name).write_text(content, encoding="utf-8")


def _nt_lines(graph: Graph) -> list[str]:
    """Sorted N-Triples lines: sorting is what makes the files byte-identical."""
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line + "\n" for line in data.splitlines() if line.strip())


def _pretty(sorted_lines: str, source: ox.RdfFormat, target: ox.RdfFormat) -> bytes:
    """Turtle/TriG with prefixes, via Oxigraph: it keeps the (sorted) input order and is
    much faster than rdflib's pretty-printer on large graphs."""
    statements = ox.parse(sorted_lines.encode("utf-8"), format=source)
    return ox.serialize(statements, format=target, prefixes=PREFIXES) or b""


def _refuse_blank_nodes(graphs: Mapping[URIRef, Graph]) -> None:
    """Blank nodes get random labels, which would break byte-identical output."""
    for name, graph in graphs.items():
        for triple in graph:
            if any(isinstance(term, BNode) for term in triple):
                raise KgError(f"graph {name} holds a blank node {triple}: mint an IRI instead")


def _swap(tmp: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
