"""The web application factory: `create_app(settings)` wires routers to one service.

The store and its worker processes are opened in the lifespan (not at import), so an
app object is cheap to build in tests and each app owns its own workers.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pyoxigraph as ox
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from kg.factsheets.routes import router as factsheets_router
from kg.queries.catalog import load_catalog
from kg.serve import canned, dataset, health, linked_data, ontology, query_page, sparql
from kg.serve.errors import install_error_handlers
from kg.serve.head import head_as_get
from kg.serve.limits import RateLimiter, caching
from kg.serve.linked_data import curie
from kg.serve.state import HERE, Service
from kg.settings import Settings
from kg.store import BuildStore, QueryBackend, RowsJob, WorkerPool, open_build_store
from kg.store.persist import build_id
from kg.store.pool import pool_size
from kg.store.remote import RemoteBackend

GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g"
TRIPLES_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    state: Service = app.state.service
    settings = state.settings
    if settings.store == "remote":
        remote = RemoteBackend(settings)
        backend: QueryBackend = remote
        closing = remote.aclose
        await remote.open()
        state.build = await remote_build(settings, remote)
    else:
        state.build = await asyncio.to_thread(
            open_build_store, settings.build_dir, settings.store_path
        )
        # Fact sheets run our own saved queries in threads, on a read-only handle of the
        # store (with a remote store they answer 503: they need a local one).
        app.state.store = await asyncio.to_thread(ox.Store.read_only, str(state.build.store_path))
        pool = await asyncio.to_thread(
            WorkerPool,
            state.build.store_path,
            pool_size(settings.query_workers),
            settings.query_timeout,
        )
        backend = pool

        async def closing() -> None:
            await asyncio.to_thread(pool.close)

    state.backend = backend
    try:
        if settings.store == "remote":
            state.graphs = sorted(remote.graphs)
        else:
            rows = await backend.rows(RowsJob(GRAPHS_QUERY))
            state.graphs = [row["g"].value for row in rows.rows]
        yield
    finally:
        state.backend = None
        await closing()


async def remote_build(settings: Settings, remote: RemoteBackend) -> BuildStore:
    """The build the remote store was loaded from: its id keeps ETags tied to the data;
    dumps are still served from the local build folder."""
    ident = await asyncio.to_thread(build_id, settings.build_dir)
    local = settings.store_path / "remote"
    local.mkdir(parents=True, exist_ok=True)
    count = await remote.rows(RowsJob(TRIPLES_QUERY))
    triples = int(count.rows[0]["n"].value) if count.rows else 0
    return BuildStore(settings.build_dir, local / "db", ident, triples)


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="kg — SPARQL endpoint and linked data / Điểm truy vấn SPARQL và dữ liệu liên kết",
        description="Knowledge graph of Vietnamese provincial socio-economic reports.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # the Swagger UI page loads from a CDN; the service works offline
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["curie"] = curie
    app.state.service = Service(
        settings=settings,
        catalog=load_catalog(settings.queries_dir),
        templates=templates,
        limiter=RateLimiter(settings.rate_limit),
    )
    install_error_handlers(app)
    app.add_middleware(
        CORSMiddleware,  # a public read-only endpoint: query pages elsewhere may call it
        allow_origins=["*"],
        allow_methods=["GET", "POST", "HEAD"],
        allow_headers=["*"],
        expose_headers=["ETag", "X-KG-Rows", "X-KG-Truncated", "Retry-After"],
    )
    app.middleware("http")(caching)
    app.middleware("http")(head_as_get)  # added last, so it runs first
    for module in (health, sparql, canned, dataset, ontology, linked_data, query_page):
        app.include_router(module.router)
    app.include_router(factsheets_router)
    canned.add_canned_routes(app, app.state.service.catalog)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
