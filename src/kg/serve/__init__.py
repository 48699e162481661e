"""The web service: SPARQL endpoint, linked-data pages, dataset, dumps, query page."""
