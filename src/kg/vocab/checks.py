"""Consistency checks across the list files, run before any triple is made.

The same unit appears in more than one file (Cao Bằng's province and districts are in
the Cao Bằng file and in the nationwide lists); a disagreement means one file was edited
and not the other, and must stop the build rather than mint two versions of a unit.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.iris import slug
from kg.vocab.table import Row, Table
from kg.vocab.units import COMMUNE, DISTRICT, PROVINCE, Unit, rows_at_level

_PARENT_LEVEL = {DISTRICT: PROVINCE, COMMUNE: DISTRICT}
# Columns the Cao Bằng files share with the nationwide lists and must agree on.
# `geonames` is left out on purpose: districts-2023.csv blanks 049's GeoNames link
# (its entity still carries the pre-2020 name), which the Cao Bằng file keeps.
SHARED_COLUMNS = ("name", "short_name", "type", "type_en", "name_en", "wikidata")


def check_unique(table: Table, units: Iterable[Unit]) -> None:
    seen: set[tuple[str, str]] = set()
    for unit in units:
        if unit.key in seen:
            raise table.error(f"code {unit.code} appears twice")
        seen.add(unit.key)


def check_parents(table: Table, units: list[Unit], known: list[Unit]) -> None:
    """Each unit of `table` sits in a unit one level up in the same list (or the country)."""
    by_key = {unit.key: unit for unit in known}
    for unit in units:
        if unit.level == PROVINCE:
            continue
        parent = by_key.get((unit.list_version, unit.parent))
        if parent is None or parent.level not in _expected_parent_levels(unit):
            raise table.error(
                f"{unit.code}: parent {unit.parent} is not a unit one level up "
                f"in the {unit.list_version} list"
            )


def _expected_parent_levels(unit: Unit) -> tuple[str, ...]:
    """2025 communes sit directly in the province: the district level is gone."""
    if unit.list_version == "2025":
        return (PROVINCE,)
    return (_PARENT_LEVEL[unit.level],)


def check_same_units(table: Table, level: str, units: list[Unit]) -> None:
    """The rows of `table` at `level` describe exactly the same units as `units`."""
    by_code = {unit.code: unit for unit in units}
    for row in rows_at_level(table.rows, level):
        code = row.required("code")
        unit = by_code.get(code)
        if unit is None:
            raise row.error(f"{level} {code} is not in the nationwide list")
        _compare(row, unit)


def _compare(row: Row, unit: Unit) -> None:
    expected = {
        "name": unit.name,
        "short_name": unit.short_name,
        "type": unit.type_vi,
        "type_en": unit.type_en,
        "name_en": unit.name_en,
        "wikidata": unit.links.wikidata,
    }
    for column in SHARED_COLUMNS:
        if row.get(column) != expected[column]:
            raise row.error(
                f"{unit.code}: column '{column}' is {row.get(column)!r} here but "
                f"{expected[column]!r} in the nationwide list"
            )
    if row.get("parent_code") != unit.parent:
        raise row.error(f"{unit.code}: parent differs from the nationwide list")


def check_unit_types(table: Table, units: list[Unit], glosses: dict[str, str]) -> None:
    """A unit type is one concept: one English gloss, and no two types share a slug.

    `glosses` carries the types seen in the files checked before this one.
    """
    for unit in units:
        if glosses.setdefault(unit.type_vi, unit.type_en) != unit.type_en:
            raise table.error(
                f"{unit.code}: unit type {unit.type_vi!r} is glossed {unit.type_en!r} here "
                f"but {glosses[unit.type_vi]!r} elsewhere"
            )
    slugs: dict[str, str] = {}
    for type_vi in sorted(glosses):
        other = slugs.setdefault(slug(type_vi), type_vi)
        if other != type_vi:
            raise table.error(f"unit types {other!r} and {type_vi!r} would share one IRI")
