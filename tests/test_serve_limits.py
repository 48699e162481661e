"""Limits over real HTTP: the time limit really stops a query while others are served,
parallel clients, query length, row cap, rate limit, ETag/304."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import Server, start_server, stop_server

EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_explosive_query_is_stopped_while_a_simple_one_is_answered(server: Server) -> None:
    """The slow query must still be running when the simple one comes back."""

    async def scenario() -> tuple[httpx.Response, httpx.Response, bool]:
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as c:
            slow = asyncio.create_task(c.get("/sparql", params={"query": EXPLOSIVE}))
            await asyncio.sleep(0.3)
            quick = await c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            slow_done_first = slow.done()
            return await slow, quick, slow_done_first

    slow, quick, slow_done_first = asyncio.run(scenario())
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert not slow_done_first
    assert slow.status_code == 503
    assert set(slow.json()) == {"ok", "status", "error", "detail"}
    assert slow.json()["error"].startswith("query stopped")
    with httpx.Client(base_url=server.url) as c:  # the pool has recovered
        assert c.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_fifty_parallel_clients_get_no_error(server: Server) -> None:
    async def one(c: httpx.AsyncClient, i: int) -> int:
        query = f"SELECT ?s WHERE {{ ?s ?p ?o }} OFFSET {i} LIMIT 3"
        return (await c.get("/sparql", params={"query": query})).status_code

    async def many() -> list[int]:
        limits = httpx.Limits(max_connections=60)
        async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as c:
            return await asyncio.gather(*(one(c, i) for i in range(50)))

    assert asyncio.run(many()) == [200] * 50


def test_too_long_query_is_413(server: Server) -> None:
    query = "ASK {}" + " " * 6000
    with server.client() as c:
        response = c.post("/sparql", data={"query": query})
    assert response.status_code == 413
    assert response.json()["detail"]["limit"] == 5000


@pytest.mark.parametrize("media", ["application/sparql-results+json", "text/csv"])
def test_results_are_cut_at_the_row_cap_and_say_so(server: Server, media: str) -> None:
    with server.client() as c:
        response = c.get(
            "/sparql", params={"query": "SELECT * { ?s ?p ?o }"}, headers={"Accept": media}
        )
    assert response.status_code == 200
    assert response.headers["X-KG-Truncated"] == "true"
    assert response.headers["X-KG-Rows"] == "100"
    if media.endswith("json"):
        body = response.json()
        assert len(body["results"]["bindings"]) == 100
        assert body["head"]["kg:truncated"] is True and "100" in body["kg:note"]


def test_small_results_are_not_marked_cut(server: Server) -> None:
    with server.client() as c:
        response = c.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 3"})
    assert "X-KG-Truncated" not in response.headers


def test_etag_gives_304_and_follows_the_request(server: Server) -> None:
    params = {"query": "SELECT * { ?s ?p ?o } LIMIT 2"}
    with server.client() as c:
        first = c.get("/sparql", params=params)
        tag = first.headers["ETag"]
        again = c.get("/sparql", params=params, headers={"If-None-Match": tag})
        other = c.get(
            "/sparql", params=params, headers={"If-None-Match": tag, "Accept": "text/csv"}
        )
        page = c.get("/id/admin-unit/2023/04", headers={"Accept": "text/turtle"})
        page_again = c.get(
            "/id/admin-unit/2023/04",
            headers={"Accept": "text/turtle", "If-None-Match": page.headers["ETag"]},
        )
        health = c.get("/-/health")
    assert "max-age" in first.headers["Cache-Control"]
    assert again.status_code == 304 and again.content == b""
    assert other.status_code == 200 and other.headers["ETag"] != tag
    assert page_again.status_code == 304
    build = health.json()["build"]
    assert build in tag and "ETag" not in health.headers


@pytest.fixture(scope="module")
def limited(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(built, tmp_path_factory.mktemp("limited"), rate_limit=5)
    yield running
    stop_server(running)


def test_rate_limit_answers_429_with_retry_after(limited: Server) -> None:
    with limited.client() as c:
        codes = [c.get("/sparql", params={"query": "ASK {}"}).status_code for _ in range(7)]
        refused = c.get("/sparql", params={"query": "ASK {}"})
        health = c.get("/-/health")
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["status"] == 429
    assert set(refused.json()) == {"ok", "status", "error", "detail"}
    assert health.status_code == 200  # monitoring is not rate limited


def test_graph_results_are_cut_too(server: Server) -> None:
    with server.client() as c:
        response = c.get(
            "/sparql",
            params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
            headers={"Accept": "application/n-triples"},
        )
    assert response.headers["X-KG-Truncated"] == "true"
    assert len(response.text.strip().splitlines()) == 100


@pytest.mark.parametrize("path", ["/sparql?query=ASK%7B%7D", "/id/admin-unit/2023/04", "/-/health"])
def test_head_gives_the_get_headers_without_body(server: Server, path: str) -> None:
    with server.client() as c:
        head = c.head(path)
        get = c.get(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers.get("ETag") == get.headers.get("ETag")
