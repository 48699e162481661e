"""The build: sources -> extract -> RDF, one named graph per report, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.build.extraction_files import ExtractionLog
from kg.build.lexicon_graph import lexicon_graph
from kg.build.ontology import load_ontology
from kg.build.report_graph import report_graph
from kg.build.writer import write_build
from kg.extract.pipeline import extract_report
from kg.iris import Iris
from kg.queries.rdf import queries_graph
from kg.settings import Settings
from kg.sources import discover_reports, load_report
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
    for report in reports:
        step(f"report {report.slug}")
        extraction = extract_report(report)
        graph, observations, problems = report_graph(report, iris, extraction)
        graphs[iris.report_graph(report.slug)] = graph
        log.add(report.slug, len(extraction.figures), observations, problems, extraction.review)
    counts = {str(name): len(graph) for name, graph in sorted(graphs.items())}
    stats = log.summary()
    summary = {"graphs": counts, "reports": [r.slug for r in reports], "extraction": stats}
    write_build(settings.build_dir, graphs, summary, extra_files=log.files())
    return BuildResult(settings.build_dir, counts, [r.slug for r in reports], stats)
