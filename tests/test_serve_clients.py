"""Real SPARQL clients against the running service: SPARQLWrapper, rdflib's SPARQLStore
and pandas reading CSV results."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pandas as pd
from conftest import Server
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?unit ?label WHERE { ?unit rdfs:label ?label FILTER(lang(?label) = "vi") }
ORDER BY ?unit LIMIT 10"""
PROVINCE = URIRef("https://w3id.org/kg-vn/id/admin-unit/2023/04")


def test_sparqlwrapper_json_get_and_post(server: Server) -> None:
    for method in ("GET", POST):
        client = SPARQLWrapper(server.url + "/sparql")
        client.setQuery(LABELS)
        client.setReturnFormat(JSON)
        client.setMethod(method)
        data = client.queryAndConvert()
        assert isinstance(data, dict)
        assert len(data["results"]["bindings"]) == 10


def test_sparqlwrapper_xml_ask_and_construct(server: Server) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(f"ASK {{ <{PROVINCE}> ?p ?o }}")
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    assert document.getElementsByTagName("boolean")[0].firstChild.data == "true"
    client.setQuery(f"CONSTRUCT {{ <{PROVINCE}> ?p ?o }} WHERE {{ <{PROVINCE}> ?p ?o }}")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert (PROVINCE, None, None) in graph


def test_rdflib_sparqlstore(server: Server) -> None:
    store = SPARQLStore(server.url + "/sparql", returnFormat="xml")
    graph = Graph(store)
    rows = list(graph.query(LABELS))
    assert len(rows) == 10
    assert graph.query(f"ASK {{ <{PROVINCE}> ?p ?o }}").askAnswer is True
    assert len(graph.query(f"CONSTRUCT WHERE {{ <{PROVINCE}> ?p ?o }}").graph) > 0


def test_pandas_reads_csv_results(server: Server) -> None:
    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery(LABELS)
    client.setReturnFormat(CSV)
    frame = pd.read_csv(io.BytesIO(client.query().response.read()))
    assert list(frame.columns) == ["unit", "label"]
    assert len(frame) == 10
    url = server.url + "/sparql?" + urlencode({"query": LABELS, "format": "csv"})
    assert pd.read_csv(url)["label"].tolist() == frame["label"].tolist()
