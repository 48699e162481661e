"""`/def`: the ontology (the `{base}id/graph/ontology` graph) as RDF or as a term list."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response

from kg.serve.errors import ApiError
from kg.serve.linked_data import local_link, wants_html
from kg.serve.sparql import outcome_response
from kg.serve.state import service
from kg.store import QueryJob, RowsJob

router = APIRouter(tags=["linked data"])
TERMS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?g ?term ?type ?vi ?en ?definition WHERE { GRAPH ?g {
  ?term a ?type .
  OPTIONAL { ?term rdfs:label ?vi FILTER(lang(?vi) = "vi") }
  OPTIONAL { ?term rdfs:label ?en FILTER(lang(?en) = "en") }
  OPTIONAL { ?term skos:definition ?definition }
} } ORDER BY ?type ?term"""


@router.get("/def", summary="The ontology / Bản thể học")
async def ontology(request: Request) -> Response:
    state = service(request)
    graph = str(state.iris.graph("ontology"))
    if graph not in state.graphs:
        raise ApiError(404, "this build has no ontology graph", {"graph": graph})
    if wants_html(request, None):
        outcome = await state.require_backend().rows(
            RowsJob(TERMS, (("g", ox.NamedNode(graph)),), state.settings.max_result_rows)
        )
        if outcome.error:
            raise ApiError(503, f"ontology query failed: {outcome.error}")
        context = {"terms": outcome.rows, "local": lambda t: local_link(state, t)}
        return state.templates.TemplateResponse(request, "ontology.html", context)
    job = QueryJob(
        "CONSTRUCT WHERE { ?s ?p ?o }",
        accept=request.headers.get("accept"),
        format=request.query_params.get("format"),
        default_graphs=(graph,),
        named_graphs=(),
        max_rows=state.settings.max_result_rows,
    )
    return outcome_response(await state.require_backend().run(job))
