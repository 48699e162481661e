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
    names = sorted(graphs)
    quads: list[str] = []
    triples: set[str] = set()
    union = _bound_graph()
    trig_parts = [_prefix_block()]
    for name in names:
        lines = _nt_lines(graphs[name])
        quads.extend(line[:-2] + f" <{name}> .\n" for line in lines)
        triples.update(lines)
        for triple in sorted(graphs[name]):
            union.add(triple)
        trig_parts.append(_trig_block(name, graphs[name]))
    (folder / DATASET_NQ).write_text("".join(quads), encoding="utf-8")
    (folder / UNION_NT).write_text("".join(sorted(triples)), encoding="utf-8")
    (folder / UNION_TTL).write_text(union.serialize(format="turtle"), encoding="utf-8")
    (folder / DATASET_TRIG).write_text("\n".join(trig_parts), encoding="utf-8")
    (folder / SUMMARY).write_text(
        json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    for name, content in sorted(extra_files.items()):
        (folder / name).write_text(content, encoding="utf-8")


def _nt_lines(graph: Graph) -> list[str]:
    """Sorted N-Triples lines: sorting is what makes the files byte-identical."""
    data = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line + "\n" for line in data.splitlines() if line.strip())


def _bound_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _prefix_block() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def _trig_block(name: URIRef, graph: Graph) -> str:
    bound = _bound_graph()
    for triple in sorted(graph):
        bound.add(triple)
    body = bound.serialize(format="turtle")
    statements = "\n".join(line for line in body.splitlines() if not line.startswith("@prefix"))
    indented = "\n".join(
        "    " + line if line else line for line in statements.strip().splitlines()
    )
    return f"<{name}> {{\n{indented}\n}}\n"


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
