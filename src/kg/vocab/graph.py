"""Turn the CSV reference data of `data/vocab/` into one graph."""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import KgError
from kg.iris import KG, Iris

CAO_BANG_2023 = "admin-units-cao-bang-2023.csv"


def vocab_graph(vocab_dir: Path, iris: Iris) -> Graph:
    graph = Graph()
    for row in _rows(vocab_dir / CAO_BANG_2023):
        unit = iris.admin_unit("2023", row["code"])
        graph.add((unit, RDF.type, KG.AdministrativeUnit))
        graph.add((unit, SKOS.notation, Literal(row["code"])))
        graph.add((unit, RDFS.label, Literal(row["name"], lang="vi")))
        graph.add((unit, RDFS.label, Literal(row["name_en"], lang="en")))
    return graph


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise KgError(f"{path}: cannot read reference data ({exc.strerror})") from exc
