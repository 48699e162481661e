"""Run each query a sheet needs once, and turn into Python only the rows it prints.

Sections often share a query (the same figures as cards, as a chart and as a table), so
results are kept per (query, parameters) for the time of one sheet. Converting a solution
into strings costs more than the store's join that found it, so a section with a `limit`
counts every matching row (for "40 of 919 rows") but converts only the first ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph

from kg.factsheets.deadline import Deadline
from kg.factsheets.spec import Section
from kg.iris import Iris
from kg.queries import CannedQuery, bind

Row = dict[str, str]


@dataclass(frozen=True)
class Rows:
    rows: list[Row]
    total: int  # rows matching the section's filters, before its limit


@dataclass
class QueryRunner:
    store: pyoxigraph.Store
    catalog: dict[str, CannedQuery]
    iris: Iris
    deadline: Deadline = field(default_factory=Deadline)
    _results: dict = field(default_factory=dict)

    def solutions(self, name: str, params: dict[str, str]) -> tuple[list[str], list]:
        """The query's variables and solutions, run at most once per sheet."""
        key = (name, tuple(sorted(params.items())))
        if key not in self._results:
            self.deadline.check(f"query {name}")
            query = self.catalog[name]
            result = self.store.query(
                query.text,
                use_default_graph_as_union=True,
                substitutions=bind(query, dict(params), self.iris),
            )
            names = [v.value for v in result.variables]  # type: ignore[union-attr]
            self._results[key] = (names, list(result))  # type: ignore[arg-type]
        return self._results[key]

    def rows(self, section: Section) -> Rows:
        names, solutions = self.solutions(section.query, dict(section.params))
        kept = [s for s in solutions if _keep(s, section)]
        shown = kept[: section.limit] if section.limit else kept
        rows = [{n: s[n].value for n in names if s[n] is not None} for s in shown]
        return Rows(rows, len(kept))


def _keep(solution: pyoxigraph.QuerySolution, section: Section) -> bool:
    for column, value in section.where.items():
        term = solution[column]
        if term is None or term.value != value:
            return False
    for column in section.require:
        term = solution[column]
        if term is None or not term.value:
            return False
    return True
