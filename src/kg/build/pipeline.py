"""The build: sources -> extract -> RDF, one named graph per report, written atomically."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from kg.build.cache import ReportPart, graph_path, has_part, read_part, report_key, write_part
from kg.build.extraction_files import ExtractionLog
from kg.build.lexicon_graph import lexicon_graph
from kg.build.ontology import load_ontology
from kg.build.report_graph import report_graph
from kg.build.writer import BuildWriter, refuse_blank_nodes, sorted_lines
from kg.extract.pipeline import extract_report
from kg.iris import Iris
from kg.queries.rdf import queries_graph
from kg.settings import Settings
from kg.sources import Report, discover_reports, load_report
from kg.vocab import vocab_graph

Progress = Callable[[str], None]


class Source(NamedTuple):
    """A checked report without its text: a build of many reports keeps only this."""

    path: Path
    metadata_path: Path
    slug: str

    @classmethod
    def of(cls, report: Report) -> Source:
        return cls(report.path, report.metadata_path, report.slug)


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
    """Read everything, check it, and only then replace the previous build. Report
    graphs go from the workers to the cache on disk and from there into the dataset
    files, so this process holds one report's log at a time, never the graphs."""
    step = progress or (lambda _label: None)
    iris = Iris(settings.base_iri)
    paths = discover_reports(settings.sources_dir)
    reports = [Source.of(load_report(path)) for path in paths]  # fail early on bad input
    with BuildWriter(settings.build_dir) as out:
        step("ontology")
        out.add_graph(iris.graph("ontology"), load_ontology(settings.ontology_dir))
        step("vocabularies")
        vocab = vocab_graph(settings.vocab_dir, iris) + lexicon_graph(iris)
        out.add_graph(iris.graph("vocab"), vocab)
        del vocab
        step("canned queries")
        out.add_graph(iris.graph("queries"), queries_graph(settings.queries_dir, iris))
        log = ExtractionLog(out.folder)
        for part, path in report_parts(settings, reports, step):
            out.add_file(iris.report_graph(part.slug), path)
            log.add(part.slug, part.figures, part.observations, part.problems, part.review)
        step("writing kg.nq, kg.nt, kg.trig, kg.ttl")
        counts = out.write_dataset()
        stats = log.summary()
        log.write()
        slugs = [r.slug for r in reports]
        out.write_files({"graphs": counts, "reports": slugs, "extraction": stats}, {})
        out.commit()
    return BuildResult(settings.build_dir, counts, slugs, stats)


def report_parts(
    settings: Settings, reports: list[Source], step: Progress
) -> Iterator[tuple[ReportPart, Path]]:
    """Each report's log and graph file, from the cache when unchanged, else extracted
    in a process pool; yielded one at a time in the reports' order whatever order the
    pool finishes in."""
    cache_dir = settings.cache_path
    keys = [report_key(r.path, r.metadata_path, settings.base_iri) for r in reports]
    todo = [i for i, key in enumerate(keys) if not has_part(cache_dir, key)]
    step(f"reports: {len(reports) - len(todo)} unchanged, {len(todo)} to extract")
    workers = min(settings.build_workers or os.cpu_count() or 1, len(todo))
    with ExitStack() as stack:
        fresh: Iterator[ReportPart]
        jobs = [(reports[i].path, settings.base_iri, cache_dir, keys[i]) for i in todo]
        if workers > 1:
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(workers, mp_context=context)
            stack.callback(pool.shutdown, wait=True, cancel_futures=True)  # on error too
            fresh = pool.map(extract_part, *zip(*jobs, strict=True), chunksize=1)
        else:
            fresh = (extract_part(*job) for job in jobs)
        waiting = set(todo)
        for i, (report, key) in enumerate(zip(reports, keys, strict=True)):
            part = next(fresh) if i in waiting else read_part(cache_dir, key)
            if part is None:  # unreadable entry: extract it again, here
                part = extract_part(report.path, settings.base_iri, cache_dir, key)
            step(f"report {i + 1}/{len(reports)} {part.slug}")
            yield part, graph_path(cache_dir, key)


def extract_part(path: Path, base_iri: str, cache_dir: Path, key: str) -> ReportPart:
    """One report, source file to graph, written to the cache: runs in a pool process,
    so it takes a path and returns only the (small) log."""
    report = load_report(path)
    extraction = extract_report(report)
    graph, observations, problems = report_graph(report, Iris(base_iri), extraction)
    refuse_blank_nodes(report.slug, graph)
    lines = b"".join(sorted_lines(graph))
    del graph
    part = ReportPart(
        report.slug,
        len(extraction.figures),
        list(observations),
        list(problems),
        list(extraction.review),
    )
    write_part(cache_dir, key, part, lines)
    return part
