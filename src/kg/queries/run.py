"""Run SPARQL against the built graph: load it, execute, serialise the results.

Kept free of CLI concerns so the HTTP service can load the store and run canned
queries through the same functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph

from kg.errors import KgError
from kg.iris import Iris
from kg.queries.catalog import CannedQuery
from kg.queries.params import Term, bind

DATASET_FILE = "kg.nq"
Results = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples

RESULT_FORMATS: dict[str, pyoxigraph.QueryResultsFormat] = {
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "xml": pyoxigraph.QueryResultsFormat.XML,
}


def load_store(build_dir: Path) -> pyoxigraph.Store:
    """An in-memory store holding every named graph of `build_dir/kg.nq`."""
    path = build_dir / DATASET_FILE
    if not path.is_file():
        raise KgError(f"{path}: no built graph here; run `kg build` first")
    return load_dataset_file(path)


def load_dataset_file(path: Path) -> pyoxigraph.Store:
    """Load N-Quads or TriG (by suffix) into a fresh in-memory store."""
    fmt = pyoxigraph.RdfFormat.TRIG if path.suffix == ".trig" else pyoxigraph.RdfFormat.N_QUADS
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise KgError(f"{path}: cannot load the graph ({exc})") from exc
    return store


def run_sparql(
    store: pyoxigraph.Store,
    text: str,
    substitutions: Mapping[pyoxigraph.Variable, Term] | None = None,
) -> Results:
    """Execute over the union of all graphs (queries name GRAPH only to compare reports)."""
    try:
        return store.query(
            text, use_default_graph_as_union=True, substitutions=dict(substitutions or {})
        )
    except SyntaxError as exc:
        raise KgError(f"query does not parse: {exc}") from exc
    except (ValueError, RuntimeError) as exc:
        raise KgError(f"query failed: {exc}") from exc


def run_canned(
    store: pyoxigraph.Store, query: CannedQuery, raw: Mapping[str, str], iris: Iris
) -> Results:
    """Bind the parameters (a `ParameterError` names the bad one) and run the query."""
    return run_sparql(store, query.text, bind(query, raw, iris))


def serialize(results: Results, fmt: str) -> bytes:
    """SELECT/ASK results as csv|tsv|json|xml; CONSTRUCT/DESCRIBE triples as N-Triples."""
    if isinstance(results, pyoxigraph.QueryTriples):
        return pyoxigraph.serialize(results, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    if fmt not in RESULT_FORMATS:
        raise KgError(f"--format {fmt!r}: choose one of {', '.join(RESULT_FORMATS)} or table")
    return results.serialize(format=RESULT_FORMATS[fmt]) or b""


def rows(results: pyoxigraph.QuerySolutions) -> tuple[list[str], list[list[Term | None]]]:
    """Column names and rows of a SELECT result, for tables and tests."""
    names = [v.value for v in results.variables]
    return names, [[solution[name] for name in names] for solution in results]
