"""The SPARQL 1.1 Protocol for queries: GET, form POST and direct POST at /sparql.

This module turns an HTTP request into a `QueryJob` (checking what the protocol
requires of the request itself) and the store's outcome back into a response. Whether
the query is allowed, and in which format it is answered, is decided by the worker that
parses it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request, Response

from kg.serve.description import service_description
from kg.serve.errors import ApiError, error_response
from kg.serve.limits import rate_limited
from kg.serve.rdfdoc import graph_response, media_with_charset
from kg.serve.state import endpoint_url, service
from kg.store import QueryJob, QueryOutcome

router = APIRouter(tags=["sparql"])
Pairs = list[tuple[str, str]]
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"


@router.get("/sparql", dependencies=[Depends(rate_limited)], summary="SPARQL query (GET)")
async def sparql_get(request: Request) -> Response:
    return await answer(request, list(request.query_params.multi_items()))


@router.post("/sparql", dependencies=[Depends(rate_limited)], summary="SPARQL query (POST)")
async def sparql_post(request: Request) -> Response:
    media, charset = _content_type(request.headers.get("content-type", ""))
    pairs = list(request.query_params.multi_items())
    body = await _body(request)
    if media == FORM:
        pairs += parse_qsl(_decode(body, charset), keep_blank_values=True)
    elif media == DIRECT:
        pairs.append(("query", _decode(body, charset)))
    elif media == UPDATE:
        raise ApiError(403, READ_ONLY)
    else:
        raise ApiError(
            415,
            f"POST needs Content-Type {FORM} or {DIRECT}",
            {"content_type": media or None},
        )
    return await answer(request, pairs)


async def answer(request: Request, pairs: Pairs) -> Response:
    """Answer a protocol request given all its parameters (URL and body)."""
    queries = [v for k, v in pairs if k == "query"]
    if any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in pairs):
        raise ApiError(403, READ_ONLY)
    if len(queries) > 1:
        raise ApiError(400, "give exactly one `query` parameter", {"count": len(queries)})
    if not queries:
        return _no_query(request)
    job = _job(request, queries[0], pairs)
    return outcome_response(await service(request).require_backend().run(job))


def _job(request: Request, query: str, pairs: Pairs) -> QueryJob:
    settings = service(request).settings
    if len(query) > settings.max_query_length:
        raise ApiError(
            413,
            f"query too long: {len(query)} characters, limit {settings.max_query_length}",
            {"length": len(query), "limit": settings.max_query_length},
        )
    default = tuple(v for k, v in pairs if k == "default-graph-uri")
    named = tuple(v for k, v in pairs if k == "named-graph-uri")
    formats = [v for k, v in pairs if k == "format" and v]
    return QueryJob(
        query=query,
        accept=request.headers.get("accept"),
        format=formats[0] if formats else None,
        default_graphs=default if default or named else None,
        named_graphs=named if default or named else None,
        max_rows=settings.max_result_rows,
        base_iri=_base_iri(request),
    )


def _base_iri(request: Request) -> str | None:
    """The query's base IRI is the endpoint's address, when the Host header makes one."""
    try:
        return ox.NamedNode(endpoint_url(request)).value
    except ValueError:
        return None


def outcome_response(outcome: QueryOutcome) -> Response:
    """A store outcome as HTTP: the body as serialized, or the shared error shape."""
    if outcome.error is not None:
        return error_response(outcome.status, outcome.error, outcome.detail)
    headers = {"X-KG-Rows": str(outcome.count)}
    if outcome.truncated:
        headers["X-KG-Truncated"] = "true"
    return Response(
        outcome.body, media_type=media_with_charset(outcome.media_type), headers=headers
    )


def _no_query(request: Request) -> Response:
    """No query: browsers get the query page, other clients the service description."""
    accept = request.headers.get("accept", "")
    if "text/html" in accept and request.query_params.get("format") is None:
        from kg.serve.query_page import render_query_page

        return render_query_page(request)
    state = service(request)
    return graph_response(request, service_description(endpoint_url(request), state.graphs))


def _content_type(header: str) -> tuple[str, str | None]:
    media, *params = (p.strip() for p in header.split(";"))
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


async def _body(request: Request) -> bytes:
    """The request body, refused (413) once it passes what a legal query can need."""
    limit = service(request).settings.max_query_length * 4 + 4096
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body too large (limit {limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise ApiError(415, "the request body must be UTF-8", {"charset": charset})
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the request body is not valid UTF-8 ({exc.reason})") from None
