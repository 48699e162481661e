"""National statistical indicator codes (`kg:nationalCode`) for the project's indicators.

No machine-readable copy of the national indicator list was found (SOURCES.md §5), so
`indicator-national-codes.csv` starts empty; a code is attached only where a row gives
one, never guessed from an indicator's name.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal

from kg.iris import KG, Iris
from kg.vocab.table import Table

NATIONAL_CODES = "indicator-national-codes.csv"
NATIONAL_CODE_COLUMNS = ["indicator_key", "national_code", "national_name", "source"]
_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_CODE = re.compile(r"[A-Z0-9][A-Z0-9.]*")


def national_codes(table: Table) -> dict[str, str]:
    """Indicator key -> national code, for the rows that give one."""
    codes: dict[str, str] = {}
    for row in table.rows:
        key = row.matching("indicator_key", _KEY, required=True)
        code = row.matching("national_code", _CODE)
        if not code:
            continue
        row.required("source")  # a code nobody can trace back is worse than none
        if codes.setdefault(key, code) != code:
            raise row.error(f"indicator {key} has two national codes ({codes[key]}, {code})")
    return codes


def add_national_codes(graph: Graph, iris: Iris, codes: dict[str, str]) -> None:
    for key, code in sorted(codes.items()):
        graph.add((iris.indicator(key), KG.nationalCode, Literal(code)))
