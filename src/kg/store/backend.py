"""What the web service asks of a store, as plain picklable records.

Jobs and outcomes cross a process boundary (the worker pool) and may later cross a
network one (a remote store), so they are small frozen records of strings, bytes and
pyoxigraph terms, never live store objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import pyoxigraph as ox


@dataclass(frozen=True)
class QueryJob:
    """A user's SPARQL query with its protocol dataset and the formats the client takes."""

    query: str
    accept: str | None = None
    format: str | None = None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    substitutions: tuple[tuple[str, ox.NamedNode | ox.Literal], ...] = ()
    max_rows: int = 10000
    base_iri: str | None = None  # relative IRIs resolve against the request's address


@dataclass(frozen=True)
class QueryOutcome:
    """A serialized answer, or an error with the HTTP status the service should send."""

    status: int
    media_type: str = "application/json"
    body: bytes = b""
    truncated: bool = False
    count: int = 0
    error: str | None = None
    detail: Any = None


@dataclass(frozen=True)
class RowsJob:
    """A trusted query of the service itself (pages, dataset description): rows as terms."""

    query: str
    substitutions: tuple[tuple[str, ox.NamedNode | ox.Literal], ...] = ()
    max_rows: int = 10000


@dataclass(frozen=True)
class RowsOutcome:
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False
    error: str | None = None


class QueryBackend(Protocol):
    """A store the service can query; each call honours the configured time limit."""

    async def run(self, job: QueryJob) -> QueryOutcome: ...

    async def rows(self, job: RowsJob) -> RowsOutcome: ...

    def close(self) -> None: ...
