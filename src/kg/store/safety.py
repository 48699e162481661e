"""Keep the endpoint closed: only read-only queries over the store's own graphs run.

pyoxigraph would follow `SERVICE <http://…>` to another host, so every query is parsed
with rdflib's SPARQL grammar first and refused unless that parse succeeds and shows no
SERVICE, and no FROM / FROM NAMED outside the store's graphs. A real parser is robust to
comments, case and prefixed names; a lexical check on top refuses the word SERVICE
outside string literals, in case the two parsers ever read a text differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

FORMS = {
    "SelectQuery": "select",
    "AskQuery": "ask",
    "ConstructQuery": "construct",
    "DescribeQuery": "describe",
}
_STRINGS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n\r]|\\.)*"|\'(?:[^\'\\\n\r]|\\.)*\'',
    re.DOTALL,
)
_IRIS = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_SERVICE = re.compile(r"(?<![\w:?$-])service(?![\w:-])", re.IGNORECASE)


class Refused(Exception):
    """A query the endpoint will not run; carries the HTTP status and a reason."""

    def __init__(self, status: int, message: str, detail: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.detail = detail


@dataclass(frozen=True)
class Checked:
    form: str  # select | ask | construct | describe
    has_dataset: bool  # the query names its own FROM / FROM NAMED graphs
    from_graphs: tuple[str, ...] = ()  # FROM (a remote store is sent these explicitly)
    from_named: tuple[str, ...] = ()  # FROM NAMED


@lru_cache(maxsize=256)
def check_query(text: str, graphs: frozenset[str]) -> Checked:
    """Parse, classify and vet a query; raises `Refused` with 400 or 403.

    Memoized per process: rdflib's grammar takes far longer to parse a canned query
    than Oxigraph takes to answer it (profiled in bench/RESULTS.md), and the verdict
    depends only on the text and the store's graphs. Refusals are not cached.
    """
    tree = _parse(text)
    body = tree[1]
    if _contains(body, "ServiceGraphPattern") or _SERVICE.search(
        _IRIS.sub("<>", _STRINGS.sub('""', text))
    ):
        raise Refused(400, "SERVICE is not allowed: this endpoint never queries other hosts")
    named = [_dataset_iri(tree, clause) for clause in _field(body, "datasetClause") or []]
    outside = sorted({iri for iri in named if iri not in graphs})
    if outside:
        raise Refused(
            400,
            "FROM / FROM NAMED may only name graphs of this store",
            {"refused": outside, "graphs": sorted(graphs)},
        )
    clauses = _field(body, "datasetClause") or []
    default = tuple(i for c, i in zip(clauses, named, strict=True) if _field(c, "default"))
    only_named = tuple(i for c, i in zip(clauses, named, strict=True) if _field(c, "named"))
    return Checked(FORMS[body.name], bool(named), default, only_named)


def check_graphs(iris: list[str], graphs: frozenset[str], parameter: str) -> None:
    """default-graph-uri / named-graph-uri must name graphs of this store."""
    outside = sorted({iri for iri in iris if iri not in graphs})
    if outside:
        raise Refused(
            400,
            f"{parameter} may only name graphs of this store",
            {"refused": outside, "graphs": sorted(graphs)},
        )


def _parse(text: str) -> ParseResults:
    try:
        return parseQuery(text)
    except ParseException as query_error:
        if _is_update(text):
            raise Refused(403, "SPARQL Update is refused: this endpoint is read-only") from None
        raise Refused(
            400,
            f"malformed query: {query_error}",
            {"line": query_error.lineno, "column": query_error.col, "offset": query_error.loc},
        ) from None
    except (RecursionError, ValueError, TypeError) as exc:
        raise Refused(400, f"malformed query: {exc}") from None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # any failure means "not a well-formed update"
        return False
    return True


def _field(node: CompValue, name: str) -> Any:
    """A parse-tree field or None (`CompValue.get` returns the key itself when absent)."""
    return dict.get(node, name)


def _dataset_iri(tree: ParseResults, clause: CompValue) -> str:
    iri = _field(clause, "default")
    if iri is None:
        iri = _field(clause, "named")
    if isinstance(iri, CompValue):  # prefixed name
        prefixes = {
            _field(d, "prefix") or "": str(_field(d, "iri"))
            for d in tree[0]
            if getattr(d, "name", None) == "PrefixDecl"
        }
        prefix = _field(iri, "prefix") or ""
        if prefix not in prefixes:
            raise Refused(400, f"undefined prefix {prefix!r} in FROM")
        return prefixes[prefix] + (_field(iri, "localname") or "")
    return str(iri)


def _contains(node: Any, name: str) -> bool:
    return any(getattr(n, "name", None) == name for n in _walk(node))


def _walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list | tuple | ParseResults):
            stack.extend(current)
