"""Check a sheet against the query catalogue: names, parameters and columns must exist.

Column names are read from the queries themselves (the variables each one projects), so a
sheet cannot drift from a query that is renamed or loses a column without failing here.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pyoxigraph

from kg.errors import KgError
from kg.factsheets.spec import Column, Section, SheetSpec, cite_columns
from kg.queries import CannedQuery


@cache
def query_columns(text: str) -> frozenset[str]:
    """The variables a SELECT projects, found by running it on an empty store."""
    result = pyoxigraph.Store().query(text, use_default_graph_as_union=True)
    if not isinstance(result, pyoxigraph.QuerySolutions):
        raise KgError("fact sheets show SELECT queries only")
    return frozenset(v.value for v in result.variables)


def check_sheet(spec: SheetSpec, catalog: dict[str, CannedQuery]) -> None:
    """Raise a `KgError` naming file and field for the first thing that cannot work."""
    declared = {p.name for p in spec.parameters}
    for index, section in enumerate(spec.sections):
        where = f"{spec.path}: sections[{index}]"
        query = catalog.get(section.query)
        if query is None:
            raise KgError(f"{where}.query: no canned query {section.query!r} in the catalogue")
        _check_params(where, section, query, declared)
        columns = query_columns(query.text)
        for field_name, column in _fields(section):
            if not has_column(columns, column):
                raise KgError(
                    f"{where}.{field_name}: {column!r} is not a column of query "
                    f"{query.name!r} (columns: {', '.join(sorted(columns))})"
                )


def has_column(columns: frozenset[str], name: str) -> bool:
    return name in columns or f"{name}_vi" in columns or f"{name}_en" in columns


def _check_params(where: str, section: Section, query: CannedQuery, declared: set[str]) -> None:
    for key, value in section.params.items():
        if query.parameter(key) is None:
            known = ", ".join(p.name for p in query.parameters) or "none"
            raise KgError(
                f"{where}.params.{key}: query {query.name!r} has no such parameter ({known})"
            )
        if value.startswith("$") and value[1:] not in declared:
            raise KgError(f"{where}.params.{key}: {value!r} names no parameter of the sheet")


def _fields(section: Section) -> Iterator[tuple[str, str]]:
    """Every (field path, column name) the section reads, for checking."""
    for key in (*section.where, *section.require):
        yield "where", key
    if section.table is not None:
        for i, column in enumerate(section.table):
            yield from _column_fields(f"table[{i}]", column)
    if section.figures is not None:
        f = section.figures
        for name in ("label", "unit", "period", "area", "percent_of_plan"):
            for col in getattr(f, name) or []:
                yield f"figures.{name}", col
        for name in ("value", "same_period", "growth"):
            if getattr(f, name):
                yield f"figures.{name}", getattr(f, name)
        for name in ("cite", "percent_of_plan_cite", "same_period_cite", "growth_cite"):
            for col in cite_columns(getattr(f, name)):
                yield f"figures.{name}", col
    if section.chart is not None:
        for col in section.chart.category:
            yield "chart.category", col
        for i, series in enumerate(section.chart.series):
            for col in (series.field, *series.cite):
                yield f"chart.series[{i}]", col
    if section.entities is not None:
        e = section.entities
        for col in (*e.label, e.link, *e.cite):
            yield "entities", col
        for i, column in enumerate(e.details):
            yield from _column_fields(f"entities.details[{i}]", column)


def _column_fields(path: str, column: Column) -> Iterator[tuple[str, str]]:
    for col in column.field:
        yield f"{path}.field", col
    for col in cite_columns(column.cite):
        yield f"{path}.cite", col
    if column.link:
        yield f"{path}.link", column.link
