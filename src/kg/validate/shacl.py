"""Run pySHACL and turn its report into records a person can read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    value: str
    message: str
    severity: str
    shape: str


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: list[Violation]


def validate_graph(
    data: Graph, shapes_path: Path, ontology: Graph | None = None
) -> ValidationReport:
    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, report, _text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True
    )
    return ValidationReport(bool(conforms), _violations(report))


def _violations(report: Graph) -> list[Violation]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):

        def value(prop: object, result: object = result) -> str:
            term = report.value(result, prop)
            return "" if term is None else str(term)

        found.append(
            Violation(
                focus=value(SH.focusNode),
                path=value(SH.resultPath),
                value=value(SH.value),
                message=value(SH.resultMessage),
                severity=value(SH.resultSeverity).rsplit("#", 1)[-1],
                shape=value(SH.sourceShape),
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))
