"""The build: sources -> extract -> RDF, one named graph per report, written atomically."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from rdflib import Graph, URIRef

from kg.build.cache import ReportPart, read_part, report_key, write_part
from kg.build.extraction_files import ExtractionLog
from kg.build.lexicon_graph import lexicon_graph
from kg.build.ontology import load_ontology
from kg.build.report_graph import report_graph
from kg.build.writer import write_build
from kg.extract.pipeline import extract_report
from kg.iris import Iris
from kg.queries.rdf import queries_graph
from kg.settings import Settings
from kg.sources import Report, discover_reports, load_report
from kg.vocab import vocab_graph

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    build_dir: Path
    graphs: dict[str, int]
    reports: list[str] = field(default_factory=list)
    extraction: dict[str, object] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def run_build(settings: Settings, progress: Progress | None = None) -> BuildResult:
    """Read everything, check it, and only then replace the previous build."""
    step = progress or (lambda _label: None)
    iris = Iris(settings.base_iri)
    paths = discover_reports(settings.sources_dir)
    reports = [load_report(path) for path in paths]  # fail on bad input before any work
    graphs: dict[URIRef, Graph] = {}
    step("ontology")
    graphs[iris.graph("ontology")] = load_ontology(settings.ontology_dir)
    step("vocabularies")
    graphs[iris.graph("vocab")] = vocab_graph(settings.vocab_dir, iris) + lexicon_graph(iris)
    step("canned queries")
    graphs[iris.graph("queries")] = queries_graph(settings.queries_dir, iris)
    log = ExtractionLog()
    for part in report_parts(settings, reports, step):
        graph = Graph().parse(data=part.ntriples, format="nt")
        graphs[iris.report_graph(part.slug)] = graph
        log.add(part.slug, part.figures, part.observations, part.problems, part.review)
    counts = {str(name): len(graph) for name, graph in sorted(graphs.items())}
    stats = log.summary()
    summary = {"graphs": counts, "reports": [r.slug for r in reports], "extraction": stats}
    write_build(settings.build_dir, graphs, summary, extra_files=log.files())
    return BuildResult(settings.build_dir, counts, [r.slug for r in reports], stats)


def report_parts(settings: Settings, reports: list[Report], step: Progress) -> list[ReportPart]:
    """Each report's graph and log, from the cache when unchanged, else extracted in a
    process pool; returned in the reports' order whatever order the pool finishes in."""
    keys = [report_key(r.path, r.metadata_path, settings.base_iri) for r in reports]
    parts: list[ReportPart | None] = [read_part(settings.cache_path, k) for k in keys]
    todo = [i for i, part in enumerate(parts) if part is None]
    step(f"reports: {len(reports) - len(todo)} unchanged, {len(todo)} to extract")
    workers = min(settings.build_workers or os.cpu_count() or 1, len(todo))
    if workers > 1:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            paths = [reports[i].path for i in todo]
            fresh = list(pool.map(extract_part, paths, repeat(settings.base_iri), chunksize=1))
    else:
        fresh = [extract_part(reports[i].path, settings.base_iri) for i in todo]
    for i, part in zip(todo, fresh, strict=True):
        step(f"report {part.slug}")
        write_part(settings.cache_path, keys[i], part)
        parts[i] = part
    return [part for part in parts if part is not None]


def extract_part(path: Path, base_iri: str) -> ReportPart:
    """One report, source file to graph: runs in a pool process, so it takes a path."""
    report = load_report(path)
    extraction = extract_report(report)
    graph, observations, problems = report_graph(report, Iris(base_iri), extraction)
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return ReportPart(
        report.slug,
        "".join(sorted(text.splitlines(keepends=True))),
        len(extraction.figures),
        list(observations),
        list(problems),
        list(extraction.review),
    )
