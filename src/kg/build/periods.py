"""Period resources ({base}id/period/{key}): OWL-Time intervals and instants, vi/en labels."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, TIME, XSD

from kg.iris import SCHEMA, Iris

_MONTHS_EN = [calendar.month_name[m] for m in range(13)]


def period_bounds(key: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period key ("2023-H1", "2023-01/2023-05", "2023-05-31")."""
    if "/" in key:
        a, b = key.split("/")
        return period_bounds(a)[0], period_bounds(b)[1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", key):
        day = dt.date.fromisoformat(key)
        return day, day
    y = int(key[:4])
    rest = key[5:]
    first, last = {"": (1, 12), "H1": (1, 6), "H2": (7, 12)}.get(rest, (0, 0))
    if rest.startswith("Q"):
        q = int(rest[1:])
        first, last = 3 * q - 2, 3 * q
    elif rest.isdigit():
        first = last = int(rest)
    return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])


def period_labels(key: str) -> tuple[str, str]:
    """Vietnamese and English label of a period key."""
    a, b = period_bounds(key)
    if a == b:
        return f"Ngày {a.day}/{a.month}/{a.year}", f"{a.day} {_MONTHS_EN[a.month]} {a.year}"
    rest = key[5:] if "/" not in key else ""
    named = {
        "": (f"Năm {a.year}", f"Year {a.year}"),
        "H1": (f"6 tháng đầu năm {a.year}", f"First half of {a.year}"),
        "H2": (f"6 tháng cuối năm {a.year}", f"Second half of {a.year}"),
    }
    if rest in named:
        return named[rest]
    if rest.startswith("Q"):
        return f"Quý {rest[1:]} năm {a.year}", f"{rest} {a.year}"
    if a.month == b.month and a.year == b.year:
        return f"Tháng {a.month}/{a.year}", f"{_MONTHS_EN[a.month]} {a.year}"
    return (
        f"Từ {a.day}/{a.month}/{a.year} đến {b.day}/{b.month}/{b.year}",
        f"{a.day} {_MONTHS_EN[a.month]} {a.year} to {b.day} {_MONTHS_EN[b.month]} {b.year}",
    )


def add_period(graph: Graph, iris: Iris, key: str) -> URIRef:
    node = iris.period(key)
    a, b = period_bounds(key)
    vi, en = period_labels(key)
    graph.add((node, RDFS.label, Literal(vi, lang="vi")))
    graph.add((node, RDFS.label, Literal(en, lang="en")))
    if a == b:
        graph.add((node, RDF.type, TIME.Instant))
        graph.add((node, TIME.inXSDDate, Literal(a.isoformat(), datatype=XSD.date)))
    else:
        graph.add((node, RDF.type, TIME.ProperInterval))
        graph.add((node, SCHEMA.startDate, Literal(a.isoformat(), datatype=XSD.date)))
        graph.add((node, SCHEMA.endDate, Literal(b.isoformat(), datatype=XSD.date)))
    return node
