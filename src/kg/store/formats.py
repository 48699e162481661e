"""Content negotiation: which media types each kind of answer can be given in.

A query's form (SELECT/ASK give results, CONSTRUCT/DESCRIBE give a graph) is known only
once it is parsed, so negotiation runs where the query is parsed; the service passes the
client's `Accept` header and `format=` parameter through unchanged.
"""

from __future__ import annotations

import pyoxigraph as ox

# Results of SELECT and ASK: media type -> serializer name, in the service's preference.
RESULT_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}

# Graphs from CONSTRUCT and DESCRIBE (and linked-data pages).
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}

# `format=` values (for browsers, which cannot set Accept on a link) -> media types.
FORMAT_NAMES: dict[str, tuple[str, str]] = {
    # name: (media type for results, media type for graphs); "" = not available
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", ""),
    "tsv": ("text/tab-separated-values", ""),
    "turtle": ("", "text/turtle"),
    "ttl": ("", "text/turtle"),
    "nt": ("", "application/n-triples"),
    "ntriples": ("", "application/n-triples"),
    "jsonld": ("", "application/ld+json"),
    "json-ld": ("", "application/ld+json"),
    "rdfxml": ("", "application/rdf+xml"),
    "rdf": ("", "application/rdf+xml"),
    "trig": ("", "application/trig"),
    "nq": ("", "application/n-quads"),
    "nquads": ("", "application/n-quads"),
}


class NotAcceptable(Exception):
    """No media type the client takes can carry this answer (HTTP 406)."""

    def __init__(self, offered: list[str]) -> None:
        super().__init__("none of the requested media types can carry this answer")
        self.offered = offered


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values; junk entries are skipped, never fatal."""
    ranges: list[tuple[str, float]] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range matching `media` (RFC 9110 precedence)."""
    best: tuple[int, float] = (-1, 0.0)
    major = media.split("/")[0]
    for pattern, q in ranges:
        if pattern == media:
            rank = 2
        elif pattern == f"{major}/*":
            rank = 1
        elif pattern == "*/*":
            rank = 0
        else:
            continue
        if rank > best[0]:
            best = (rank, q)
    return best[1]


def negotiate(accept: str | None, offered: list[str]) -> str:
    """Best offered type for the Accept header; no header means the first offered."""
    ranges = parse_accept(accept)
    if not ranges:
        if accept and accept.strip():
            raise NotAcceptable(offered)
        return offered[0]
    scored = [(_quality(media, ranges), -i, media) for i, media in enumerate(offered)]
    q, _, media = max(scored)
    if q <= 0:
        raise NotAcceptable(offered)
    return media


def choose(accept: str | None, format_name: str | None, graph: bool) -> str:
    """The media type to answer in: `format=` wins over Accept; raises NotAcceptable."""
    offered = list(GRAPH_TYPES if graph else RESULT_TYPES)
    if format_name:
        media = FORMAT_NAMES.get(format_name.strip().lower(), ("", ""))[1 if graph else 0]
        if not media:
            raise NotAcceptable(offered)
        return media
    return negotiate(accept, offered)
