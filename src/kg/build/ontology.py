"""Load the ontology files (everything in `ontology/` except the SHACL shapes)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.errors import KgError

SHAPES_FILE = "shapes.ttl"


def ontology_files(ontology_dir: Path) -> list[Path]:
    files = sorted(p for p in ontology_dir.glob("*.ttl") if p.name != SHAPES_FILE)
    if not files:
        raise KgError(f"{ontology_dir}: no ontology (*.ttl) found")
    return files


def load_ontology(ontology_dir: Path) -> Graph:
    graph = Graph()
    for path in ontology_files(ontology_dir):
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises several parser error types
            raise KgError(f"{path}: not valid Turtle ({exc})") from exc
    return graph
