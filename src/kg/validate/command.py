"""`kg validate`: load the built graph and check it."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.build.writer import UNION_NT
from kg.errors import KgError
from kg.settings import Settings
from kg.validate.shacl import ValidationReport, validate_graph


def validate_build(settings: Settings, build_dir: Path) -> ValidationReport:
    data_path = build_dir / UNION_NT
    if not data_path.is_file():
        raise KgError(f"{data_path}: no built graph here; run `kg build` first")
    shapes = settings.ontology_dir / "shapes.ttl"
    if not shapes.is_file():
        raise KgError(f"{shapes}: SHACL shapes not found")
    data = Graph().parse(data_path, format="nt")
    return validate_graph(data, shapes)
