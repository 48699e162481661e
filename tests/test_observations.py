"""The observations of the built seed graph: shape per docs/model.md, exact evidence,
determinism, and the review / inconsistency files."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.build import run_build
from kg.build.observations import add_observations, group
from kg.extract.records import Figure, Span
from kg.iris import KG, OA, QB, SDMX_ATTRIBUTE, SDMX_DIMENSION, SDMX_MEASURE, Iris
from kg.settings import load_settings
from kg.sources import discover_reports, load_report

BASE = "https://w3id.org/kg-vn/"
SLUG = "cao-bang-1468-bc-ubnd-2023"


@pytest.fixture(scope="module")
def built(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "build"
    run_build(load_settings(data_dir=root / "data", ontology_dir=root / "ontology", build_dir=out))
    return out


@pytest.fixture(scope="module")
def report_graph(built: Path) -> Graph:
    ds = Dataset()
    ds.parse(built / "kg.nq", format="nquads")
    return ds.graph(URIRef(f"{BASE}id/graph/report/{SLUG}"))


@pytest.fixture(scope="module")
def text(root: Path) -> str:
    return load_report(discover_reports(root / "data" / "sources")[0]).text


def test_every_observation_has_the_contract_shape(report_graph: Graph) -> None:
    dataset = URIRef(f"{BASE}id/dataset/{SLUG}")
    assert (dataset, RDF.type, QB.DataSet) in report_graph
    assert (dataset, QB.structure, KG.dsd) in report_graph
    observations = set(report_graph.subjects(RDF.type, QB.Observation))
    assert len(observations) > 500
    for obs in observations:
        assert str(obs).startswith(f"{BASE}id/obs/{SLUG}/")
        assert (obs, QB.dataSet, dataset) in report_graph
        for prop in (
            KG.indicator,
            SDMX_DIMENSION.refArea,
            SDMX_DIMENSION.refPeriod,
            KG.measureKind,
            SDMX_ATTRIBUTE.unitMeasure,
            SDMX_ATTRIBUTE.obsStatus,
        ):
            assert report_graph.value(obs, prop) is not None, (obs, prop)
        value = report_graph.value(obs, SDMX_MEASURE.obsValue)
        assert isinstance(value, Literal) and value.datatype == XSD.decimal
        langs = {lbl.language for lbl in report_graph.objects(obs, RDFS.label)}
        assert {"vi", "en"} <= langs
        assert report_graph.value(obs, PROV.hadPrimarySource) == URIRef(f"{BASE}id/report/{SLUG}")
        indicator = str(report_graph.value(obs, KG.indicator)).rsplit("/", 1)[1]
        kind = report_graph.value(obs, KG.measureKind)
        assert str(obs).split(f"/{SLUG}/", 1)[1].startswith(indicator + "/")
        assert kind is not None and str(kind).startswith(str(KG))


def test_every_evidence_quote_is_the_text_at_its_position(report_graph: Graph, text: str) -> None:
    spans = 0
    for obs in report_graph.subjects(RDF.type, QB.Observation):
        for span in report_graph.objects(obs, PROV.wasDerivedFrom):
            position = URIRef(f"{span}/position")
            quote = URIRef(f"{span}/quote")
            start = int(report_graph.value(position, OA.start))
            end = int(report_graph.value(position, OA.end))
            assert text[start:end] == str(report_graph.value(quote, OA.exact))
            spans += 1
    assert spans > 500


def test_periods_are_typed_and_labelled(report_graph: Graph) -> None:
    h1 = URIRef(f"{BASE}id/period/2023-H1")
    assert (h1, RDF.type, URIRef("http://www.w3.org/2006/time#ProperInterval")) in report_graph
    cut_off = URIRef(f"{BASE}id/period/2023-05-31")
    assert (cut_off, RDF.type, URIRef("http://www.w3.org/2006/time#Instant")) in report_graph
    assert {lbl.language for lbl in report_graph.objects(h1, RDFS.label)} == {"vi", "en"}


def test_a_known_statement_of_the_report(report_graph: Graph) -> None:
    obs = URIRef(f"{BASE}id/obs/{SLUG}/grdp/2023-H1/growth-rate")
    assert report_graph.value(obs, SDMX_MEASURE.obsValue).toPython() == Decimal("3.29")
    assert report_graph.value(obs, KG.comparisonPeriod) == URIRef(f"{BASE}id/period/2022-H1")


def test_extraction_files_and_summary(built: Path) -> None:
    summary = json.loads((built / "summary.json").read_text(encoding="utf-8"))["extraction"]
    assert summary["observations"] > 500
    assert sum(summary["observations_by_measure_kind"].values()) == summary["observations"]
    review = (built / "review.tsv").read_text(encoding="utf-8").splitlines()
    assert review[0].split("\t")[:6] == ["report", "start", "end", "segment", "number", "reason"]
    assert len(review) - 1 == summary["review_items"]
    clashes = (built / "inconsistencies.tsv").read_text(encoding="utf-8").splitlines()
    assert len(clashes) - 1 == summary["inconsistencies"]


def _figure(value: str, start: int, text: str) -> Figure:
    span = Span(start, start + 4, text[start : start + 4], "p1")
    return Figure("grdp", Decimal(value), "percent", "growth-rate", "2023-H1", span, area="04")


def test_same_key_same_value_is_one_observation_different_value_is_suffixed(
    root: Path,
) -> None:
    report = load_report(discover_reports(root / "data" / "sources")[0])
    figures = [
        _figure("3.29", 10, report.text),
        _figure("3.29", 50, report.text),
        _figure("3.30", 90, report.text),
    ]
    groups, problems = group(figures)
    assert [(n, len(figs)) for _, n, figs in groups] == [(1, 2), (2, 1)]
    assert len(problems) == 1 and problems[0].suffix == "-2"
    graph = Graph()
    observations, _ = add_observations(graph, Iris(BASE), report, figures)
    iris = sorted(str(o.iri) for o in observations)
    assert iris == [
        f"{BASE}id/obs/{SLUG}/grdp/2023-H1/growth-rate",
        f"{BASE}id/obs/{SLUG}/grdp/2023-H1/growth-rate-2",
    ]
    first = URIRef(iris[0])
    assert len(list(graph.objects(first, PROV.wasDerivedFrom))) == 2
    again = Graph()
    add_observations(again, Iris(BASE), report, list(reversed(figures)))
    assert sorted(graph) == sorted(again)
