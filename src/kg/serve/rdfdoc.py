"""Small RDF documents the service writes itself (service description, dataset
description), negotiated into the usual RDF syntaxes."""

from __future__ import annotations

from fastapi import Request, Response
from rdflib import Graph

from kg.serve.errors import ApiError
from kg.store.formats import NotAcceptable, choose

RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/rdf+xml": "xml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
}
CHARSET_TYPES = ("text/", "application/n-triples", "application/trig", "application/n-quads")


def media_with_charset(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith(CHARSET_TYPES) else media


def negotiate_graph(request: Request, format_name: str | None = None) -> str:
    """Media type for an RDF answer, or 406 in the shared error shape."""
    accept = request.headers.get("accept")
    try:
        return choose(accept, format_name or request.query_params.get("format"), graph=True)
    except NotAcceptable as exc:
        raise ApiError(
            406,
            "none of the requested media types can carry this answer",
            {"available": exc.offered},
        ) from None


def graph_response(request: Request, graph: Graph, format_name: str | None = None) -> Response:
    media = negotiate_graph(request, format_name)
    body = graph.serialize(format=RDFLIB_FORMATS[media], encoding="utf-8")
    return Response(body, media_type=media_with_charset(media))
