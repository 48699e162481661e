"""The ontology: parses, defines every kg: term of the model contract, labels everything."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.build.ontology import load_ontology, ontology_files
from kg.iris import KG

DEFINED_AS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)


@pytest.fixture(scope="module")
def ontology(root: Path) -> Graph:
    return load_ontology(root / "ontology")


def _kg_terms(graph: Graph) -> set[URIRef]:
    """Every kg: IRI the ontology describes (subject of a triple)."""
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(KG))}


def _languages(graph: Graph, term: URIRef, prop: URIRef) -> set[str]:
    return {o.language for o in graph.objects(term, prop) if isinstance(o, Literal) and o.language}


def test_shapes_are_not_part_of_the_ontology(root: Path) -> None:
    names = {path.name for path in ontology_files(root / "ontology")}
    assert "shapes.ttl" not in names
    assert {"kg.ttl", "external.ttl"} <= names


def test_ontology_has_no_blank_nodes(ontology: Graph) -> None:
    """The ontology is a named graph of the build, which refuses blank nodes."""
    assert not [t for t in ontology if any(isinstance(x, BNode) for x in t)]


def test_one_ontology_header(ontology: Graph) -> None:
    headers = list(ontology.subjects(RDF.type, OWL.Ontology))
    assert headers == [URIRef("https://w3id.org/kg-vn/def")]
    assert _languages(ontology, headers[0], RDFS.label) == {"vi", "en"}


def test_every_kg_term_is_declared(ontology: Graph) -> None:
    undeclared = [
        term
        for term in _kg_terms(ontology)
        if not any((term, RDF.type, kind) in ontology for kind in DEFINED_AS)
        and not set(ontology.objects(term, RDF.type)) - {OWL.FunctionalProperty}
    ]
    assert undeclared == []


@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition])
def test_every_kg_term_has_vietnamese_and_english(ontology: Graph, prop: URIRef) -> None:
    missing = {
        str(term): sorted({"vi", "en"} - _languages(ontology, term, prop))
        for term in _kg_terms(ontology)
        if {"vi", "en"} - _languages(ontology, term, prop)
    }
    assert missing == {}


def test_one_label_per_language(ontology: Graph) -> None:
    for term in _kg_terms(ontology):
        labels = [o.language for o in ontology.objects(term, RDFS.label)]
        assert sorted(labels) == ["en", "vi"], term


def test_every_kg_term_of_the_model_contract_is_defined(root: Path, ontology: Graph) -> None:
    model = (root / "docs" / "model.md").read_text(encoding="utf-8")
    used = {KG[name] for name in re.findall(r"`kg:([A-Za-z][\w-]*)`", model)}
    used |= {KG[name] for name in re.findall(r"\bkg:([A-Za-z][\w-]*)", model)}
    assert used, "docs/model.md names no kg: term?"
    assert sorted(used - _kg_terms(ontology)) == []


def test_every_kg_term_referenced_is_defined(ontology: Graph) -> None:
    """A kg: IRI used as a value (superclass, range, component...) must be defined here."""
    referenced = {o for o in ontology.objects() if isinstance(o, URIRef) and o.startswith(str(KG))}
    assert sorted(referenced - _kg_terms(ontology)) == []


def test_external_terms_in_axioms_are_declared(ontology: Graph) -> None:
    """Self-contained for a reasoner: every superclass, superproperty, domain and range."""
    axioms = (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.disjointWith)
    builtin = (str(OWL), str(RDFS), "http://www.w3.org/2001/XMLSchema#")
    used = {
        o
        for p in axioms
        for o in ontology.objects(None, p)
        if isinstance(o, URIRef) and not str(o).startswith(builtin)
    }
    undeclared = [t for t in used if not any((t, RDF.type, k) in ontology for k in DEFINED_AS)]
    assert undeclared == []


def test_measure_kinds_match_the_extractor_keys(ontology: Graph) -> None:
    """Figure.measure_kind keys are the skos:notation of the concepts (docs/model.md)."""
    keys = {
        str(ontology.value(c, SKOS.notation))
        for c in ontology.subjects(SKOS.inScheme, KG.MeasureKindScheme)
    }
    assert keys == {
        "actual", "plan-target", "percent-of-plan", "percent-of-same-period", "growth-rate",
        "percentage-point-change", "share", "rank", "score", "ratio", "change",
    }  # fmt: skip


def test_dsd_components_are_iris_with_one_component_property(ontology: Graph) -> None:
    QB = "http://purl.org/linked-data/cube#"
    kinds = [URIRef(QB + k) for k in ("dimension", "measure", "attribute")]
    specs = list(ontology.objects(KG.dsd, URIRef(QB + "component")))
    assert len(specs) == 12
    for spec in specs:
        assert isinstance(spec, URIRef)
        assert sum(len(list(ontology.objects(spec, k))) for k in kinds) == 1, spec
