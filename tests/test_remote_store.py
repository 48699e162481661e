"""The service over a remote SPARQL store: a real `oxigraph serve` on loopback.

The endpoint tests themselves run against the remote store by parametrization (see
`REMOTE_MODULES` in conftest.py); this module checks loading and the remote backend's
own pieces.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from conftest import RemoteStore, remote_settings, start_oxigraph, stop_process
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import KgError
from kg.iris import Iris
from kg.queries.catalog import load_catalog
from kg.queries.params import bind
from kg.queries.run import load_store, run_canned
from kg.settings import load_settings
from kg.store import QueryJob
from kg.store.load import graphs_of, load_build
from kg.store.remote import RemoteBackend, with_values

ROOT = Path(__file__).resolve().parents[1]


def remote_count(remote: RemoteStore) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    response = httpx.post(
        remote.query_url,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )
    bindings = response.json()["results"]["bindings"]
    return {b["g"]["value"]: int(b["n"]["value"]) for b in bindings}


def test_loading_twice_gives_the_same_store(remote_store: RemoteStore, built: Path) -> None:
    expected = {name: len(triples) for name, triples in graphs_of(built / "kg.nq").items()}
    assert remote_count(remote_store) == expected
    sent = load_build(remote_settings(remote_store, built))  # PUT replaces: safe to repeat
    assert sent == expected
    assert remote_count(remote_store) == expected
    assert sum(expected.values()) > 1000


def test_load_without_a_graph_store_url_names_the_setting(built: Path) -> None:
    settings = load_settings(build_dir=built, remote_gsp_url=None)
    with pytest.raises(KgError, match="remote_gsp_url"):
        load_build(settings)


def test_remote_store_needs_a_query_url() -> None:
    with pytest.raises(KgError, match="remote_query_url"):
        load_settings(store="remote")


def test_unreachable_gsp_is_a_kg_error(built: Path) -> None:
    from conftest import free_port

    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(KgError, match="cannot reach"):
        load_build(load_settings(build_dir=built, remote_gsp_url=url))


@pytest.fixture(scope="module")
def patient_store(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    """The build in an `oxigraph serve` with a long time limit: `admin-unit` without a
    code takes seconds in-process and several times that on the server's disk store."""
    remote = start_oxigraph(tmp_path_factory.mktemp("oxigraph-patient"), timeout_s=600)
    load_build(remote_settings(remote, built))
    yield remote
    stop_process(remote.process)


def test_every_canned_query_gives_the_same_rows_remote_and_embedded(
    patient_store: RemoteStore, built: Path
) -> None:
    """Each real canned query with its default parameters, run in-process on the build and
    through the remote backend (VALUES-bound parameters), gives the same rows."""
    remote_store = patient_store
    catalog = {  # queries that need a value with no default (fact-sheet helpers) are left out
        name: query
        for name, query in load_catalog(ROOT / "queries").items()
        if all(p.default is not None or p.optional for p in query.parameters)
    }
    assert len(catalog) >= 20
    iris = Iris(load_settings().base_iri)
    local = load_store(built)

    async def remote_answers() -> dict[str, bytes]:
        backend = RemoteBackend(remote_settings(remote_store, built, query_timeout=600))
        await backend.open()
        answers = {}
        for name, query in catalog.items():
            terms = bind(query, {}, iris)
            job = QueryJob(
                query.text,
                format="json",
                substitutions=tuple((v.value, t) for v, t in terms.items()),
                max_rows=100000,
            )
            outcome = await backend.run(job)
            assert outcome.status == 200, (name, outcome.error)
            answers[name] = outcome.body
        await backend.aclose()
        return answers

    answers = asyncio.run(remote_answers())
    for name, query in catalog.items():
        result = run_canned(local, query, {}, iris)
        expected = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))
        got = json.loads(answers[name])
        assert got["head"]["vars"] == expected["head"]["vars"], name
        key = lambda b: json.dumps(b, sort_keys=True)  # noqa: E731
        assert sorted(map(key, got["results"]["bindings"])) == sorted(
            map(key, expected["results"]["bindings"])
        ), name


def test_health_reports_the_remote_triples(remote_store: RemoteStore, built: Path) -> None:
    from conftest import start_server, stop_server

    running = start_server(
        built,
        built.parent / "remote-health",
        store="remote",
        remote_query_url=remote_store.query_url,
    )
    try:
        health = httpx.get(running.url + "/-/health").json()
    finally:
        stop_server(running)
    assert health["triples"] == sum(remote_count(remote_store).values())


def test_values_block_opens_the_where_clause() -> None:
    text = "SELECT ?x WHERE { ?s ?p ?x FILTER(?x = ?y) }"
    bound = with_values(text, (("y", ox.Literal("a")),))
    assert bound == 'SELECT ?x WHERE { VALUES (?y) { ("a") }  ?s ?p ?x FILTER(?x = ?y) }'


@given(
    noise=st.text(alphabet="{}whereWHERE \"'#<>", max_size=20).filter(
        lambda t: "\n" not in t and '"' not in t
    )
)
def test_braces_in_strings_and_comments_do_not_move_the_values_block(noise: str) -> None:
    prefix = "PREFIX ex: <http://ex/{}>\n# comment { where {\nSELECT ?s WHERE "
    text = prefix + f'{{ ?s ex:p "{noise}" }}'
    bound = with_values(text, (("s", ox.NamedNode("http://ex/a")),))
    assert bound.startswith(prefix + "{ VALUES (?s) { (<http://ex/a>) } ")


def test_values_block_opens_union_branches_so_their_filters_see_the_parameter() -> None:
    """Regression: a parameter used only in a UNION branch's FILTER was unbound there."""
    text = (
        "SELECT ?s WHERE { { ?s ?p ?o FILTER(?o = ?area) } UNION { ?s ?q ?o FILTER(?s = ?area) } }"
    )
    bound = with_values(text, (("area", ox.NamedNode("http://ex/a")),))
    store = ox.Store()
    ex = ox.NamedNode
    store.add(ox.Quad(ex("http://ex/a"), ex("http://ex/q"), ex("http://ex/o")))
    store.add(ox.Quad(ex("http://ex/b"), ex("http://ex/q"), ex("http://ex/o")))
    found = {row["s"].value for row in store.query(bound)}  # type: ignore[union-attr]
    assert found == {"http://ex/a"}
    assert bound.count("VALUES") == 3


def test_no_values_block_in_value_data_minus_or_before_a_subquery() -> None:
    text = "SELECT * WHERE { VALUES ?v { 1 } MINUS { ?s ?p ?v } { SELECT ?s WHERE { ?s ?p ?o } } }"
    bound = with_values(text, (("y", ox.Literal("a")),))
    block = ' VALUES (?y) { ("a") } '
    assert bound == (
        f"SELECT * WHERE {{{block} VALUES ?v {{ 1 }} MINUS {{ ?s ?p ?v }} "
        f"{{ SELECT ?s WHERE {{{block} ?s ?p ?o }} }} }}"
    )
    ox.Store().query(bound)  # still parses
