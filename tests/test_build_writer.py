"""The streaming writer: dataset files assembled from sorted per-graph line files say
what the graphs say, in the sorted, duplicate-free form the determinism test relies on,
and a refused build leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.build.ontology import load_ontology
from kg.build.writer import BuildWriter, sorted_lines, write_build
from kg.errors import KgError
from kg.iris import KG, SDMX_MEASURE, Iris
from kg.settings import load_settings
from kg.validate.command import index_graphs, validate_build

IRIS = Iris("https://w3id.org/kg-vn/")
SHARED = URIRef("https://w3id.org/kg-vn/id/thing/shared")


def report(slug: str, label: str) -> Graph:
    """A small report graph; every report also states one shared triple."""
    graph = Graph()
    node = IRIS.report(slug)
    graph.add((node, RDF.type, KG.Report))
    graph.add((node, RDFS.label, Literal(label, lang="vi")))
    graph.add((SHARED, RDF.type, KG.Report))
    return graph


def graphs() -> dict[URIRef, Graph]:
    ontology = Graph()
    ontology.add((KG.Report, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    return {
        IRIS.report_graph("b"): report("b", "Báo cáo B"),
        IRIS.graph("ontology"): ontology,
        IRIS.report_graph("a"): report("a", 'Báo cáo A "trích"\nhai dòng'),
    }


def test_dataset_files_hold_every_graph_sorted_and_deduplicated(tmp_path: Path) -> None:
    built = graphs()
    write_build(tmp_path / "build", built, {"graphs": {}})
    nq = (tmp_path / "build" / "kg.nq").read_bytes().splitlines(keepends=True)
    expected = [
        line[:-2] + f" <{name}> .\n".encode()
        for name in sorted(built)
        for line in sorted_lines(built[name])
    ]
    assert nq == expected
    union = {line for graph in built.values() for line in sorted_lines(graph)}
    assert (tmp_path / "build" / "kg.nt").read_bytes() == b"".join(sorted(union))
    dataset = Dataset()
    dataset.parse(tmp_path / "build" / "kg.trig", format="trig")
    for name, graph in built.items():
        assert set(dataset.graph(name)) == set(graph)
    turtle = Graph().parse(tmp_path / "build" / "kg.ttl", format="turtle")
    assert len(turtle) == len(union)


def test_graph_files_are_copied_not_reparsed(tmp_path: Path) -> None:
    """A report graph from the cache goes into kg.nq line for line, whatever its size."""
    lines = b"".join(sorted_lines(report("a", "A")))
    cached = tmp_path / "a.nt"
    cached.write_bytes(lines)
    with BuildWriter(tmp_path / "build") as out:
        out.add_file(IRIS.report_graph("a"), cached)
        counts = out.write_dataset()
        out.write_files({}, {})
        out.commit()
    assert counts == {str(IRIS.report_graph("a")): 3}
    assert (tmp_path / "build" / "kg.nt").read_bytes() == lines
    assert not (tmp_path / "build" / ".graphs").exists()


def test_blank_node_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    graph = Graph()
    graph.add((BNode("x"), RDF.type, KG.Report))
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "kg.nq").write_text("last good\n", encoding="utf-8")
    with pytest.raises(KgError, match="blank node"):
        write_build(tmp_path / "build", {IRIS.graph("vocab"): graph}, {})
    assert (tmp_path / "build" / "kg.nq").read_text(encoding="utf-8") == "last good\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_the_same_graph_twice_is_refused(tmp_path: Path) -> None:
    with BuildWriter(tmp_path / "build") as out:
        out.add_graph(IRIS.report_graph("a"), report("a", "A"))
        with pytest.raises(KgError, match="same slug"):
            out.add_graph(IRIS.report_graph("a"), report("a", "A"))


def test_validation_finds_each_graph_by_byte_range(tmp_path: Path) -> None:
    built = graphs()
    write_build(tmp_path / "build", built, {})
    path = tmp_path / "build" / "kg.nq"
    layout = index_graphs(path, IRIS)
    data = path.read_bytes()
    names = [name for name, _range in layout.reports]
    assert names == sorted(str(IRIS.report_graph(s)) for s in ("a", "b"))
    for name, (start, end) in layout.reports:
        chunk = data[start:end].decode("utf-8").splitlines()
        assert len(chunk) == len(built[URIRef(name)])
        assert all(line.endswith(f"<{name}> .") for line in chunk)
    assert len(layout.shared) == 1


def test_validation_in_one_process_and_in_a_pool_agree(root: Path, tmp_path: Path) -> None:
    sample = Graph().parse(root / "tests" / "data" / "model-sample.ttl", format="turtle")
    broken = Graph()
    broken += sample
    growth = URIRef("https://w3id.org/kg-vn/id/obs/r/grdp-growth/2023-H1/growth-rate")
    broken.remove((growth, SDMX_MEASURE.obsValue, None))
    graphs = {
        IRIS.graph("ontology"): load_ontology(root / "ontology"),
        IRIS.report_graph("a"): sample,
        IRIS.report_graph("b"): broken,
    }
    write_build(tmp_path / "build", graphs, {})
    runs = [
        validate_build(
            load_settings(ontology_dir=root / "ontology", build_workers=n), tmp_path / "build"
        )
        for n in (1, 2)
    ]
    assert runs[0] == runs[1]
    assert {v.focus for v in runs[0].violations} == {str(growth)}
