"""HermiT through owlready2: the ontology is consistent, and a contradiction is caught."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.build.ontology import load_ontology
from kg.iris import KG
from kg.validate.reason import reason

THING = URIRef("https://example.org/thing")


@pytest.fixture(scope="module")
def ontology(root: Path) -> Graph:
    return load_ontology(root / "ontology")


def _with(ontology: Graph, *triples: tuple[URIRef, URIRef, URIRef]) -> Graph:
    graph = Graph()
    graph += ontology
    for triple in triples:
        graph.add(triple)
    return graph


def test_ontology_is_consistent_without_unsatisfiable_classes(ontology: Graph) -> None:
    result = reason(ontology)
    assert result.consistent, result.log
    assert result.unsatisfiable == ()
    assert result.ok


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (KG.Province, KG.CommuneLevelUnit),  # administrative levels are disjoint
        (KG.Footnote, KG.Paragraph),  # segment kinds are disjoint
    ],
)
def test_individual_in_two_disjoint_classes_is_inconsistent(
    ontology: Graph, first: URIRef, second: URIRef
) -> None:
    graph = _with(ontology, (THING, RDF.type, first), (THING, RDF.type, second))
    assert not reason(graph).consistent


def test_class_below_nothing_is_reported_unsatisfiable(ontology: Graph) -> None:
    empty = KG.NeverAnything
    graph = _with(ontology, (empty, RDF.type, OWL.Class), (empty, RDFS.subClassOf, OWL.Nothing))
    result = reason(graph)
    assert result.consistent
    assert result.unsatisfiable == (str(empty),)
    assert not result.ok


def test_instance_of_unsatisfiable_class_is_inconsistent(ontology: Graph) -> None:
    empty = KG.NeverAnything
    graph = _with(
        ontology,
        (empty, RDF.type, OWL.Class),
        (empty, RDFS.subClassOf, OWL.Nothing),
        (THING, RDF.type, empty),
    )
    assert not reason(graph).consistent


def test_subclass_of_two_disjoint_classes_is_unsatisfiable(ontology: Graph) -> None:
    both = KG.WardDistrict
    graph = _with(
        ontology,
        (both, RDF.type, OWL.Class),
        (both, RDFS.subClassOf, KG.DistrictLevelUnit),
        (both, RDFS.subClassOf, KG.CommuneLevelUnit),
    )
    assert reason(graph).unsatisfiable == (str(both),)


def test_cli_exit_codes(root: Path, tmp_path: Path) -> None:
    """`kg reason` exits 0 on the ontology, 1 when extra data contradicts it."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        f"<{THING}> a <{KG.Province}> , <{KG.Country}> .\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "kg.cli", "reason"]
    good = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "consistent" in good.stdout
    failing = subprocess.run(
        [*command, "--data", str(bad)], cwd=root, capture_output=True, text=True
    )
    assert failing.returncode == 1
    assert "inconsistent" in failing.stdout


def test_contract_sample_is_consistent_with_the_ontology(root: Path, ontology: Graph) -> None:
    """Instance data as docs/model.md describes it (dates included) has a model."""
    graph = _with(ontology)
    graph.parse(root / "tests" / "data" / "model-sample.ttl", format="turtle")
    result = reason(graph)
    assert result.consistent, result.log
    assert result.ok


def test_contract_sample_with_a_typing_error_is_inconsistent(root: Path, ontology: Graph) -> None:
    """A cited document that is also typed as a programme contradicts the ontology."""
    graph = _with(ontology)
    graph.parse(root / "tests" / "data" / "model-sample.ttl", format="turtle")
    graph.add((URIRef("https://w3id.org/kg-vn/id/document/11-nq-cp"), RDF.type, KG.Programme))
    assert not reason(graph).consistent


def test_sameas_from_two_list_versions_is_inconsistent(root: Path, ontology: Graph) -> None:
    """One Wikidata item owl:sameAs the 2023 and the 2025 unit merges them (regression)."""
    graph = _with(ontology)
    graph.parse(root / "tests" / "data" / "model-sample.ttl", format="turtle")
    province_2025 = URIRef("https://w3id.org/kg-vn/id/admin-unit/2025/04")
    graph.add((province_2025, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q36865")))
    assert not reason(graph).consistent
