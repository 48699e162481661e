"""`kg validate`: per-report validation of a build, exit codes, and a readable report."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from kg.build.ontology import load_ontology
from kg.build.provenance import add_evidence, add_segment
from kg.build.writer import write_build
from kg.cli import app
from kg.errors import KgError
from kg.extract.records import Segment, Span
from kg.iris import KG, SDMX_MEASURE, Iris
from kg.settings import load_settings
from kg.validate.command import validate_build
from kg.validate.render import compact, render_report
from kg.validate.shacl import ValidationReport, Violation, load_shapes, validate_graph

IRIS = Iris("https://w3id.org/kg-vn/")
SHAPES = "https://w3id.org/kg-vn/shapes#"
GROWTH = URIRef("https://w3id.org/kg-vn/id/obs/r/grdp-growth/2023-H1/growth-rate")
REPORT_B = "https://w3id.org/kg-vn/id/obs/b/"


@pytest.fixture(scope="module")
def ontology(root: Path) -> Graph:
    return load_ontology(root / "ontology")


@pytest.fixture(scope="module")
def sample(root: Path) -> Graph:
    return Graph().parse(root / "tests" / "data" / "model-sample.ttl", format="turtle")


def _build(tmp_path: Path, ontology: Graph, *reports: Graph) -> Path:
    """A build folder as `kg build` writes it: ontology graph plus report graphs."""
    graphs = {IRIS.graph("ontology"): ontology}
    for index, report in enumerate(reports):
        graphs[IRIS.report_graph(f"r{index}")] = report
    build_dir = tmp_path / "build"
    write_build(build_dir, graphs, {"graphs": {}})
    return build_dir


def _broken(sample: Graph, subject: URIRef = GROWTH) -> Graph:
    graph = Graph()
    graph += sample
    graph.remove((subject, SDMX_MEASURE.obsValue, None))
    return graph


def test_contract_build_is_valid(
    tmp_path: Path, root: Path, ontology: Graph, sample: Graph
) -> None:
    settings = load_settings(ontology_dir=root / "ontology")
    report = validate_build(settings, _build(tmp_path, ontology, sample))
    assert report.conforms and report.results == ()


def test_per_report_equals_union(
    tmp_path: Path, root: Path, ontology: Graph, sample: Graph
) -> None:
    """Validating each report with the shared graphs finds what the whole union finds."""
    second = Graph()
    for s, p, o in _broken(sample):
        renamed = URIRef(str(s).replace("/obs/r/", "/obs/b/")) if "/obs/r/" in str(s) else s
        second.add((renamed, p, o))
    second.remove((URIRef(REPORT_B + "pci/2022/rank"), KG.denominator, None))
    second.add((URIRef(REPORT_B + "pci/2022/rank"), SDMX_MEASURE.obsValue, Literal(0)))
    settings = load_settings(ontology_dir=root / "ontology")
    per_report = validate_build(settings, _build(tmp_path, ontology, _broken(sample), second))
    union = Graph()
    for graph in (ontology, _broken(sample), second):
        union += graph
    whole = validate_graph(union, load_shapes(root / "ontology" / "shapes.ttl"))
    assert per_report.results == whole.results
    assert {v.focus for v in per_report.violations} >= {str(GROWTH), REPORT_B + "pci/2022/rank"}


def test_missing_build_is_a_user_error(tmp_path: Path, root: Path) -> None:
    settings = load_settings(ontology_dir=root / "ontology")
    with pytest.raises(KgError, match="run `kg build` first"):
        validate_build(settings, tmp_path / "nowhere")


def test_missing_shapes_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"shapes\.ttl: SHACL shapes not found"):
        load_shapes(tmp_path / "shapes.ttl")


def test_cli_prints_focus_path_message_and_exits_1(
    tmp_path: Path, root: Path, ontology: Graph, sample: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(root / "ontology"))
    build_dir = _build(tmp_path, ontology, _broken(sample))
    result = CliRunner().invoke(app, ["validate", "--build-dir", str(build_dir)])
    assert result.exit_code == 1, result.output
    assert "NOT valid: 1 violation(s)" in result.output
    assert f"focus {GROWTH} · path sdmx-measure:obsValue" in result.output
    assert "exactly one sdmx-measure:obsValue, an xsd:decimal" in result.output
    assert "[kgsh:ObservationShape]" in result.output


def test_cli_warnings_alone_exit_0(
    tmp_path: Path, root: Path, ontology: Graph, sample: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(root / "ontology"))
    warned = Graph()
    warned += sample
    warned.remove((GROWTH, KG.comparisonPeriod, None))
    result = CliRunner().invoke(
        app, ["validate", "--build-dir", str(_build(tmp_path, ontology, warned))]
    )
    assert result.exit_code == 0, result.output
    assert "valid: 0 violation(s), 1 warning(s)" in result.output
    assert "WARNING [kgsh:ComparisonShape]" in result.output


def test_provenance_the_build_writes_passes_the_shapes(root: Path, ontology: Graph) -> None:
    """Spans and segments made by kg.build.provenance satisfy the span/segment shapes."""
    text = "I. KINH TẾ\nGRDP ước tăng 4,71% so với cùng kỳ.[1]\n[1] Theo số liệu ước tính."
    graph = Graph()
    graph += ontology
    report = IRIS.report("r")
    graph.add((report, RDF.type, KG.Report))
    part = Segment("I", "part", 0, 49, title="KINH TẾ")
    para = Segment("I/p1", "paragraph", 11, 49, parent="I")
    note = Segment("fn/1", "footnote", 50, len(text), number="1")
    for segment in (part, para, note):
        add_segment(graph, IRIS, "r", segment)
    start = text.index("GRDP")
    span = Span(start, start + len("GRDP ước tăng 4,71%"), "GRDP ước tăng 4,71%", "I/p1")
    add_evidence(graph, IRIS, "r", text, URIRef("https://w3id.org/kg-vn/id/obs/r/x"), span)
    results = validate_graph(graph, load_shapes(root / "ontology" / "shapes.ttl")).results
    checked = {"SpanShape", "PositionSelectorShape", "QuoteSelectorShape", "SegmentShape"}
    assert [r for r in results if r.shape.removeprefix(SHAPES) in checked] == []


def _violation(focus: str, message: str, severity: str = "Violation") -> Violation:
    return Violation(focus, "http://www.w3.org/2000/01/rdf-schema#label", "", message,
                     severity, SHAPES + "LabelledShape")  # fmt: skip


def test_report_groups_results_by_rule_and_limits_nodes() -> None:
    results = tuple(
        _violation(f"https://w3id.org/kg-vn/id/x/{i}", "needs a label") for i in range(5)
    )
    text = render_report(ValidationReport(results), limit=2)
    assert text.count("needs a label") == 1
    assert text.count("  - focus ") == 2
    assert "… and 3 more" in text
    assert "path rdfs:label" in text


def test_compact_only_shortens_known_namespaces() -> None:
    assert compact("https://w3id.org/kg-vn/def#Province") == "kg:Province"
    assert compact("https://example.org/x") == "https://example.org/x"
    path = "^<http://www.w3.org/2002/07/owl#sameAs>/<https://example.org/p>"
    assert compact(path) == "^owl:sameAs/<https://example.org/p>"


def test_validation_leaves_the_data_graph_as_it_was(
    root: Path, ontology: Graph, sample: Graph
) -> None:
    """pySHACL validates in place (no copy): the cached shared graphs are reused by every
    report's run, so validation must not write into them."""
    data = Graph()
    for graph in (ontology, _broken(sample)):
        data += graph
    before = set(data)
    report = validate_graph(data, load_shapes(root / "ontology" / "shapes.ttl"))
    assert report.violations  # the broken sample was really checked
    assert set(data) == before
