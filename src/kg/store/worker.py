"""The worker process: opens the store read-only and answers one job at a time.

pyoxigraph cannot cancel a running query, so each query runs in a process of its own
that the pool can kill when the time limit passes. Everything that can be slow on
hostile input (parsing, evaluation, serialization) happens here, never in the server.
"""

from __future__ import annotations

import re
import signal
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from kg.iris import PREFIXES
from kg.store.backend import QueryJob, QueryOutcome, RowsJob, RowsOutcome
from kg.store.formats import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, choose
from kg.store.results import SELECT_WRITERS, ask_body
from kg.store.safety import Checked, Refused, check_graphs, check_query

_POSITION = re.compile(r"error at (\d+):(\d+)")


def serve_forever(conn: Connection, store_path: str) -> None:
    """Worker main loop: answer jobs until the pool closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's; it closes us
    store = ox.Store.read_only(store_path)
    graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    check_query("ASK {}", graphs)  # build rdflib's grammar before the first real job
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(execute(store, graphs, job))


def execute(store: ox.Store, graphs: frozenset[str], job: Any) -> QueryOutcome | RowsOutcome:
    if isinstance(job, RowsJob):
        return run_rows(store, job)
    try:
        return run_query(store, graphs, job)
    except Refused as exc:
        return QueryOutcome(exc.status, error=exc.message, detail=exc.detail)
    except NotAcceptable as exc:
        return QueryOutcome(406, error=str(exc), detail={"available": exc.offered})
    except SyntaxError as exc:
        return QueryOutcome(400, error=f"malformed query: {exc}", detail=_position(str(exc)))
    except Exception as exc:  # the worker must survive anything a query does
        return QueryOutcome(500, error=f"query failed in the store: {exc}")


def run_query(store: ox.Store, graphs: frozenset[str], job: QueryJob) -> QueryOutcome:
    checked = check_query(job.query, graphs)
    is_graph = checked.form in ("construct", "describe")
    media = choose(job.accept, job.format, is_graph)
    result = store.query(
        job.query,
        base_iri=job.base_iri,
        substitutions={ox.Variable(name): term for name, term in job.substitutions},
        **_dataset(job, checked, graphs),
    )
    return answer(result, media, job.max_rows)


def answer(result: Any, media: str, max_rows: int) -> QueryOutcome:
    """A query result (local or parsed from a remote store) cut and written in `media`."""
    if isinstance(result, ox.QueryBoolean):
        return QueryOutcome(200, media, ask_body(RESULT_TYPES[media], bool(result)), count=1)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, cut = _take((list(s) for s in result), max_rows)
        body = SELECT_WRITERS[RESULT_TYPES[media]](variables, rows, cut)
        return QueryOutcome(200, media, body, truncated=cut, count=len(rows))
    triples, cut = _take(iter(result), max_rows)
    body = ox.serialize(triples, format=GRAPH_TYPES[media], prefixes=_prefixes(media))
    return QueryOutcome(200, media, body or b"", truncated=cut, count=len(triples))


def run_rows(store: ox.Store, job: RowsJob) -> RowsOutcome:
    """Trusted queries of the service: rows as {variable: term} dicts."""
    try:
        result = store.query(
            job.query,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(name): term for name, term in job.substitutions},
        )
        return solution_rows(result, job.max_rows)
    except Exception as exc:  # the worker must survive anything a query does
        return RowsOutcome(error=str(exc))


def solution_rows(result: ox.QuerySolutions, max_rows: int) -> RowsOutcome:
    """SELECT solutions as {variable: term} dicts, cut at `max_rows`."""
    variables = [v.value for v in result.variables]
    rows, cut = _take(({v: s[v] for v in variables if s[v] is not None} for s in result), max_rows)
    return RowsOutcome(rows, cut)


def _dataset(job: QueryJob, checked: Checked, graphs: frozenset[str]) -> dict[str, Any]:
    """The protocol's dataset wins over FROM; with neither, all graphs form the default."""
    if job.default_graphs is None and job.named_graphs is None:
        return {} if checked.has_dataset else {"use_default_graph_as_union": True}
    default = list(job.default_graphs or ())
    named = list(job.named_graphs or ())
    check_graphs(default, graphs, "default-graph-uri")
    check_graphs(named, graphs, "named-graph-uri")
    return {
        "default_graph": [ox.NamedNode(g) for g in default],
        "named_graphs": [ox.NamedNode(g) for g in named],
    }


def _take(items: Any, limit: int) -> tuple[list[Any], bool]:
    taken: list[Any] = []
    for item in items:
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


def _prefixes(media: str) -> dict[str, str] | None:
    if media in ("text/turtle", "application/trig", "application/x-turtle"):
        return dict(PREFIXES)
    return None


def _position(message: str) -> dict[str, int] | None:
    match = _POSITION.search(message)
    return {"line": int(match[1]), "column": int(match[2])} if match else None
