"""Linked-data pages: every minted IRI `{base}id/…` resolves at `/id/…` of the service.

Browsers get an HTML page (labels, properties, incoming links, observations of an
indicator or area, the quoted source text of extracted facts); other clients get
Turtle, JSON-LD or N-Triples by Accept header or by file extension.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response

from kg.iris import PREFIXES
from kg.serve.errors import ApiError
from kg.serve.sparql import outcome_response
from kg.serve.state import Service, service
from kg.store import QueryJob, RowsJob

router = APIRouter(tags=["linked data"])
CURIE_PREFIXES = sorted(
    {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}.items(),
    key=lambda item: -len(item[1]),
)
EXTENSIONS = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "nt", ".rdf": "rdfxml", ".html": "html"}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
P = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kg: <https://w3id.org/kg-vn/def#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
OUTGOING = (
    P
    + """SELECT ?s ?p ?o ?g ?pl ?ol WHERE { GRAPH ?g { ?s ?p ?o }
  OPTIONAL { ?p rdfs:label ?pl } OPTIONAL { ?o rdfs:label ?ol } } ORDER BY ?p ?o"""
)
INCOMING = (
    P
    + """SELECT ?s ?x ?p ?pl ?xl WHERE { ?x ?p ?s
  OPTIONAL { ?p rdfs:label ?pl } OPTIONAL { ?x rdfs:label ?xl } } ORDER BY ?p ?x"""
)
OBSERVATIONS = (
    P
    + """SELECT ?s ?obs ?ind ?indl ?area ?areal ?period ?periodl ?kind ?value WHERE {
  ?obs a qb:Observation ; kg:indicator ?ind ; sdmx-dimension:refArea ?area ;
       sdmx-dimension:refPeriod ?period ; sdmx-measure:obsValue ?value .
  FILTER(?ind = ?s || ?area = ?s)
  OPTIONAL { ?obs kg:measureKind ?kind }
  OPTIONAL { ?ind rdfs:label ?indl FILTER(lang(?indl) = "vi") }
  OPTIONAL { ?area rdfs:label ?areal FILTER(lang(?areal) = "vi") }
  OPTIONAL { ?period rdfs:label ?periodl FILTER(lang(?periodl) = "vi") }
} ORDER BY ?ind ?period ?obs"""
)
QUOTES = (
    P
    + """SELECT ?s ?span ?exact ?start ?end WHERE {
  { ?s prov:wasDerivedFrom ?span } UNION { ?s oa:hasSelector ?any BIND(?s AS ?span) }
  ?span oa:hasSelector ?quote . ?quote oa:exact ?exact .
  OPTIONAL { ?span oa:hasSelector ?pos . ?pos oa:start ?start ; oa:end ?end }
} ORDER BY ?start"""
)
DOCUMENT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def _split(path: str) -> tuple[str, str | None]:
    for ext, name in EXTENSIONS.items():
        if path.endswith(ext):
            return path[: -len(ext)], name
    return path, None


async def _rows(state: Service, query: str, iri: str, limit: int = 2000) -> list[dict[str, Any]]:
    job = RowsJob(query, (("s", ox.NamedNode(iri)),), limit)
    outcome = await state.require_backend().rows(job)
    if outcome.error:
        raise ApiError(503, f"page query failed: {outcome.error}")
    return outcome.rows


def wants_html(request: Request, fmt: str | None) -> bool:
    if fmt:
        return fmt == "html"
    return "text/html" in request.headers.get("accept", "") and not request.query_params.get(
        "format"
    )


@router.get("/id/{path:path}", summary="Linked-data page of a minted IRI / Trang dữ liệu liên kết")
async def resource(request: Request, path: str) -> Response:
    state = service(request)
    local, fmt = _split(path)
    iri = state.settings.base_iri + "id/" + local
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise ApiError(404, f"not an IRI of this graph: {iri}") from None
    outgoing = await _rows(state, OUTGOING, iri)
    incoming = await _rows(state, INCOMING, iri, 500)
    if not outgoing and not incoming:
        return _not_found(request, state, iri)
    if not wants_html(request, fmt):
        job = QueryJob(
            DOCUMENT,
            accept=request.headers.get("accept"),
            format=fmt or request.query_params.get("format") or None,
            substitutions=(("s", ox.NamedNode(iri)),),
            max_rows=state.settings.max_result_rows,
        )
        return outcome_response(await state.require_backend().run(job))
    context = {
        "iri": iri,
        "labels": _labels(outgoing),
        "properties": _group(outgoing, "p", "o", "pl", "ol"),
        "incoming": _group(incoming, "p", "x", "pl", "xl"),
        "observations": await _rows(state, OBSERVATIONS, iri, 1000),
        "quotes": await _rows(state, QUOTES, iri, 200),
        "local": lambda term: local_link(state, term),
    }
    return state.templates.TemplateResponse(request, "resource.html", context)


def _not_found(request: Request, state: Service, iri: str) -> Response:
    if "text/html" in request.headers.get("accept", ""):
        return state.templates.TemplateResponse(
            request, "not_found.html", {"iri": iri}, status_code=404
        )
    raise ApiError(404, f"no resource {iri} in this graph", {"iri": iri})


def curie(iri: str) -> str:
    """`kg:Report` for a known namespace, else the IRI: pages stay readable."""
    for prefix, namespace in CURIE_PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def local_link(state: Service, term: Any) -> str | None:
    """The service path for an IRI under the configured base, else the IRI itself."""
    if not isinstance(term, ox.NamedNode):
        return None
    prefix = state.settings.base_iri + "id/"
    value = term.value
    return "/id/" + value[len(prefix) :] if value.startswith(prefix) else value


def _labels(rows: list[dict[str, Any]]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for row in rows:
        term = row["o"]
        if row["p"].value == LABEL and isinstance(term, ox.Literal):
            labels.setdefault(term.language or "", term.value)
    return labels


def _group(
    rows: list[dict[str, Any]], pred: str, other: str, pred_label: str, other_label: str
) -> list[dict[str, Any]]:
    """Rows (repeated per label) grouped into one entry per (property, value)."""
    entries: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        key = (str(row[pred]), str(row[other]))
        entry = entries.setdefault(
            key,
            {"p": row[pred], "o": row[other], "pl": defaultdict(str), "ol": defaultdict(str)},
        )
        for name, field in (("pl", pred_label), ("ol", other_label)):
            label = row.get(field)
            if isinstance(label, ox.Literal):
                entry[name].setdefault(label.language or "", label.value)
    return list(entries.values())
