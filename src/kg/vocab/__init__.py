"""Reference data (GSO administrative units, identifiers) as RDF."""

from kg.vocab.graph import vocab_graph

__all__ = ["vocab_graph"]
