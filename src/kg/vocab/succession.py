"""Which 2025 unit replaced each 2023 unit, and on what legal basis.

Two files state every succession (the crosswalk and the predecessor lists of the 2025
file); they are required to agree, so an edit to one of them cannot go unnoticed.
District-level units have no successor: the level was abolished on 01/07/2025.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kg.vocab.table import Row, Table
from kg.vocab.units import CODE_PATTERNS, COMMUNE, PROVINCE, Unit

CROSSWALK_COLUMNS = [
    "old_code_2023",
    "old_district_code_2023",
    "new_code_2025",
    "resolution_clause",
]


@dataclass(frozen=True, order=True)
class Succession:
    old: tuple[str, str]  # (list version, code)
    new: tuple[str, str]
    basis: str  # the legal act (and clause) that did it


def commune_successions(
    crosswalk: Table, old_units: list[Unit], new_units: list[Unit]
) -> list[Succession]:
    """One succession per crosswalk row; every 2023 commune must appear exactly once."""
    old = {unit.code: unit for unit in old_units}
    new = {unit.code for unit in new_units}
    found: dict[str, Succession] = {}
    for row in crosswalk.rows:
        code = row.matching("old_code_2023", CODE_PATTERNS[COMMUNE], required=True)
        target = row.matching("new_code_2025", CODE_PATTERNS[COMMUNE], required=True)
        if code not in old or target not in new:
            raise row.error(f"{code} -> {target}: not a commune of the 2023 / 2025 lists")
        if row.get("old_district_code_2023") != old[code].parent:
            raise row.error(f"{code}: district differs from the 2023 list ({old[code].parent})")
        if code in found:
            raise row.error(f"{code}: second successor")
        found[code] = Succession(old[code].key, ("2025", target), row.required("resolution_clause"))
    missing = sorted(set(old) - set(found))
    if missing:
        raise crosswalk.error(f"no successor for 2023 commune(s) {', '.join(missing)}")
    return sorted(found.values())


def province_successions(old_rows: list[Row], new_rows: list[Row]) -> list[Succession]:
    """Every 2023 province went whole into one 2025 province (SOURCES.md §6)."""
    basis = {row.required("code"): row.required("legal_basis") for row in new_rows}
    found = []
    for row in old_rows:
        target = row.matching("successor_2025_code", CODE_PATTERNS[PROVINCE], required=True)
        if target not in basis:
            raise row.error(f"successor {target} is not in the 2025 province list")
        found.append(Succession(("2023", row.required("code")), ("2025", target), basis[target]))
    return sorted(found)


def check_predecessors(rows: Iterable[Row], successions: list[Succession]) -> None:
    """The predecessor lists of a 2025 file must say the same as the successions."""
    expected: Mapping[str, set[str]] = _predecessors(successions)
    for row in rows:
        code = row.required("code")
        listed = set(row.split("predecessor_codes_2023"))
        if listed != expected.get(code, set()):
            raise row.error(
                f"{code}: predecessor_codes_2023 {sorted(listed)} disagree with the "
                f"successions {sorted(expected.get(code, set()))}"
            )


def check_successors(rows: Iterable[Row], successions: list[Succession]) -> None:
    """The successor column of a 2023 file must say the same as the successions."""
    target = {s.old[1]: s.new[1] for s in successions}
    for row in rows:
        code = row.required("code")
        if row.get("successor_2025_code") != target.get(code, ""):
            raise row.error(
                f"{code}: successor_2025_code {row.get('successor_2025_code')!r} disagrees "
                f"with the successions ({target.get(code, 'none')})"
            )


def _predecessors(successions: list[Succession]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for succession in successions:
        found[succession.new[1]].add(succession.old[1])
    return found
