"""`kg validate`: load the built graph and check it, one report graph at a time.

Each report graph is validated together with the shared graphs (ontology, vocab, …):
sh:class and sh:targetClass need the ontology's rdfs:subClassOf and the vocab's types.
Validating per report keeps every run as small as one report plus the shared data, so
the cost grows linearly with the number of reports instead of with the union's size.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.build.writer import DATASET_NQ
from kg.errors import KgError
from kg.iris import Iris
from kg.settings import Settings
from kg.validate.shacl import ValidationReport, load_shapes, merge_reports, validate_graph


def validate_build(settings: Settings, build_dir: Path) -> ValidationReport:
    data_path = build_dir / DATASET_NQ
    if not data_path.is_file():
        raise KgError(f"{data_path}: no built graph here; run `kg build` first")
    shapes = load_shapes(settings.ontology_dir / "shapes.ttl")
    shared, reports = split_graphs(_load(data_path), Iris(settings.base_iri))
    if not reports:
        return validate_graph(shared, shapes)
    runs = []
    for report in reports:
        data = Graph()
        data += shared
        data += report
        runs.append(validate_graph(data, shapes))
    return merge_reports(runs)


def split_graphs(dataset: Dataset, iris: Iris) -> tuple[Graph, list[Graph]]:
    """(union of the shared graphs, each report graph), report graphs in IRI order."""
    report_prefix = str(iris.id("graph", "report")) + "/"
    shared = Graph()
    reports: list[tuple[str, Graph]] = []
    for graph in dataset.graphs():
        name = graph.identifier
        if not isinstance(name, URIRef) or not len(graph):
            continue
        if str(name).startswith(report_prefix):
            reports.append((str(name), graph))
        else:
            shared += graph
    return shared, [graph for _name, graph in sorted(reports, key=lambda pair: pair[0])]


def _load(path: Path) -> Dataset:
    try:
        dataset = Dataset()
        with warnings.catch_warnings():  # rdflib's N-Quads parser uses its own deprecated API
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset.parse(path, format="nquads")
    except Exception as exc:  # rdflib raises several parser error types
        raise KgError(f"{path}: not readable N-Quads ({exc})") from exc
    return dataset
