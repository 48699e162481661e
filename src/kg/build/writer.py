"""Write a build to disk atomically, in files that are byte-identical for the same input.

The build is written to a fresh temporary folder beside the target and swapped in
only when complete, so a failed build never leaves a half-written or empty graph
where the last good one was.

It streams: every graph is one file of sorted N-Triples lines (the shared graphs are
serialized here; a report graph's file comes from the build cache as its worker wrote
it), and the dataset files are assembled from those files line by line, so the memory
of the writing process does not grow with the number of reports:

- `kg.nq`: the graphs in name order, each graph's lines in sorted order;
- `kg.nt`: a k-way merge of the sorted graph files, duplicates dropped;
- `kg.trig`, `kg.ttl`: Oxigraph's streaming pretty-printers over `kg.nq` and `kg.nt`.
"""

from __future__ import annotations

import heapq
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
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
_SPOOL = ".graphs"  # the shared graphs' line files, removed before the swap


class BuildWriter:
    """A build folder being written: add graphs, write the dataset, then `commit()`.

    Leaving the `with` block without a commit (an exception) removes the temporary
    folder and leaves the previous build in place."""

    def __init__(self, build_dir: Path) -> None:
        self.target = build_dir.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        prefix = self.target.name + ".tmp-"
        self.folder = Path(tempfile.mkdtemp(prefix=prefix, dir=self.target.parent))
        self.graphs: dict[str, Path] = {}

    def __enter__(self) -> BuildWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)  # gone already after a commit

    def add_graph(self, name: URIRef, graph: Graph) -> None:
        """An in-memory graph (ontology, vocabularies): serialized once, sorted."""
        refuse_blank_nodes(name, graph)
        spool = self.folder / _SPOOL
        spool.mkdir(exist_ok=True)
        path = spool / f"{len(self.graphs)}.nt"
        path.write_bytes(b"".join(sorted_lines(graph)))
        self.add_file(name, path)

    def add_file(self, name: URIRef, path: Path) -> None:
        """A graph already on disk as sorted, duplicate-free N-Triples lines."""
        if str(name) in self.graphs:
            raise KgError(f"graph {name} is built twice: two reports with the same slug?")
        self.graphs[str(name)] = path

    def write_dataset(self) -> dict[str, int]:
        """Write kg.nq, kg.nt, kg.trig and kg.ttl; triples per graph, in name order."""
        counts = _write_nquads(self.folder / DATASET_NQ, sorted(self.graphs.items()))
        _write_union(self.folder / UNION_NT, [self.graphs[n] for n in sorted(self.graphs)])
        _pretty(self.folder / DATASET_NQ, self.folder / DATASET_TRIG, ox.RdfFormat.TRIG)
        _pretty(self.folder / UNION_NT, self.folder / UNION_TTL, ox.RdfFormat.TURTLE)
        return counts

    def write_files(self, summary: Mapping[str, Any], extra_files: Mapping[str, str]) -> None:
        text = json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (self.folder / SUMMARY).write_text(text, encoding="utf-8")
        for name, content in sorted(extra_files.items()):
            (self.folder / name).write_text(content, encoding="utf-8")

    def commit(self) -> None:
        shutil.rmtree(self.folder / _SPOOL, ignore_errors=True)
        _swap(self.folder, self.target)


def write_build(
    build_dir: Path,
    graphs: Mapping[URIRef, Graph],
    summary: Mapping[str, Any],
    extra_files: Mapping[str, str] | None = None,
) -> None:
    """Write in-memory graphs and the summary, then replace `build_dir` in one rename."""
    with BuildWriter(build_dir) as out:
        for name, graph in graphs.items():
            out.add_graph(name, graph)
        out.write_dataset()
        out.write_files(summary, extra_files or {})
        out.commit()


def sorted_lines(graph: Graph) -> list[bytes]:
    """Sorted N-Triples lines: sorting is what makes the files byte-identical."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return sorted(line + b"\n" for line in data.splitlines() if line.strip())


def refuse_blank_nodes(name: URIRef | str, graph: Graph) -> None:
    """Blank nodes get random labels, which would break byte-identical output."""
    for triple in graph:
        if any(isinstance(term, BNode) for term in triple):
            raise KgError(f"graph {name} holds a blank node {triple}: mint an IRI instead")


def _write_nquads(target: Path, graphs: Iterable[tuple[str, Path]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    with target.open("wb") as out:
        for name, path in graphs:
            suffix = f" <{name}> .\n".encode()
            count = 0
            with path.open("rb") as lines:
                for line in lines:
                    out.write(line[:-2] + suffix)
                    count += 1
            counts[name] = count
    return counts


def _write_union(target: Path, paths: list[Path]) -> None:
    """Merge sorted files into one sorted file without duplicates. Byte order of UTF-8
    is code point order, so this is the order `sorted()` gives the decoded lines."""
    with ExitStack() as stack, target.open("wb") as out:
        files = [stack.enter_context(path.open("rb")) for path in paths]
        previous = b""
        for line in heapq.merge(*files):
            if line != previous:
                out.write(line)
                previous = line


def _pretty(source: Path, target: Path, form: ox.RdfFormat) -> None:
    """Turtle/TriG with prefixes, via Oxigraph: it streams, keeping the sorted order."""
    quads: Iterator[Any] = ox.parse(path=str(source), format=_FORMAT_OF[source.suffix])
    ox.serialize(quads, str(target), form, prefixes=PREFIXES)


_FORMAT_OF = {".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES}


def _swap(tmp: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)
