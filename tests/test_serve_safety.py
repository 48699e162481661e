"""The endpoint is read-only and closed: updates are refused (403), and SERVICE, LOAD
or graphs outside the store are refused (400), however the query is written."""

from __future__ import annotations

import pytest
from conftest import Server

UPDATES = [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "LOAD <file:///etc/passwd> INTO GRAPH <http://example.org/g>",
    "CLEAR ALL",
    "clear   graph <http://example.org/g>",
    "DROP ALL",
    "CREATE GRAPH <http://example.org/g>",
    "# a comment\nPREFIX ex: <http://example.org/>\ninsert data { ex:a ex:b ex:c }",
]
CLOSED = [
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
    "PREFIX ex: <http://example.org/>\nSELECT * { SeRvIcE ex:sparql { ?s ?p ?o } }",
    "SELECT * { ?a ?b ?c . OPTIONAL { SERVICE <http://x.example/> { ?a ?d ?e } } }",
    "SELECT * { FILTER EXISTS { SERVICE <http://x.example/> { ?a ?d ?e } } }",
    "SELECT * { { SELECT ?s { SERVICE <http://x.example/> { ?s ?p ?o } } } }",
    "SELECT * { # comment\n SERVICE <http://x.example/> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/x> WHERE { ?s ?p ?o }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/x> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "PREFIX e: <file:///etc/>\nSELECT * FROM e:passwd WHERE { ?s ?p ?o }",
    "ask from <https://w3id.org/kg-vn/id/graph/nope> { }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_as_query(server: Server, update: str) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": update})
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_in_every_update_form(server: Server, update: str) -> None:
    with server.client() as c:
        answers = [
            c.get("/sparql", params={"update": update}),
            c.post("/sparql", data={"update": update}),
            c.post(
                "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
            ),
        ]
    assert [a.status_code for a in answers] == [403, 403, 403]


@pytest.mark.parametrize("query", CLOSED)
def test_other_hosts_and_files_are_never_reached(server: Server, query: str) -> None:
    with server.client() as c:
        by_get = c.get("/sparql", params={"query": query})
        by_post = c.post(
            "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
        )
    assert by_get.status_code == 400 and by_post.status_code == 400
    assert by_get.json()["ok"] is False


@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("graph", ["http://example.org/x", "file:///etc/passwd"])
def test_protocol_dataset_outside_the_store_is_refused(
    server: Server, parameter: str, graph: str
) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": "ASK {}", parameter: graph})
    assert response.status_code == 400
    assert response.json()["detail"]["refused"] == [graph]


def test_the_word_service_inside_a_string_is_fine(server: Server) -> None:
    query = 'SELECT ?x WHERE { BIND("public service" AS ?x) ?service ?p ?o } LIMIT 1'
    with server.client() as c:
        assert c.get("/sparql", params={"query": query}).status_code == 200
