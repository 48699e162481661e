"""The query store: the build loaded into Oxigraph, queried in worker processes.

`open_build_store` turns `build/kg.nq` into an on-disk store that worker processes open
read-only; `WorkerPool` runs queries in those workers with a time limit; `QueryBackend`
is what the web service needs from a store, so a remote store can replace this one.
"""

from kg.store.backend import QueryBackend, QueryJob, QueryOutcome, RowsJob, RowsOutcome
from kg.store.persist import BuildStore, open_build_store
from kg.store.pool import WorkerPool

__all__ = [
    "BuildStore",
    "QueryBackend",
    "QueryJob",
    "QueryOutcome",
    "RowsJob",
    "RowsOutcome",
    "WorkerPool",
    "open_build_store",
]
