"""SPARQL 1.1 Protocol over real HTTP: the three ways to send a query, the dataset
parameters, the service description and the query page."""

from __future__ import annotations

import html
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from conftest import Server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
VOCAB = "https://w3id.org/kg-vn/id/graph/vocab"
ONTOLOGY = "https://w3id.org/kg-vn/id/graph/ontology"


def _count(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_get_form_post_and_direct_post_give_the_same_answer(server: Server) -> None:
    with server.client() as c:
        by_get = c.get("/sparql", params={"query": COUNT})
        by_form = c.post("/sparql", data={"query": COUNT})
        by_direct = c.post(
            "/sparql", content=COUNT, headers={"Content-Type": "application/sparql-query"}
        )
    counts = {_count(by_get), _count(by_form), _count(by_direct)}
    assert len(counts) == 1 and counts.pop() > 0


def test_default_graph_is_the_union_of_all_named_graphs(server: Server) -> None:
    with server.client() as c:
        union = _count(c.get("/sparql", params={"query": COUNT}))
        per_graph = c.get(
            "/sparql",
            params={"query": "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"},
        ).json()["results"]["bindings"]
    assert union == sum(int(row["n"]["value"]) for row in per_graph)
    assert {row["g"]["value"] for row in per_graph} >= {VOCAB, ONTOLOGY}


def test_default_graph_uri_restricts_the_default_graph(server: Server) -> None:
    with server.client() as c:
        union = _count(c.get("/sparql", params={"query": COUNT}))
        vocab = _count(c.get("/sparql", params={"query": COUNT, "default-graph-uri": VOCAB}))
        both = _count(
            c.get(
                "/sparql",
                params=[
                    ("query", COUNT),
                    ("default-graph-uri", VOCAB),
                    ("default-graph-uri", ONTOLOGY),
                ],
            )
        )
    assert 0 < vocab < both <= union


def test_named_graph_uri_limits_graph_patterns(server: Server) -> None:
    query = "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    with server.client() as c:
        rows = c.get("/sparql", params={"query": query, "named-graph-uri": ONTOLOGY}).json()
    assert [r["g"]["value"] for r in rows["results"]["bindings"]] == [ONTOLOGY]


def test_from_a_graph_of_the_store_is_allowed(server: Server) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}"
    with server.client() as c:
        ontology = _count(c.get("/sparql", params={"query": query}))
        union = _count(c.get("/sparql", params={"query": COUNT}))
    assert 0 < ontology < union


def test_no_query_gives_the_service_description(server: Server) -> None:
    with server.client() as c:
        response = c.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    triples = ox.parse(response.content, format=ox.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    predicates = {t.predicate.value for t in triples}
    assert sd + "endpoint" in predicates and sd + "namedGraph" in predicates


def test_browser_without_query_gets_the_query_page(server: Server) -> None:
    with server.client() as c:
        response = c.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
        script = c.get("/static/query.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert 'id="query"' in response.text and "/static/query.js" in response.text
    assert "PREFIX kg: <https://w3id.org/kg-vn/def#>" in html.unescape(response.text)
    assert "Truy vấn" in response.text and "Query" in response.text
    assert "http://" not in script.text.replace("http://www.w3.org", "")  # no CDN


def test_two_query_parameters_are_a_bad_request(server: Server) -> None:
    with server.client() as c:
        response = c.get(f"/sparql?query={quote('ASK {}')}&query={quote('ASK {}')}")
    assert response.status_code == 400


def test_post_with_other_media_type_is_refused(server: Server) -> None:
    with server.client() as c:
        plain = c.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
        missing = c.post("/sparql", content="query=ASK%20%7B%7D")
        utf16 = c.post(
            "/sparql",
            content="ASK {}".encode("utf-16"),
            headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
        )
    assert plain.status_code == 415 and missing.status_code == 415
    assert utf16.status_code == 415


def test_malformed_query_gives_the_parsers_message_and_position(server: Server) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"].startswith("malformed query")
    assert body["detail"]["line"] == 1 and body["detail"]["column"] > 1


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_service_description_in_other_rdf_formats(
    server: Server, accept: str, fmt: ox.RdfFormat
) -> None:
    with server.client() as c:
        response = c.get("/sparql", headers={"Accept": accept})
    assert response.headers["content-type"].split(";")[0] == accept
    endpoint = server.url + "/sparql"
    assert endpoint in {t.subject.value for t in ox.parse(response.content, format=fmt)}


def test_cross_origin_clients_may_query(server: Server) -> None:
    with server.client() as c:
        preflight = c.options(
            "/sparql",
            headers={
                "Origin": "https://example.org",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        answer = c.get(
            "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://example.org"}
        )
    assert preflight.status_code == 200
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "x-kg-truncated" in answer.headers["access-control-expose-headers"].lower()
