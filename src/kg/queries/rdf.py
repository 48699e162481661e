"""The canned queries published as RDF, so the catalogue itself can be queried.

Each query is a SHACL-AF `sh:SPARQLSelectExecutable` carrying its text in `sh:select`
(or the CONSTRUCT / ASK / DESCRIBE counterpart),
described with schema.org (names in Vietnamese and English, description, keywords); each
parameter is a node of its own (`sh:Parameter` and `schema:PropertyValueSpecification`).
Every node has an IRI under `{base}id/query/`, so the graph holds no blank nodes.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.errors import KgError
from kg.iris import SCHEMA, Iris
from kg.queries.catalog import CannedQuery, Parameter, load_catalog

_DATATYPES = {
    "string": XSD.string,
    "integer": XSD.integer,
    "decimal": XSD.decimal,
    "date": XSD.date,
    "lang": XSD.language,
}


_FORMS = {
    "select": (SH.SPARQLSelectExecutable, SH.select),
    "construct": (SH.SPARQLConstructExecutable, SH.construct),
    "ask": (SH.SPARQLAskExecutable, SH.ask),
    "describe": (SH.SPARQLExecutable, SCHEMA.text),  # SHACL-AF has no DESCRIBE executable
}


def queries_graph(queries_dir: Path, iris: Iris) -> Graph:
    """Every canned query of `queries_dir` as RDF (a `KgError` names a broken file)."""
    if not queries_dir.is_dir():
        raise KgError(f"{queries_dir}: queries folder not found (setting queries_dir)")
    graph = Graph()
    for query in load_catalog(queries_dir).values():
        _add_query(graph, iris, query)
    return graph


def query_iri(iris: Iris, name: str) -> URIRef:
    return iris.id("query", name)


def _add_query(graph: Graph, iris: Iris, query: CannedQuery) -> None:
    node = query_iri(iris, query.name)
    executable, text_property = _FORMS[query.form]
    graph.add((node, RDF.type, SH.SPARQLExecutable))
    graph.add((node, RDF.type, executable))
    graph.add((node, RDF.type, SCHEMA.SoftwareSourceCode))
    graph.add((node, text_property, Literal(query.body)))
    for lang, title in (("vi", query.title_vi), ("en", query.title_en)):
        graph.add((node, RDFS.label, Literal(title, lang=lang)))
        graph.add((node, SCHEMA.name, Literal(title, lang=lang)))
    graph.add((node, SCHEMA.description, Literal(query.description, lang="en")))
    graph.add((node, SCHEMA.identifier, Literal(query.name)))
    for tag in query.tags:
        graph.add((node, SCHEMA.keywords, Literal(tag, lang="en")))
    for param in query.parameters:
        graph.add((node, SH.parameter, _add_parameter(graph, node, param)))


def _add_parameter(graph: Graph, query_node: URIRef, param: Parameter) -> URIRef:
    node = URIRef(f"{query_node}/parameter/{param.name}")
    graph.add((node, RDF.type, SH.Parameter))
    graph.add((node, RDF.type, SCHEMA.PropertyValueSpecification))
    graph.add((node, RDFS.label, Literal(f"tham số {param.name} ({param.type})", lang="vi")))
    graph.add((node, RDFS.label, Literal(f"parameter {param.name} ({param.type})", lang="en")))
    graph.add((node, SH.name, Literal(param.name)))
    graph.add((node, SCHEMA.valueName, Literal(param.name)))
    graph.add((node, SH.description, Literal(param.description, lang="en")))
    graph.add((node, SCHEMA.description, Literal(param.description, lang="en")))
    required = param.default is None and not param.optional
    graph.add((node, SCHEMA.valueRequired, Literal(required)))
    graph.add((node, SH.optional, Literal(not required)))
    if param.type in _DATATYPES:
        graph.add((node, SH.datatype, _DATATYPES[param.type]))
    if param.type == "iri":
        graph.add((node, SH.nodeKind, SH.IRI))
    if param.default is not None:
        graph.add((node, SH.defaultValue, Literal(param.default)))
        graph.add((node, SCHEMA.defaultValue, Literal(param.default)))
    pattern = _pattern(param)
    if pattern:
        graph.add((node, SH.pattern, Literal(pattern)))
        graph.add((node, SCHEMA.valuePattern, Literal(pattern)))
    return node


def _pattern(param: Parameter) -> str | None:
    """Allowed values become an anchored alternation: RDF lists would need blank nodes."""
    if param.allowed:
        return "^(" + "|".join(re.escape(v) for v in param.allowed) + ")$"
    if param.pattern:
        return f"^(?:{param.pattern})$"
    return None
