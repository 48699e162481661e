"""Administrative units as typed records, read from the GSO list files.

One record per unit *as listed in one list version* ("2023" or "2025"): the 2025 reform
reuses codes for other units, so a code means nothing without its list version.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.vocab.table import Row

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"
CODE_PATTERNS = {
    PROVINCE: re.compile(r"[0-9]{2}"),
    DISTRICT: re.compile(r"[0-9]{3}"),
    COMMUNE: re.compile(r"[0-9]{5}"),
}
WIKIDATA = re.compile(r"Q[1-9][0-9]*")
NUMERIC_ID = re.compile(r"[1-9][0-9]*")
HASC = re.compile(r"VN(\.[A-Z]{2}){1,2}")
ISO_3166_2 = re.compile(r"VN-[0-9A-Z]{2}")

# SOURCES.md: the 2023 list stays in force up to the reform; the 2025 units operate from
# 01/07/2025 (Nghị quyết 202/2025/QH15 and the commune-level resolutions).
LIST_2023_LAST_DAY = dt.date(2025, 6, 30)
LIST_2025_FIRST_DAY = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class Links:
    """External identifiers; an empty string means 'not verified', never 'does not exist'."""

    wikidata: str = ""
    geonames: str = ""
    osm_relation: str = ""
    hasc: str = ""
    iso: str = ""


@dataclass(frozen=True)
class Unit:
    list_version: str  # "2023" | "2025"
    level: str  # PROVINCE | DISTRICT | COMMUNE
    code: str
    name: str  # full GSO name, e.g. "Huyện Hoà An"
    short_name: str  # "Hoà An"
    name_en: str  # the dataset's transliteration, not an official name
    type_vi: str  # "Huyện"
    type_en: str  # "rural district"
    parent: str  # parent code in the same list; "" = the country
    links: Links
    valid_from: dt.date | None = None
    valid_through: dt.date | None = None
    change_notes: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.list_version, self.code)


def make_unit(
    row: Row,
    list_version: str,
    level: str,
    *,
    parent: str,
    links: Links,
    valid_from: dt.date | None = None,
    valid_through: dt.date | None = None,
    change_notes: tuple[str, ...] = (),
) -> Unit:
    """The columns every list file shares, plus what the caller read from the others."""
    return Unit(
        list_version=list_version,
        level=level,
        code=row.matching("code", CODE_PATTERNS[level], required=True),
        name=row.required("name"),
        short_name=row.required("short_name"),
        name_en=row.required("name_en"),
        type_vi=row.required("type"),
        type_en=row.required("type_en"),
        parent=parent,
        links=links,
        valid_from=valid_from,
        valid_through=valid_through,
        change_notes=change_notes,
    )


def read_links(row: Row, *columns: str) -> Links:
    """Identifiers from the named columns (which differ from file to file)."""
    found: dict[str, str] = {}
    for column in columns:
        field, pattern = _LINK_COLUMNS[column]
        found[field] = row.matching(column, pattern)
    return Links(**found)


_LINK_COLUMNS: dict[str, tuple[str, re.Pattern[str]]] = {
    "wikidata": ("wikidata", WIKIDATA),
    "geonames": ("geonames", NUMERIC_ID),
    "osm_relation": ("osm_relation", NUMERIC_ID),
    "hasc": ("hasc", HASC),
    "iso_3166_2": ("iso", ISO_3166_2),
}


def parent_code(row: Row, level: str) -> str:
    return row.matching("parent_code", CODE_PATTERNS[level], required=True)


def rows_at_level(rows: Iterable[Row], level: str) -> list[Row]:
    """Rows of a mixed-level file (the Cao Bằng lists) at one level."""
    selected = []
    for row in rows:
        found = row.required("level")
        if found not in CODE_PATTERNS:
            raise row.error(f"column 'level': unknown level {found!r}")
        if found == level:
            selected.append(row)
    return selected
