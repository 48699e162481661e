"""Turn the CSV reference data of `data/vocab/` into the vocab graph (docs/model.md).

Everything is read and cross-checked first; triples are made only from data that passed,
so a broken file fails the build with a message instead of yielding a partial graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from kg.iris import Iris
from kg.vocab import checks, lists
from kg.vocab.entities import REFERENCE_COLUMNS, add_reference_entities
from kg.vocab.indicators import (
    NATIONAL_CODE_COLUMNS,
    NATIONAL_CODES,
    add_national_codes,
    national_codes,
)
from kg.vocab.provenance import (
    MANIFEST,
    MANIFEST_COLUMNS,
    SourceFile,
    add_provenance,
    source_files,
)
from kg.vocab.rdf import add_succession, add_unit, add_unit_types
from kg.vocab.succession import (
    CROSSWALK_COLUMNS,
    Succession,
    check_predecessors,
    check_successors,
    commune_successions,
    province_successions,
)
from kg.vocab.table import Table, read_table
from kg.vocab.units import COMMUNE, DISTRICT, PROVINCE, Unit, rows_at_level

# file name -> the columns the loader needs from it
FILES: dict[str, list[str]] = {
    "provinces-2023.csv": lists.PROVINCES_2023_COLUMNS,
    "provinces-2025.csv": lists.PROVINCES_2025_COLUMNS,
    "districts-2023.csv": lists.DISTRICTS_2023_COLUMNS,
    "admin-units-cao-bang-2023.csv": lists.CAO_BANG_2023_COLUMNS,
    "admin-units-cao-bang-2025.csv": lists.CAO_BANG_2025_COLUMNS,
    "admin-units-cao-bang-2023-to-2025.csv": CROSSWALK_COLUMNS,
    "reference-entities.csv": REFERENCE_COLUMNS,
    NATIONAL_CODES: NATIONAL_CODE_COLUMNS,
}


@dataclass(frozen=True)
class Vocabulary:
    """The checked content of `data/vocab/`, before it becomes triples."""

    tables: dict[str, Table]
    units: list[Unit]
    successions: list[Succession]
    national_codes: dict[str, str]
    files: list[SourceFile]  # sources and licences of the tables, from files.csv


def vocab_graph(vocab_dir: Path, iris: Iris) -> Graph:
    """The vocab graph; raises `KgError` naming the file if any reference file is unusable."""
    vocabulary = load_vocabulary(vocab_dir)
    graph = Graph()
    add_reference_entities(graph, iris, vocabulary.tables["reference-entities.csv"])
    add_unit_types(graph, iris, vocabulary.units)
    for unit in vocabulary.units:
        add_unit(graph, iris, unit)
    for succession in vocabulary.successions:
        add_succession(graph, iris, succession)
    add_national_codes(graph, iris, vocabulary.national_codes)
    add_provenance(graph, iris, vocabulary.files)
    return graph


def load_vocabulary(vocab_dir: Path) -> Vocabulary:
    tables = {name: read_table(vocab_dir / name, columns) for name, columns in FILES.items()}
    files = source_files(read_table(vocab_dir / MANIFEST, MANIFEST_COLUMNS), tables)
    units = _units(tables)
    successions = _successions(tables, units)
    return Vocabulary(tables, units, successions, national_codes(tables[NATIONAL_CODES]), files)


def _units(tables: dict[str, Table]) -> list[Unit]:
    loaded = [
        ("provinces-2023.csv", lists.provinces_2023),
        ("provinces-2025.csv", lists.provinces_2025),
        ("districts-2023.csv", lists.districts_2023),
        ("admin-units-cao-bang-2023.csv", lists.communes_2023),
        ("admin-units-cao-bang-2025.csv", lists.communes_2025),
    ]
    found = {name: loader(tables[name].rows) for name, loader in loaded}
    units = [unit for name, _loader in loaded for unit in found[name]]
    glosses: dict[str, str] = {}
    for name, _loader in loaded:
        checks.check_unique(tables[name], found[name])
        checks.check_parents(tables[name], found[name], units)
        checks.check_unit_types(tables[name], found[name], glosses)
    _check_cao_bang_overlap(tables, units)
    return units


def _check_cao_bang_overlap(tables: dict[str, Table], units: list[Unit]) -> None:
    """The Cao Bằng files repeat its province and districts: they must agree."""
    by_list = {
        (version, level): [u for u in units if u.key[0] == version and u.level == level]
        for version in ("2023", "2025")
        for level in (PROVINCE, DISTRICT)
    }
    cao_bang_2023 = tables["admin-units-cao-bang-2023.csv"]
    checks.check_same_units(cao_bang_2023, PROVINCE, by_list["2023", PROVINCE])
    checks.check_same_units(cao_bang_2023, DISTRICT, by_list["2023", DISTRICT])
    checks.check_same_units(
        tables["admin-units-cao-bang-2025.csv"], PROVINCE, by_list["2025", PROVINCE]
    )


def _successions(tables: dict[str, Table], units: list[Unit]) -> list[Succession]:
    communes = {
        version: [u for u in units if u.level == COMMUNE and u.list_version == version]
        for version in ("2023", "2025")
    }
    crosswalk = tables["admin-units-cao-bang-2023-to-2025.csv"]
    local = commune_successions(crosswalk, communes["2023"], communes["2025"])
    cao_bang_2025 = tables["admin-units-cao-bang-2025.csv"].rows
    check_predecessors(rows_at_level(cao_bang_2025, COMMUNE), local)
    provinces = province_successions(
        tables["provinces-2023.csv"].rows, tables["provinces-2025.csv"].rows
    )
    check_predecessors(tables["provinces-2025.csv"].rows, provinces)
    check_successors(tables["admin-units-cao-bang-2023.csv"].rows, local + provinces)
    return sorted(local + provinces)
