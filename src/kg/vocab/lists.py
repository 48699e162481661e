"""One loader per GSO list file: rows -> `Unit` records with their validity.

Province and district units come from the nationwide files only; the Cao Bằng files
supply the commune level (their province and district rows are checked against the
nationwide ones in `kg.vocab.checks`). So one rule holds for every unit of a level,
including the stricter GeoNames rule of `districts-2023.csv` (SOURCES.md §8).
"""

from __future__ import annotations

import datetime as dt
import re

from kg.vocab.table import Row
from kg.vocab.units import (
    COMMUNE,
    DISTRICT,
    LIST_2023_LAST_DAY,
    LIST_2025_FIRST_DAY,
    PROVINCE,
    Unit,
    make_unit,
    parent_code,
    read_links,
    rows_at_level,
)

# Columns each loader reads (`make_unit` reads the first six from every file).
COMMON_COLUMNS = ["code", "name", "short_name", "type", "type_en", "name_en"]
PROVINCES_2023_COLUMNS = [
    *COMMON_COLUMNS,
    *["wikidata", "geonames", "osm_relation", "hasc", "iso_3166_2", "successor_2025_code"],
]
PROVINCES_2025_COLUMNS = [*COMMON_COLUMNS, "wikidata", "predecessor_codes_2023", "legal_basis"]
DISTRICTS_2023_COLUMNS = [
    *COMMON_COLUMNS,
    *["parent_code", "wikidata", "geonames", "osm_relation", "changes_after_2023"],
]
CAO_BANG_2023_COLUMNS = [
    *COMMON_COLUMNS,
    *["level", "parent_code", "wikidata", "geonames", "osm_relation", "hasc"],
    "successor_2025_code",
]
CAO_BANG_2025_COLUMNS = [
    *COMMON_COLUMNS,
    *["level", "parent_code", "wikidata", "geonames", "predecessor_codes_2023"],
]


def provinces_2023(rows: list[Row]) -> list[Unit]:
    return [
        make_unit(
            row,
            "2023",
            PROVINCE,
            parent="",
            links=read_links(row, "wikidata", "geonames", "osm_relation", "hasc", "iso_3166_2"),
            valid_through=LIST_2023_LAST_DAY,
        )
        for row in rows
    ]


def provinces_2025(rows: list[Row]) -> list[Unit]:
    return [
        make_unit(
            row,
            "2025",
            PROVINCE,
            parent="",
            links=read_links(row, "wikidata"),
            valid_from=LIST_2025_FIRST_DAY,
        )
        for row in rows
    ]


def districts_2023(rows: list[Row]) -> list[Unit]:
    units = []
    for row in rows:
        valid_through, notes = district_changes(row)
        units.append(
            make_unit(
                row,
                "2023",
                DISTRICT,
                parent=parent_code(row, PROVINCE),
                links=read_links(row, "wikidata", "geonames", "osm_relation"),
                valid_through=valid_through,
                change_notes=notes,
            )
        )
    return units


def communes_2023(rows: list[Row]) -> list[Unit]:
    return [
        make_unit(
            row,
            "2023",
            COMMUNE,
            parent=parent_code(row, DISTRICT),
            links=read_links(row, "wikidata", "geonames", "osm_relation", "hasc"),
            valid_through=LIST_2023_LAST_DAY,
        )
        for row in rows_at_level(rows, COMMUNE)
    ]


def communes_2025(rows: list[Row]) -> list[Unit]:
    return [
        make_unit(
            row,
            "2025",
            COMMUNE,
            parent=parent_code(row, PROVINCE),
            links=read_links(row, "wikidata", "geonames"),
            valid_from=LIST_2025_FIRST_DAY,
        )
        for row in rows_at_level(rows, COMMUNE)
    ]


_CHANGE = re.compile(r"(\d{2})/(\d{2})/(\d{4}): (.+)")
_ENDS_CODE = ("district level abolished", "code no longer in the list")


def district_changes(row: Row) -> tuple[dt.date, tuple[str, ...]]:
    """Last day of the unit's code, and the other changes as notes.

    `changes_after_2023` lists dated events ("01/01/2025: code no longer in the list …;
    01/07/2025: district level abolished"). A code that leaves the list ends the unit
    the day before; a change of type or name keeps the code, so it is only noted.
    """
    ends: list[dt.date] = []
    notes: list[str] = []
    for part in row.split("changes_after_2023"):
        match = _CHANGE.fullmatch(part)
        if match is None:
            raise row.error(f"column 'changes_after_2023': cannot read {part!r}")
        day, month, year, event = match.groups()
        try:
            date = dt.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise row.error(f"column 'changes_after_2023': {part!r}: {exc}") from exc
        if event.startswith(_ENDS_CODE):
            ends.append(date - dt.timedelta(days=1))
        else:
            notes.append(part)
    if not ends:
        raise row.error("column 'changes_after_2023': no date on which the code ends")
    return min(ends), tuple(notes)
