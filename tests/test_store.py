"""The store stage without HTTP: on-disk store per build, query vetting, content
negotiation, results serializers, and the worker pool's time limit."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import KgError
from kg.store import QueryJob, RowsJob, WorkerPool, open_build_store
from kg.store.formats import NotAcceptable, choose, negotiate, parse_accept
from kg.store.persist import build_id
from kg.store.results import SELECT_WRITERS, ask_body
from kg.store.safety import Refused, check_query

G1 = "http://example.org/g1"
XSD = "http://www.w3.org/2001/XMLSchema#"
NQ = (
    f'<http://example.org/a> <http://example.org/p> "x"@vi <{G1}> .\n'
    f'<http://example.org/b> <http://example.org/p> "1"^^<{XSD}integer> <{G1}> .\n'
)


@pytest.fixture
def build(tmp_path: Path) -> Path:
    folder = tmp_path / "build"
    folder.mkdir()
    (folder / "kg.nq").write_text(NQ, encoding="utf-8")
    return folder


def test_store_is_made_once_per_build_and_old_ones_removed(build: Path, tmp_path: Path) -> None:
    first = open_build_store(build, tmp_path / "stores")
    assert first.triples == 2 and first.build_id == build_id(build)
    assert open_build_store(build, tmp_path / "stores").store_path == first.store_path
    (build / "kg.nq").write_text(NQ.splitlines(keepends=True)[0], encoding="utf-8")
    second = open_build_store(build, tmp_path / "stores")
    assert second.triples == 1 and second.build_id != first.build_id
    assert [p.name for p in (tmp_path / "stores").iterdir()] == [second.build_id]


def test_missing_build_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="kg build"):
        open_build_store(tmp_path / "nothing", tmp_path / "stores")


GRAPHS = frozenset({G1})


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", 400),
        ("select * { service\t<http://x/> { ?s ?p ?o } }", 400),
        ("PREFIX : <http://x/> SELECT * { SERVICE :s { ?s ?p ?o } }", 400),
        ("SELECT * { #SERVICE in a comment is refused too\n ?s ?p ?o }", 400),
        ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", 400),
        ("SELECT * { SERVICE\u00a0<http://x/> { ?s ?p ?o } }", 400),
        ("SELECT * FROM <http://example.org/other> { ?s ?p ?o }", 400),
        ("SELECT * FROM <http://ex\\u0061mple.org/g1x> { ?s ?p ?o }", 400),
        ("PREFIX e: <http://example.org/> SELECT * FROM NAMED e:other { ?s ?p ?o }", 400),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", 403),
        ("LOAD <file:///etc/passwd>", 403),
        ("SELECT * WHERE {", 400),
    ],
)
def test_check_query_refuses(query: str, status: int) -> None:
    with pytest.raises(Refused) as refused:
        check_query(query, GRAPHS)
    assert refused.value.status == status


@pytest.mark.parametrize(
    ("query", "form", "dataset"),
    [
        ('SELECT ?s { ?s ?p "SERVICE" }', "select", False),
        ("SELECT ?service { ?service ?p ?o }", "select", False),
        ("PREFIX service: <http://x/> ASK { service:a ?p ?o }", "ask", False),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "construct", False),
        ("PREFIX e: <http://example.org/> DESCRIBE ?s FROM e:g1 { ?s ?p ?o }", "describe", True),
    ],
)
def test_check_query_accepts(query: str, form: str, dataset: bool) -> None:
    checked = check_query(query, GRAPHS)
    assert (checked.form, checked.has_dataset) == (form, dataset)


def test_negotiation() -> None:
    offered = ["application/sparql-results+json", "text/csv"]
    assert negotiate(None, offered) == offered[0]
    assert negotiate("text/*", offered) == "text/csv"
    assert negotiate("text/csv;q=0.4, */*;q=0.5", offered) == offered[0]
    with pytest.raises(NotAcceptable):
        negotiate("text/csv;q=0, image/png", offered)
    assert choose("image/png", "csv", graph=False) == "text/csv"  # format= wins
    with pytest.raises(NotAcceptable):
        choose(None, "csv", graph=True)


@given(st.text(max_size=80))
def test_accept_parsing_never_fails(header: str) -> None:
    for media, q in parse_accept(header):
        assert "/" in media and 0 <= q <= 1


ROWS = [
    [ox.NamedNode("http://example.org/a"), ox.Literal('Cao Bằng, "x"\t', language="vi")],
    [ox.BlankNode("b1"), None],
    [None, ox.Literal("2.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))],
]


@pytest.mark.parametrize(
    ("kind", "fmt"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_results_writers_round_trip(kind: str, fmt: ox.QueryResultsFormat) -> None:
    body = SELECT_WRITERS[kind](["s", "o"], ROWS, False)
    parsed = list(ox.parse_query_results(body, format=fmt))
    assert [parsed[0]["s"], parsed[0]["o"]] == ROWS[0]
    assert parsed[2]["o"] == ROWS[2][1] and parsed[2]["s"] is None
    assert ox.parse_query_results(ask_body(kind, True), format=fmt)


def test_csv_writer_quotes_fields() -> None:
    body = SELECT_WRITERS["csv"](["s", "o"], ROWS, False).decode()
    assert body.splitlines()[1] == 'http://example.org/a,"Cao Bằng, ""x""\t"'


# 2 triples ^ 10 patterns x 40^4 values: about 2.6e9 solutions to count.
_VALUES = " ".join(str(i) for i in range(40))
EXPLOSIVE = (
    "SELECT (COUNT(*) AS ?n) { "
    + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(10))
    + "".join(f" VALUES ?v{i} {{ {_VALUES} }}" for i in range(4))
    + " }"
)


def test_pool_stops_an_overrunning_query_and_recovers(build: Path, tmp_path: Path) -> None:
    store = open_build_store(build, tmp_path / "stores")

    async def scenario() -> tuple[int, int, int]:
        pool = WorkerPool(store.store_path, 2, 1.0)
        try:
            slow = asyncio.ensure_future(pool.run(QueryJob(EXPLOSIVE)))
            quick = await pool.rows(RowsJob("SELECT ?s { ?s ?p ?o }"))
            stopped = await slow
            await asyncio.sleep(0)
            after = await pool.run(QueryJob("ASK { ?s ?p ?o }"))
            return stopped.status, len(quick.rows), after.status
        finally:
            pool.close()

    assert asyncio.run(scenario()) == (503, 2, 200)


def test_pool_replaces_a_worker_that_died(build: Path, tmp_path: Path) -> None:
    store = open_build_store(build, tmp_path / "stores")

    async def scenario() -> list[int]:
        pool = WorkerPool(store.store_path, 2, 5.0)
        try:
            for worker in pool._workers:  # simulate crashes (e.g. killed by the OS)
                worker.process.kill()
                worker.process.join()
            statuses = [(await pool.run(QueryJob("ASK {}"))).status for _ in range(2)]
            while pool._idle.qsize() < 2:  # replacements start in the background
                await asyncio.sleep(0.1)
            statuses += [(await pool.run(QueryJob("ASK {}"))).status for _ in range(3)]
            return statuses
        finally:
            pool.close()

    assert asyncio.run(scenario()) == [503, 503, 200, 200, 200]
