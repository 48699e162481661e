"""Content negotiation matrix: every format each query form offers, by Accept and by
`format=`, parsed back with a real parser; 406 when nothing offered fits."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from conftest import Server

SELECT = (
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } "
    "ORDER BY ?s ?label LIMIT 7"
)
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 9"
DESCRIBE = "DESCRIBE <https://w3id.org/kg-vn/id/admin-unit/2023/04>"

RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_PARAM = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nq": "application/n-quads",
}


@pytest.mark.parametrize("media", list(RESULTS))
def test_select_in_every_results_format(server: Server, media: str) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": SELECT}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["s", "label"] and len(rows) == 8
        return
    parsed = ox.parse_query_results(response.content, format=RESULTS[media])
    assert [v.value for v in parsed.variables] == ["s", "label"]
    assert len(list(parsed)) == 7


@pytest.mark.parametrize("media", list(RESULTS))
def test_ask_in_every_results_format(server: Server, media: str) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": ASK}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert "true" in response.text


@pytest.mark.parametrize("query", [CONSTRUCT, DESCRIBE])
@pytest.mark.parametrize("media", list(GRAPHS))
def test_graph_queries_in_every_rdf_format(server: Server, query: str, media: str) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": query}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    quads = list(ox.parse(response.content, format=GRAPHS[media]))
    assert quads, f"no triples in {media}"


@pytest.mark.parametrize(("name", "media"), list(FORMAT_PARAM.items()))
def test_format_parameter_for_results(server: Server, name: str, media: str) -> None:
    with server.client() as c:
        response = c.get(
            "/sparql", params={"query": SELECT, "format": name}, headers={"Accept": "text/html"}
        )
    assert response.headers["content-type"].split(";")[0] == media


@pytest.mark.parametrize(("name", "media"), list(GRAPH_PARAM.items()))
def test_format_parameter_for_graphs(server: Server, name: str, media: str) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": CONSTRUCT, "format": name})
    assert response.headers["content-type"].split(";")[0] == media


def test_quality_values_are_honoured(server: Server) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    with server.client() as c:
        response = c.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/csv")


def test_no_accept_defaults_to_json_results_and_turtle_graphs(server: Server) -> None:
    with server.client() as c:
        select = c.get("/sparql", params={"query": SELECT}, headers={"Accept": ""})
        graph = c.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "*/*"})
    assert select.headers["content-type"].startswith("application/sparql-results+json")
    assert graph.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (SELECT, "text/turtle"),
        (SELECT, "image/png"),
        (CONSTRUCT, "text/csv"),
        (CONSTRUCT, "application/sparql-results+json"),
        (ASK, "application/n-triples"),
    ],
)
def test_unservable_media_type_is_406_never_a_substitute(
    server: Server, query: str, accept: str
) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    body = response.json()
    assert body["ok"] is False and body["detail"]["available"]


def test_format_parameter_that_cannot_carry_the_answer_is_406(server: Server) -> None:
    with server.client() as c:
        csv_graph = c.get("/sparql", params={"query": CONSTRUCT, "format": "csv"})
        ttl_select = c.get("/sparql", params={"query": SELECT, "format": "ttl"})
    assert csv_graph.status_code == 406 and ttl_select.status_code == 406


def test_json_results_are_valid_json_with_typed_literals(server: Server) -> None:
    query = 'SELECT ?n ?l WHERE { BIND(3 AS ?n) BIND("Cao Bằng"@vi AS ?l) }'
    with server.client() as c:
        data = json.loads(c.get("/sparql", params={"query": query}).content)
    row = data["results"]["bindings"][0]
    assert row["n"]["datatype"].endswith("#integer")
    assert row["l"] == {"type": "literal", "value": "Cao Bằng", "xml:lang": "vi"}
