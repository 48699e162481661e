"""Bind canned-query parameters as typed RDF terms.

A parameter value never becomes query text: it is checked against its declared type and
turned into one `NamedNode` or `Literal`, which pyoxigraph substitutes for the variable of
the same name. Whatever a user types is therefore either rejected here or matched as a
single term, so it cannot change the shape of the query.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

import pyoxigraph

from kg.errors import ParameterError
from kg.iris import Iris

if TYPE_CHECKING:
    from kg.queries.catalog import CannedQuery, Parameter

Term = pyoxigraph.NamedNode | pyoxigraph.Literal

XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_LENGTH = 1000
_IRI = re.compile(r"^https?://[^\x00-\x20<>\"{}|\\^`\x7f]+$")
_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_GSO_CODE = re.compile(r"^(?:[0-9]{2}|[0-9]{3}|[0-9]{5})$")
_LISTED_CODE = re.compile(r"^(2023|2025)/([0-9]{2}|[0-9]{3}|[0-9]{5})$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def bind(query: CannedQuery, raw: Mapping[str, str], iris: Iris) -> dict[pyoxigraph.Variable, Term]:
    """Terms for every given or defaulted parameter; optional ones left out stay unbound."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(raw) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise ParameterError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (parameters: {known})"
        )
    bound: dict[pyoxigraph.Variable, Term] = {}
    for param in query.parameters:
        value = raw.get(param.name)
        if value is None or value == "":
            value = param.default  # an empty form field means "not given"
        if value is None:
            if param.optional:
                continue
            raise ParameterError(f"parameter {param.name!r} is required ({param.description})")
        bound[pyoxigraph.Variable(param.name)] = term_for(param, value, iris)
    return bound


def term_for(param: Parameter, value: str, iris: Iris) -> Term:
    """One RDF term for `value`, or a `ParameterError` naming the parameter."""
    if not isinstance(value, str):
        raise ParameterError(f"parameter {param.name!r}: expected text, got {type(value).__name__}")
    if len(value) > MAX_LENGTH:
        raise ParameterError(f"parameter {param.name!r}: longer than {MAX_LENGTH} characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParameterError(f"parameter {param.name!r}: not valid Unicode text") from exc
    if param.allowed is not None and value not in param.allowed:
        raise ParameterError(
            f"parameter {param.name!r}: {value!r} is not one of {', '.join(param.allowed)}"
        )
    if param.pattern is not None and not re.fullmatch(param.pattern, value):
        raise ParameterError(f"parameter {param.name!r}: {value!r} does not match {param.pattern}")
    try:
        return _CONVERTERS[param.type](value, iris)
    except (ValueError, InvalidOperation) as exc:
        raise ParameterError(f"parameter {param.name!r} ({param.type}): {exc}") from exc


def _iri(value: str, _iris: Iris) -> Term:
    if not _IRI.match(value):
        raise ValueError(f"{value!r} is not an absolute http(s) IRI")
    return pyoxigraph.NamedNode(value)


def _string(value: str, _iris: Iris) -> Term:
    return pyoxigraph.Literal(value)


def _integer(value: str, _iris: Iris) -> Term:
    if not _INTEGER.match(value):
        raise ValueError(f"{value!r} is not an integer")
    return pyoxigraph.Literal(str(int(value)), datatype=pyoxigraph.NamedNode(XSD + "integer"))


def _decimal(value: str, _iris: Iris) -> Term:
    if not _DECIMAL.match(value):
        raise ValueError(f"{value!r} is not a decimal number (use '.' as decimal point)")
    text = format(Decimal(value), "f")
    return pyoxigraph.Literal(text, datatype=pyoxigraph.NamedNode(XSD + "decimal"))


def _date(value: str, _iris: Iris) -> Term:
    if not _DATE.match(value):
        raise ValueError(f"{value!r} is not a date YYYY-MM-DD")
    date.fromisoformat(value)  # rejects 2023-02-30
    return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD + "date"))


def _gso_code(value: str, iris: Iris) -> Term:
    """A bare code matches `kg:gsoCode` in either list; '2025/01273' or an IRI names one unit."""
    if _GSO_CODE.match(value):
        return pyoxigraph.Literal(value)
    listed = _LISTED_CODE.match(value)
    if listed:
        return pyoxigraph.NamedNode(str(iris.admin_unit(listed[1], listed[2])))
    if _IRI.match(value):
        return pyoxigraph.NamedNode(value)
    raise ValueError(
        f"{value!r} is not a GSO code (2, 3 or 5 digits), 'LIST/CODE' (2023/… or 2025/…) "
        "or an administrative-unit IRI"
    )


def _lang(value: str, _iris: Iris) -> Term:
    if not _LANG.match(value):
        raise ValueError(f"{value!r} is not a language tag such as 'vi' or 'en'")
    return pyoxigraph.Literal(value.lower())


def _regex(value: str, _iris: Iris) -> Term:
    """A regular expression for SPARQL REGEX(), bound as one literal: it can only narrow
    the rows its query filters, never change the query."""
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"{value!r} is not a regular expression ({exc})") from exc
    return pyoxigraph.Literal(value)


_CONVERTERS: dict[str, Callable[[str, Iris], Term]] = {
    "iri": _iri,
    "string": _string,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
    "gso-code": _gso_code,
    "lang": _lang,
    "regex": _regex,
}
