"""The canned queries as an API: list them, run one with typed parameters.

Each query gets its own route `/api/queries/{name}` at app creation, with its parameters
in the OpenAPI document; all of them call the one module-level handler below.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request, Response

from kg.errors import ParameterError
from kg.queries.catalog import CannedQuery, bind
from kg.serve.errors import ApiError
from kg.serve.limits import rate_limited
from kg.serve.sparql import outcome_response
from kg.serve.state import service
from kg.store import QueryJob

router = APIRouter(tags=["canned queries"])
OPENAPI_TYPES = {"integer": "integer", "decimal": "number"}


def describe(query: CannedQuery) -> dict[str, Any]:
    return {
        "name": query.name,
        "title": {"vi": query.title_vi, "en": query.title_en},
        "description": query.description,
        "tags": list(query.tags),
        "parameters": [
            {
                "name": p.name,
                "type": p.type,
                "description": p.description,
                "default": p.default,
                "allowed": list(p.allowed) if p.allowed else None,
                "pattern": p.pattern,
            }
            for p in query.parameters
        ],
        "text": query.text,
        "url": f"/api/queries/{query.name}",
    }


@router.get("/api/queries", summary="List the canned queries / Danh sách truy vấn mẫu")
async def list_queries(request: Request) -> dict[str, Any]:
    catalog = service(request).catalog
    return {"ok": True, "queries": [describe(q) for _, q in sorted(catalog.items())]}


async def run_canned(request: Request) -> Response:
    """Run one canned query; the name is the last path segment of the route."""
    state = service(request)
    name = request.url.path.rstrip("/").rsplit("/", 1)[-1]
    query = state.catalog.get(name)
    if query is None:
        raise ApiError(404, f"no canned query named {name!r}", {"queries": sorted(state.catalog)})
    raw = {k: v for k, v in request.query_params.items() if k != "format"}
    try:
        terms = bind(query, raw, state.iris)
    except ParameterError as exc:
        raise ApiError(400, str(exc), {"query": name}) from None
    job = QueryJob(
        query=query.text,
        accept=request.headers.get("accept"),
        format=request.query_params.get("format"),
        substitutions=tuple((v.value, t) for v, t in terms.items()),
        max_rows=state.settings.max_result_rows,
    )
    return outcome_response(await state.require_backend().run(job))


def _openapi(query: CannedQuery) -> dict[str, Any]:
    params = [
        {
            "name": p.name,
            "in": "query",
            "required": p.default is None,
            "description": p.description,
            "schema": {
                "type": OPENAPI_TYPES.get(p.type, "string"),
                **({"default": p.default} if p.default is not None else {}),
                **({"enum": list(p.allowed)} if p.allowed else {}),
                **({"pattern": p.pattern} if p.pattern else {}),
            },
        }
        for p in query.parameters
    ]
    params.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "json, xml, csv, tsv (SELECT/ASK) or turtle, nt, jsonld… (CONSTRUCT)",
            "schema": {"type": "string"},
        }
    )
    return {"parameters": params}


def add_canned_routes(app: FastAPI, catalog: dict[str, CannedQuery]) -> None:
    """One documented route per canned query, then a catch-all that answers 404."""
    for name, query in sorted(catalog.items()):
        app.add_api_route(
            f"/api/queries/{name}",
            run_canned,
            methods=["GET"],
            name=f"canned-{name}",
            summary=f"{query.title_en} / {query.title_vi}",
            description=query.description,
            tags=["canned queries"],
            dependencies=[Depends(rate_limited)],
            openapi_extra=_openapi(query),
        )
    app.add_api_route("/api/queries/{name}", run_canned, methods=["GET"], include_in_schema=False)
