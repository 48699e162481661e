"""Linked-data pages, dataset description, dumps, health and the canned-query API."""

from __future__ import annotations

import gzip
import html
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import Server

BASE = "https://w3id.org/kg-vn/"
PROVINCE = BASE + "id/admin-unit/2023/04"
VOID = "http://rdfs.org/ns/void#"


def _triples(content: bytes, fmt: ox.RdfFormat) -> list[ox.Triple | ox.Quad]:
    return list(ox.parse(content, format=fmt))


@pytest.mark.parametrize(
    ("suffix", "accept", "fmt"),
    [
        ("", "text/turtle", ox.RdfFormat.TURTLE),
        ("", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        (".ttl", "*/*", ox.RdfFormat.TURTLE),
        (".jsonld", "*/*", ox.RdfFormat.JSON_LD),
        (".nt", "text/html", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_minted_iri_resolves_as_rdf(
    server: Server, suffix: str, accept: str, fmt: ox.RdfFormat
) -> None:
    with server.client() as c:
        response = c.get("/id/admin-unit/2023/04" + suffix, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    subjects = {t.subject.value for t in _triples(response.content, fmt)}
    assert subjects == {PROVINCE}


def test_minted_iri_resolves_as_an_html_page_for_browsers(server: Server) -> None:
    with server.client() as c:
        page = c.get("/id/admin-unit/2023/04", headers={"Accept": "text/html"})
    text = html.unescape(page.text)
    assert page.headers["content-type"].startswith("text/html")
    assert "Tỉnh Cao Bằng" in text and "Cao Bang Province" in text
    assert "Thuộc tính" in text and "Properties" in text
    assert "Incoming links" in text and 'href="/id/report/' in text  # the report links here


def test_every_local_link_on_a_page_resolves(server: Server) -> None:
    import re

    with server.client() as c:
        page = c.get("/id/admin-unit/2023/04", headers={"Accept": "text/html"})
        links = set(re.findall(r'href="(/id/[^"?]+)"', page.text))
        assert links
        for link in links:
            assert c.get(link, headers={"Accept": "text/turtle"}).status_code == 200, link


def test_unknown_iri_is_404(server: Server) -> None:
    with server.client() as c:
        assert c.get("/id/admin-unit/2023/99999").status_code == 404
        assert c.get("/id/admin-unit/2023/99999.ttl").status_code == 404


def test_dataset_description_is_computed_from_the_store(server: Server) -> None:
    with server.client() as c:
        response = c.get("/dataset", headers={"Accept": "text/turtle"})
        count = c.get(
            "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}
        ).json()["results"]["bindings"][0]["n"]["value"]
    store = ox.Store()
    store.load(response.content, format=ox.RdfFormat.TURTLE)
    dataset = ox.NamedNode(BASE + "id/dataset")
    triples = next(store.quads_for_pattern(dataset, ox.NamedNode(VOID + "triples"), None))
    assert triples.object.value == count
    for term in (
        "distinctSubjects",
        "classPartition",
        "vocabulary",
        "dataDump",
        "sparqlEndpoint",
        "subset",
    ):
        assert list(store.quads_for_pattern(dataset, ox.NamedNode(VOID + term), None)), term
    licence = ox.NamedNode("http://purl.org/dc/terms/license")
    assert list(store.quads_for_pattern(dataset, licence, None))


@pytest.mark.parametrize(("name", "source"), [("kg.nt.gz", "kg.nt"), ("kg.trig.gz", "kg.trig")])
def test_dumps_are_the_build_gzipped(server: Server, built: Path, name: str, source: str) -> None:
    with server.client() as c:
        response = c.get(f"/dumps/{name}")
        again = c.get(f"/dumps/{name}", headers={"If-None-Match": response.headers["ETag"]})
    assert response.status_code == 200
    assert gzip.decompress(response.content) == (built / source).read_bytes()
    assert again.status_code == 304


def test_health(server: Server, built: Path) -> None:
    with server.client() as c:
        body = c.get("/-/health").json()
    assert body["ok"] is True and body["triples"] > 0 and len(body["build"]) == 16


def test_canned_queries_are_listed(server: Server) -> None:
    with server.client() as c:
        body = c.get("/api/queries").json()
    names = [q["name"] for q in body["queries"]]
    assert names == ["graph-of-unit", "labels", "unit-by-code"]
    labels = body["queries"][1]
    assert labels["title"] == {"vi": "Nhãn theo ngôn ngữ", "en": "Labels in one language"}
    assert [p["name"] for p in labels["parameters"]] == ["lang", "limit"]
    assert labels["parameters"][0]["allowed"] == ["vi", "en"]


def test_canned_query_binds_typed_parameters(server: Server) -> None:
    with server.client() as c:
        vi = c.get("/api/queries/labels").json()["results"]["bindings"]
        en = c.get("/api/queries/labels", params={"lang": "en", "limit": "7"}).json()
        unit = c.get("/api/queries/unit-by-code", params={"code": "04"}).json()
    assert {row["label"]["xml:lang"] for row in vi} == {"vi"}
    rows = en["results"]["bindings"]
    assert {row["label"]["xml:lang"] for row in rows} == {"en"}
    assert rows[0]["limit"] == {
        "type": "literal",
        "value": "7",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert PROVINCE in {row["unit"]["value"] for row in unit["results"]["bindings"]}


def test_canned_query_in_other_formats(server: Server) -> None:
    with server.client() as c:
        csv = c.get("/api/queries/labels", params={"format": "csv"})
        graph = c.get(
            "/api/queries/graph-of-unit",
            params={"unit": PROVINCE},
            headers={"Accept": "application/n-triples"},
        )
    assert csv.headers["content-type"].startswith("text/csv")
    assert {t.subject.value for t in _triples(graph.content, ox.RdfFormat.N_TRIPLES)} == {PROVINCE}


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"lang": "fr"}, "'lang'"),
        ({"lang": "vi", "limit": "ten"}, "'limit'"),
        ({"lang": 'vi" } INSERT'}, "'lang'"),
    ],
)
def test_canned_query_rejects_bad_values_naming_the_parameter(
    server: Server, params: dict[str, str], fragment: str
) -> None:
    with server.client() as c:
        response = c.get("/api/queries/labels", params=params)
    assert response.status_code == 400 and fragment in response.json()["error"]


def test_openapi_lists_each_canned_query_with_its_parameters(server: Server) -> None:
    with server.client() as c:
        spec = c.get("/openapi.json").json()
    operation = spec["paths"]["/api/queries/labels"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert params["lang"]["schema"]["enum"] == ["vi", "en"]
    assert params["limit"]["schema"]["type"] == "integer"
    assert spec["paths"]["/api/queries/unit-by-code"]["get"]["parameters"][0]["required"] is True
