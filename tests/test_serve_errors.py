"""One JSON error shape on every error path, and no 5xx for malformed requests."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import pytest
from conftest import Server
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SHAPE = {"ok", "status", "error", "detail"}


def _requests(c: httpx.Client) -> dict[str, tuple[int, httpx.Response]]:
    q = "/sparql"
    return {
        "malformed": (400, c.get(q, params={"query": "SELECT * WHERE {"})),
        "two queries": (400, c.get(q, params=[("query", "ASK {}"), ("query", "ASK {}")])),
        "service": (400, c.get(q, params={"query": "SELECT * { SERVICE <http://x/> {} }"})),
        "from outside": (400, c.get(q, params={"query": "ASK FROM <http://x/> {}"})),
        "graph param": (400, c.get(q, params={"query": "ASK {}", "default-graph-uri": "x:y"})),
        "update": (403, c.get(q, params={"update": "CLEAR ALL"})),
        "update as query": (403, c.get(q, params={"query": "CLEAR ALL"})),
        "no route": (404, c.get("/no/such/page")),
        "unknown iri": (404, c.get("/id/no-such-thing")),
        "unknown dump": (404, c.get("/dumps/passwd")),
        "unknown canned": (404, c.get("/api/queries/no-such-query")),
        "bad parameter": (400, c.get("/api/queries/unit-by-code", params={"code": "x'}"})),
        "missing parameter": (400, c.get("/api/queries/graph-of-unit")),
        "method": (405, c.put(q, content="ASK {}")),
        "not acceptable": (
            406,
            c.get(q, params={"query": "ASK {}"}, headers={"Accept": "image/png"}),
        ),
        "too long": (413, c.get(q, params={"query": "ASK {}" + " " * 6000})),
        "media type": (415, c.post(q, content="ASK {}", headers={"Content-Type": "text/plain"})),
    }


def test_every_error_path_has_the_one_shape(server: Server) -> None:
    with server.client() as c:
        answers = _requests(c)
    for name, (status, response) in answers.items():
        assert response.status_code == status, (name, response.text)
        assert response.headers["content-type"].startswith("application/json"), name
        body = response.json()
        assert set(body) == SHAPE, name
        assert body["ok"] is False and body["status"] == status, name
        assert isinstance(body["error"], str) and body["error"], name


def test_unknown_iri_gives_an_html_404_to_browsers(server: Server) -> None:
    with server.client() as c:
        response = c.get("/id/no-such-thing", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "Not found" in response.text and "Không tìm thấy" in response.text


FRAGMENTS = st.sampled_from(
    [
        "SELECT",
        "ASK",
        "CONSTRUCT",
        "DESCRIBE",
        "WHERE",
        "{",
        "}",
        "?s",
        "?p",
        "?o",
        "*",
        ".",
        "FILTER(",
        ")",
        "GRAPH",
        "<http://x/>",
        '"a"@vi',
        "1.5e3",
        "OPTIONAL",
        "UNION",
        "LIMIT 3",
        "PREFIX x: <http://x/>",
        "x:y",
        "BIND(",
        "AS",
        "VALUES ?s {",
        "#",
        "\n",
        "SERVICE",
        "FROM",
        "NAMED",
        "INSERT",
        "DATA",
        "COUNT(*)",
        "GROUP BY",
        "ORDER BY",
        "<<",
        ">>",
        "\\",
        "'",
        '"',
    ]
)
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(FRAGMENTS, max_size=25).map(" ".join),
)
ACCEPTS = st.one_of(
    st.none(),
    # h11 (the client) refuses header values with surrounding spaces: strip them
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60).map(
        str.strip
    ),
    st.lists(
        st.sampled_from(
            [
                "text/csv",
                "*/*",
                "text/*",
                "application/sparql-results+json",
                "text/turtle;q=0.2",
                "image/png",
                "q=x",
                ";;",
                "application/ld+json;q=abc",
            ]
        ),
        max_size=4,
    ).map(",".join),
)
PARAMS = st.lists(
    st.tuples(
        st.sampled_from(["format", "default-graph-uri", "named-graph-uri", "output", "x", "query"]),
        st.text(max_size=30),
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(query=QUERIES, accept=ACCEPTS, params=PARAMS, post=st.booleans())
def test_malformed_requests_never_get_a_5xx(
    server: Server, query: str, accept: str | None, params: list[tuple[str, str]], post: bool
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    with httpx.Client(base_url=server.url, timeout=30) as c:
        if post:
            response = c.post(
                "/sparql",
                params=params,
                content=query.encode(),
                headers={**headers, "Content-Type": "application/sparql-query"},
            )
        else:
            response = c.get("/sparql", params=[("query", query), *params], headers=headers)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert set(response.json()) == SHAPE


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.text(max_size=40), accept=ACCEPTS)
def test_random_linked_data_paths_never_get_a_5xx(
    server: Server, path: str, accept: str | None
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    with httpx.Client(base_url=server.url, timeout=30) as c:
        response = c.get("/id/" + quote(path, safe="/"), headers=headers)
    assert response.status_code < 500, response.text


@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_405_keeps_the_shape(server: Server, accept: str) -> None:
    with server.client() as c:
        response = c.delete("/sparql", headers={"Accept": accept})
    assert response.status_code == 405 and set(response.json()) == SHAPE
