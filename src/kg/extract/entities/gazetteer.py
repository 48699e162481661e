"""Administrative units of the GSO lists in `data/vocab/`, looked up by folded name.

Provinces and districts cover the whole country (2023 list), communes the provinces whose
commune list is in `data/vocab/` (`admin-units-*-2023.csv`). Keys are GSO codes of the
2023 list, as the vocab graph mints them.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import KgError
from kg.extract.entities.fold import fold

LATER = "commune-2025"  # communes of the 2025 list, read only when no 2023 unit fits


@dataclass(frozen=True)
class Unit:
    code: str
    name: str  # full official name, "Huyện Hà Quảng"
    short: str  # "Hà Quảng"
    type: str  # "Huyện", "Xã", ...
    level: str  # province | district | commune
    parent: str  # code of the enclosing unit ("" for provinces)
    name_en: str = ""


@dataclass
class Gazetteer:
    units: dict[str, Unit] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, unit: Unit) -> None:
        if unit.code in self.units:
            return
        self.units[unit.code] = unit
        self.by_name[(unit.level, _key(unit.short))].append(unit.code)

    def find(self, level: str, name: str) -> list[Unit]:
        return [self.units[c] for c in self.by_name.get((level, _key(name)), [])]

    def province_of(self, code: str) -> str:
        unit = self.units.get(code)
        while unit and unit.level != "province":
            unit = self.units.get(unit.parent)
        return unit.code if unit else ""


def _key(name: str) -> str:
    return " ".join(fold(name).split())


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError as exc:
        raise KgError(f"{path}: reference list of administrative units missing") from exc


@lru_cache(maxsize=4)
def load_gazetteer(vocab_dir: Path) -> Gazetteer:
    gaz = Gazetteer()
    for row in _rows(vocab_dir / "provinces-2023.csv"):
        gaz.add(_unit(row, "province", ""))
    for row in _rows(vocab_dir / "districts-2023.csv"):
        gaz.add(_unit(row, "district", row["parent_code"]))
    for path in sorted(vocab_dir.glob("admin-units-*-2023.csv")):
        for row in _rows(path):
            if row["level"] == "commune":
                gaz.add(_unit(row, "commune", row["parent_code"]))
    for path in sorted(p for p in vocab_dir.glob("admin-units-*-2025.csv") if "-to-" not in p.name):
        for row in _rows(path):  # units of the 2025 list: key "2025:{code}" (codes reused)
            if row["level"] == "commune":
                unit = _unit(row, LATER, row["parent_code"])
                gaz.add(Unit(**{**unit.__dict__, "code": f"2025:{unit.code}"}))
    return gaz


def _unit(row: dict[str, str], level: str, parent: str) -> Unit:
    return Unit(
        code=row["code"],
        name=row["name"],
        short=row["short_name"],
        type=row["type"],
        level=level,
        parent=parent,
        name_en=row.get("name_en", ""),
    )
