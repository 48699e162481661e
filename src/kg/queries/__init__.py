"""Canned SPARQL queries: `.rq` files with `#+` headers, typed parameters, RDF catalogue."""

from kg.queries.catalog import CannedQuery, Parameter, bind, load_catalog

__all__ = ["CannedQuery", "Parameter", "bind", "load_catalog"]
