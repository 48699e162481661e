"""Stage 4: check the built graph against the SHACL shapes (and the ontology with a reasoner)."""

from kg.validate.shacl import ValidationReport, Violation, load_shapes, validate_graph

__all__ = ["ValidationReport", "Violation", "load_shapes", "validate_graph"]
