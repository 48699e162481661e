"""Run pySHACL and turn its report into records a person can read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF
from rdflib.term import Node, URIRef

from kg.errors import KgError

SH = Namespace("http://www.w3.org/ns/shacl#")
# Links from a shape to the shapes nested in it: how a result's source shape is traced
# back to the named node shape a person can look up in shapes.ttl.
_NESTING = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"], SH.sparql)
_LISTS = (SH["or"], SH["and"], SH.xone)


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result. Field order is the sort order of the printed report."""

    focus: str
    path: str
    value: str
    message: str
    severity: str  # Violation | Warning | Info
    shape: str  # the named node shape in shapes.ttl the result comes from


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[Violation, ...]

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [r for r in self.results if r.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        """Only violations fail a graph; warnings are advice."""
        return not self.violations


def load_shapes(path: Path) -> Graph:
    if not path.is_file():
        raise KgError(f"{path}: SHACL shapes not found")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser error types
        raise KgError(f"{path}: not valid Turtle ({exc})") from exc


def validate_graph(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate `data` as it is: it must already hold the ontology (for rdfs:subClassOf)."""
    _conforms, report, _text = validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,  # SPARQL-based targets (shapes on one measure kind)
        allow_warnings=True,
        inplace=True,  # no inference, so nothing is written into `data`: skip pySHACL's copy
    )
    return ValidationReport(tuple(sorted(set(_results(report, shapes)))))


def merge_reports(reports: Iterable[ValidationReport]) -> ValidationReport:
    """One report from several runs; a node checked in two runs is reported once."""
    return ValidationReport(tuple(sorted({r for report in reports for r in report.results})))


def _results(report: Graph, shapes: Graph) -> Iterable[Violation]:
    parents = _parent_shapes(shapes)
    for result in report.subjects(RDF.type, SH.ValidationResult):

        def value(prop: URIRef, result: Node = result) -> str:
            term = report.value(result, prop)
            return "" if term is None else str(term)

        source = report.value(result, SH.sourceShape)
        yield Violation(
            focus=value(SH.focusNode),
            path=_path_text(report, report.value(result, SH.resultPath)),
            value=value(SH.value),
            message=value(SH.resultMessage),
            severity=value(SH.resultSeverity).rsplit("#", 1)[-1],
            shape=_named_shape(source, parents),
        )


def _path_text(graph: Graph, path: Node | None) -> str:
    """A SHACL property path in SPARQL syntax: complex paths are blank-node structures."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return str(path)
    if (path, RDF.first, None) in graph:
        return "/".join(_step(graph, step) for step in Collection(graph, path))
    for prop, template in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                           (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):  # fmt: skip
        inner = graph.value(path, prop)
        if inner is not None:
            return template.format(_step(graph, inner))
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(_step(graph, a) for a in Collection(graph, alternatives)) + ")"
    return str(path)


def _step(graph: Graph, path: Node) -> str:
    """A part of a complex path; IRIs in <…> as in SPARQL, since '/' also separates steps."""
    return f"<{path}>" if isinstance(path, URIRef) else _path_text(graph, path)


def _parent_shapes(shapes: Graph) -> dict[Node, Node]:
    parents: dict[Node, Node] = {}
    for link in _NESTING:
        for parent, child in shapes.subject_objects(link):
            parents.setdefault(child, parent)
    for link in _LISTS:
        for parent, head in shapes.subject_objects(link):
            for child in Collection(shapes, head):
                parents.setdefault(child, parent)
    return parents


def _named_shape(shape: Node | None, parents: dict[Node, Node]) -> str:
    """The nearest enclosing shape with an IRI (property shapes are blank nodes)."""
    seen: set[Node] = set()
    while shape is not None and not isinstance(shape, URIRef) and shape not in seen:
        seen.add(shape)
        shape = parents.get(shape)
    return "" if shape is None else str(shape)
