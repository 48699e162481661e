"""Canned SPARQL queries: `.rq` files with `#+` headers, run with typed parameters."""
