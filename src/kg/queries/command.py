"""`kg query`: resolve what to run (canned name, `.rq` file or SPARQL text) and render it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rich.table import Table
from rich.text import Text

from kg.errors import KgError, ParameterError
from kg.iris import PREFIXES, Iris
from kg.queries.catalog import CannedQuery, load_catalog, load_query
from kg.queries.params import Term, bind
from kg.queries.run import Results, load_store, run_sparql, serialize
from kg.settings import Settings

FORMATS = ("csv", "tsv", "json", "xml", "table")
WIDE = 6  # more columns than this are shown as one record per row


@dataclass(frozen=True)
class Resolved:
    """What the user asked to run: the query text and its typed parameter values."""

    text: str
    substitutions: dict[pyoxigraph.Variable, Term]


def resolve(settings: Settings, target: str, params: Sequence[str], iris: Iris) -> Resolved:
    """A canned query by name, a `.rq` file (with or without `#+` header) or SPARQL text."""
    raw = parse_params(params)
    path = Path(target)
    is_rq = target.endswith(".rq") and "\n" not in target
    if not is_rq and _looks_like_sparql(target):
        if raw:
            raise ParameterError("--param applies to canned queries and .rq files with a header")
        return Resolved(target, {})
    if is_rq or _is_file(path):
        if not _is_file(path):
            raise KgError(f"{path}: query file not found")
        return _from_file(path, raw, iris)
    catalog = load_catalog(settings.queries_dir)
    if not settings.queries_dir.is_dir():
        raise KgError(f"{settings.queries_dir}: queries folder not found (setting queries_dir)")
    if target not in catalog:
        raise KgError(f"unknown query {target!r} in {settings.queries_dir}; `kg query` lists them")
    query = catalog[target]
    return Resolved(query.text, bind(query, raw, iris))


def _from_file(path: Path, raw: dict[str, str], iris: Iris) -> Resolved:
    text = path.read_text(encoding="utf-8")
    if any(line.startswith("#+") for line in text.splitlines()):
        query = load_query(path)
        return Resolved(query.text, bind(query, raw, iris))
    if raw:
        raise ParameterError(f"{path}: has no '#+ param:' header, so --param cannot apply")
    return Resolved(text, {})


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. a name too long for the file system
        return False


def _looks_like_sparql(target: str) -> bool:
    return any(ch.isspace() for ch in target) or "{" in target


def parse_params(params: Sequence[str]) -> dict[str, str]:
    """`NAME=VALUE` pairs; the value may itself contain '='."""
    raw: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ParameterError(f"--param {item!r}: expected NAME=VALUE")
        if name in raw:
            raise ParameterError(f"--param {name!r} given twice")
        raw[name] = value
    return raw


def execute(settings: Settings, resolved: Resolved) -> Results:
    store = load_store(settings.build_dir)
    return run_sparql(store, resolved.text, resolved.substitutions)


def render_bytes(results: Results, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise KgError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return serialize(results, fmt)


def render_table(results: Results, iris: Iris) -> Table | Text:
    """A rich table with compact IRIs; cell text is never read as rich markup."""
    if isinstance(results, pyoxigraph.QueryBoolean):
        return Text(str(bool(results)).lower())
    if isinstance(results, pyoxigraph.QueryTriples):
        data = pyoxigraph.serialize(results, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        return Text(data.decode("utf-8"))
    names = [v.value for v in results.variables]
    cells = [[_cell(solution[name], iris) for name in names] for solution in results]
    # columns empty in every row (unused optional parameters, absent labels) only take space
    keep = [i for i in range(len(names)) if not cells or any(row[i] for row in cells)]
    if len(keep) > WIDE:
        return _records(names, cells, keep)
    table = Table(caption=f"{len(cells)} row(s)")
    for i in keep:
        table.add_column(names[i], overflow="fold")
    for row in cells:
        table.add_row(*(Text(row[i]) for i in keep))
    return table


def _records(names: list[str], cells: list[list[str]], keep: list[int]) -> Table:
    """Many columns do not fit a terminal: one block of 'field | value' lines per row."""
    table = Table("#", "field", "value", caption=f"{len(cells)} row(s)")
    table.columns[2].overflow = "fold"
    for number, row in enumerate(cells, start=1):
        filled = [i for i in keep if row[i]]
        for position, i in enumerate(filled):
            label = str(number) if position == 0 else ""
            table.add_row(label, Text(names[i]), Text(row[i]), end_section=i == filled[-1])
    return table


def _cell(term: Term | None, iris: Iris) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return _compact(term.value, iris)
    return term.value


def _compact(iri: str, iris: Iris) -> str:
    if iri.startswith(iris.base + "id/"):
        return "id:" + iri[len(iris.base) + 3 :]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def catalogue_table(queries: dict[str, CannedQuery]) -> Table:
    table = Table("name", "title (vi)", "title (en)", "parameters", title="Canned queries")
    for query in queries.values():
        params = ", ".join(
            f"{p.name}={p.default}" if p.default is not None else p.name for p in query.parameters
        )
        table.add_row(Text(query.name), Text(query.title_vi), Text(query.title_en), Text(params))
    return table
